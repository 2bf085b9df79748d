import { useQuery } from '@tanstack/react-query';
import type { TeamKind } from '../../common/roles';
import { api } from './api';

/** A node of the organisation (ID-1), as returned by `GET /api/v1/teams`. */
export interface Team {
  id: string;
  name: string;
  kind: TeamKind;
  parentId: string | null;
  managerId: string | null;
  managerName: string | null;
  memberCount: number;
}

export const teamsQueryKey = ['teams'] as const;

/** Every team of the organisation; readable by any signed-in user. */
export function useTeams() {
  return useQuery({
    queryKey: teamsQueryKey,
    queryFn: () => api.get<{ items: Team[] }>('/teams'),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}
