import { useQuery } from '@tanstack/react-query';
import { fetchTeams, keys } from './queries';

export type { Team } from './queries';

export const teamsQueryKey = keys.teams;

/** Every team of the organisation; readable by any signed-in user. */
export function useTeams() {
  return useQuery({
    queryKey: teamsQueryKey,
    queryFn: fetchTeams,
    select: (data) => data.items,
    staleTime: 60_000,
  });
}
