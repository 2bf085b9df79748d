import { Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTeams } from '../../../app/teams';
import { roleOptions, teamOptions } from './role-options';

/** The role and team pickers shared by the invite and edit-user dialogs. */
export function RoleTeamFields(props: {
  role: string;
  teamId: string;
  onRoleChange: (role: string) => void;
  onTeamChange: (teamId: string) => void;
  errors: { role?: string; teamId?: string };
}) {
  const { t } = useTranslation();
  const teams = useTeams();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }}>
      <Select
        label={t('admin:users.role')}
        data={roleOptions(t)}
        value={props.role}
        onChange={(value) => props.onRoleChange(value ?? props.role)}
        error={props.errors.role}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={t('admin:users.team')}
        placeholder={t('admin:users.noTeam')}
        data={teamOptions(teams.data)}
        value={props.teamId || null}
        onChange={(value) => props.onTeamChange(value ?? '')}
        error={props.errors.teamId}
        clearable
        searchable
        comboboxProps={{ withinPortal: true }}
      />
    </SimpleGrid>
  );
}
