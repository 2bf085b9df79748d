import { ActionIcon, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../app/notify';
import { useTeams } from '../../app/teams';
import { addGrant, keys, revokeGrant, searchPeople, useGrants, type GrantTarget } from './queries';

/** Who may see a restricted or secret record besides its owner; the owner adds and revokes (ID-3). */
export function GrantsPanel({ target, canManage }: { target: GrantTarget; canManage: boolean }) {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const teams = useTeams();
  const [people, setPeople] = useState<{ value: string; label: string }[]>([]);
  const [userId, setUserId] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const grants = useGrants(target);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: keys.grants(target) });
  const add = useMutation({
    mutationFn: (body: { userId?: string; teamId?: string }) => addGrant(target, body),
    onSuccess: () => {
      setUserId(null);
      setTeamId(null);
      refresh();
    },
    onError: (error) => notifyError(error),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => revokeGrant(target, id),
    onSuccess: refresh,
    onError: (error) => notifyError(error),
  });

  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {t('grants.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('grants.help')}
      </Text>
      <Stack gap={6}>
        {(grants.data?.items ?? []).map((grant) => (
          <Group key={grant.id} justify="space-between" wrap="nowrap">
            <Text size="sm">
              {grant.name}{' '}
              {grant.teamId && (
                <Text span c="dimmed" size="xs">
                  ({t('grants.team')})
                </Text>
              )}
            </Text>
            {canManage && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('grants.revoke')}
                onClick={() => revoke.mutate(grant.id)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            )}
          </Group>
        ))}
        {grants.data?.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('grants.none')}
          </Text>
        )}
      </Stack>
      {canManage && (
        <Stack gap="xs" mt="md">
          <Group gap="xs" align="flex-end" wrap="wrap">
            <Select
              style={{ flex: '1 1 200px' }}
              searchable
              label={t('grants.person')}
              placeholder={t('grants.personPlaceholder')}
              data={people}
              value={userId}
              onChange={setUserId}
              onSearchChange={(q) =>
                void searchPeople(q)
                  .then(setPeople)
                  .catch(() => undefined)
              }
              filter={({ options }) => options}
              nothingFoundMessage={t('grants.typeName')}
            />
            <Button
              variant="light"
              disabled={!userId}
              loading={add.isPending}
              onClick={() => userId && add.mutate({ userId })}
            >
              {t('grants.add')}
            </Button>
          </Group>
          <Group gap="xs" align="flex-end" wrap="wrap">
            <Select
              style={{ flex: '1 1 200px' }}
              searchable
              label={t('grants.teamLabel')}
              data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
              value={teamId}
              onChange={setTeamId}
            />
            <Button
              variant="light"
              disabled={!teamId}
              loading={add.isPending}
              onClick={() => teamId && add.mutate({ teamId })}
            >
              {t('grants.add')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
