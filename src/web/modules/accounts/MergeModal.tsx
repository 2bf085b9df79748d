import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../app/notify';
import { findAccounts, keys, mergeAccounts, type Account } from './queries';

/** Merge a duplicate into this account: everything linked to it moves here, then it is deleted. */
export function MergeModal({
  account,
  opened,
  onClose,
}: {
  account: Account;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('accounts');
  const queryClient = useQueryClient();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [otherId, setOtherId] = useState<string | null>(null);
  const search = (q: string) => {
    if (q.trim().length < 2) return;
    void findAccounts({ q, limit: 10 })
      .then((page) =>
        setOptions(
          page.items
            .filter((item) => item.id !== account.id)
            .map((item) => ({
              value: item.id,
              label: [item.name, item.city, item.ownerName].filter(Boolean).join(' · '),
            })),
        ),
      )
      .catch(() => undefined);
  };
  const merge = useMutation({
    mutationFn: () => mergeAccounts(account.id, otherId ?? ''),
    onSuccess: () => {
      notifySuccess(t('merge.done'));
      void queryClient.invalidateQueries({ queryKey: keys.accounts });
      void queryClient.invalidateQueries({ queryKey: keys.account(account.id) });
      setOtherId(null);
      onClose();
    },
    onError: (error) => notifyError(error),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('merge.title', { name: account.name })} centered>
      <Stack gap="sm">
        <Text size="sm">{t('merge.help')}</Text>
        <Select
          searchable
          label={t('merge.duplicate')}
          placeholder={t('merge.placeholder')}
          data={options}
          value={otherId}
          onChange={setOtherId}
          onSearchChange={search}
          filter={({ options: all }) => all}
          nothingFoundMessage={t('grants.typeName')}
        />
        {otherId && (
          <Alert color="orange">
            {t('merge.warning', { other: options.find((o) => o.value === otherId)?.label ?? '' })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="orange" disabled={!otherId} loading={merge.isPending} onClick={() => merge.mutate()}>
            {t('merge.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
