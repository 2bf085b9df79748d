import { useState } from 'react';
import { ActionIcon, Button, Card, Code, Group, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconKey, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../../../app/format';
import { notifySuccess } from '../../../app/notify';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { ErrorState } from '../../../components/ErrorState';
import {
  createApiToken,
  keys,
  revokeApiToken,
  useApiTokens,
  type ApiToken,
  type CreatedApiToken,
} from '../queries';
import { NewTokenModal } from './NewTokenModal';

/** Personal API tokens for integrations (API-1): list, create (shown once), revoke. */
export function ApiTokensCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [toRevoke, setToRevoke] = useState<ApiToken | null>(null);
  const tokens = useApiTokens();

  const create = useMutation({
    mutationFn: createApiToken,
    onSuccess: (token) => {
      setCreated(token);
      setName('');
      void queryClient.invalidateQueries({ queryKey: keys.tokens });
    },
  });

  const revoke = useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => {
      setToRevoke(null);
      notifySuccess(t('identity:tokens.revoked'));
      void queryClient.invalidateQueries({ queryKey: keys.tokens });
    },
  });

  const items = tokens.data?.items ?? [];

  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={4}>{t('identity:tokens.title')}</Title>
      <Text c="dimmed" size="sm" mb="md">
        {t('identity:tokens.help')}
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) create.mutate(name.trim());
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('identity:tokens.name')}
            placeholder={t('identity:tokens.namePlaceholder')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            style={{ flex: '1 1 220px' }}
            maxLength={100}
          />
          <Button
            type="submit"
            leftSection={<IconKey size={16} />}
            loading={create.isPending}
            disabled={!name.trim()}
          >
            {t('identity:tokens.create')}
          </Button>
        </Group>
      </form>

      {tokens.isError && <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />}
      {tokens.isSuccess && items.length === 0 && (
        <Text c="dimmed" size="sm" mt="md">
          {t('identity:tokens.empty')}
        </Text>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={520} mt="md">
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('identity:tokens.name')}</Table.Th>
                <Table.Th>{t('identity:tokens.prefix')}</Table.Th>
                <Table.Th>{t('identity:tokens.createdAt')}</Table.Th>
                <Table.Th>{t('identity:tokens.lastUsedAt')}</Table.Th>
                <Table.Th w={48} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>{token.name}</Table.Td>
                  <Table.Td>
                    <Code>{token.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                  <Table.Td title={formatDateTime(token.lastUsedAt)}>
                    {token.lastUsedAt ? formatRelative(token.lastUsedAt) : t('identity:tokens.neverUsed')}
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={t('identity:tokens.revoke')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => setToRevoke(token)}
                        aria-label={t('identity:tokens.revoke')}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <NewTokenModal token={created} onClose={() => setCreated(null)} />
      <ConfirmModal
        opened={toRevoke !== null}
        title={t('identity:tokens.revokeTitle')}
        message={t('identity:tokens.revokeMessage', { name: toRevoke?.name ?? '' })}
        confirmLabel={t('identity:tokens.revoke')}
        loading={revoke.isPending}
        onConfirm={() => toRevoke && revoke.mutate(toRevoke.id)}
        onClose={() => setToRevoke(null)}
      />
    </Card>
  );
}
