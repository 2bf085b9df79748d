import { useMemo, useState } from 'react';
import { Button, Card, Loader, Center, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../app/notify';
import { teamsQueryKey, useTeams, type Team } from '../../../app/teams';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { TeamFormModal, type TeamDraft } from '../components/TeamFormModal';
import { TeamTree } from '../components/TeamTree';
import { deleteTeam } from '../queries';
import { buildTeamTree, childKind } from '../team-tree';

export function TeamsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin:teams.title'));
  const queryClient = useQueryClient();
  const teams = useTeams();
  const tree = useMemo(() => buildTeamTree(teams.data ?? []), [teams.data]);
  const [draft, setDraft] = useState<TeamDraft | null>(null);
  const [toDelete, setToDelete] = useState<Team | null>(null);

  const remove = useMutation({
    mutationFn: (team: Team) => deleteTeam(team.id),
    onSuccess: () => {
      notifySuccess(t('admin:teams.deleted'));
      void queryClient.invalidateQueries({ queryKey: teamsQueryKey });
    },
    // Whatever the answer (e.g. 409 team.not_empty, shown by the global handler), close the dialog.
    onSettled: () => setToDelete(null),
  });

  const rootKind = childKind(undefined);
  const draftKey = draft ? (draft.mode === 'edit' ? draft.team.id : `new-${draft.parentId ?? 'root'}`) : '';

  return (
    <>
      <PageHeader
        title={t('admin:teams.title')}
        description={t('admin:teams.subtitle')}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() =>
              setDraft({ mode: 'create', kind: tree.length ? 'team' : rootKind, parentId: null })
            }
          >
            {t('admin:teams.create')}
          </Button>
        }
      />
      <Card withBorder radius="md" p={{ base: 'xs', sm: 'md' }}>
        {teams.isPending && (
          <Center py="xl">
            <Loader />
          </Center>
        )}
        {teams.isError && <ErrorState error={teams.error} onRetry={() => void teams.refetch()} />}
        {teams.isSuccess && tree.length === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            {t('admin:teams.empty')}
          </Text>
        )}
        {tree.length > 0 && (
          <TeamTree
            nodes={tree}
            onAddChild={(parent) =>
              setDraft({ mode: 'create', kind: childKind(parent), parentId: parent.id })
            }
            onEdit={(team) => setDraft({ mode: 'edit', team })}
            onDelete={setToDelete}
          />
        )}
      </Card>

      {draft && <TeamFormModal key={draftKey} draft={draft} onClose={() => setDraft(null)} />}
      <ConfirmModal
        opened={toDelete !== null}
        title={t('admin:teams.deleteTitle')}
        message={t('admin:teams.deleteMessage', { name: toDelete?.name ?? '' })}
        confirmLabel={t('common:actions.delete')}
        loading={remove.isPending}
        onConfirm={() => toDelete && remove.mutate(toDelete)}
        onClose={() => setToDelete(null)}
      />
    </>
  );
}
