import { ActionIcon, Anchor, Card, FileButton, Group, Stack, Text, Title, Button } from '@mantine/core';
import { IconDownload, IconFile, IconTrash, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../app/format';
import { notifyError, notifySuccess } from '../../../app/notify';
import { deleteDocument, keys, uploadDocument, useDocuments } from '../queries';

const size = (bytes: number) =>
  bytes > 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} Mo` : `${Math.max(1, Math.round(bytes / 1024))} Ko`;

/** Files attached to a record, with upload and delete; `includeChildren` on an account adds those of its offers and activities. */
export function DocumentsCard({
  parentType,
  parentId,
  canUpload = true,
  includeChildren = false,
  bare = false,
}: {
  parentType: string;
  parentId: string;
  canUpload?: boolean;
  includeChildren?: boolean;
  bare?: boolean;
}) {
  const { t } = useTranslation('sales');
  const client = useQueryClient();
  const documents = useDocuments(parentType, parentId, includeChildren);
  const upload = useMutation({
    mutationFn: (file: File) => uploadDocument(parentType, parentId, file),
    onSuccess: () => {
      notifySuccess(t('documents.uploaded'));
      void client.invalidateQueries({ queryKey: keys.documents });
    },
    onError: (error) => notifyError(error),
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteDocument(id),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.documents }),
    onError: (error) => notifyError(error),
  });
  const body = (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={4}>{t('documents.title')}</Title>
        {canUpload && (
          <FileButton onChange={(file) => file && upload.mutate(file)}>
            {(props) => (
              <Button
                {...props}
                size="xs"
                variant="light"
                leftSection={<IconUpload size={14} />}
                loading={upload.isPending}
              >
                {t('documents.upload')}
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      {documents.data?.items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('documents.none')}
        </Text>
      )}
      {documents.data?.items.map((doc) => (
        <Group key={doc.id} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <IconFile size={18} />
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Anchor href={doc.downloadUrl} size="sm" truncate>
                {doc.fileName}
              </Anchor>
              <Text size="xs" c="dimmed">
                {size(doc.sizeBytes)} · {formatDate(doc.createdAt)}
                {doc.uploadedByName ? ` · ${doc.uploadedByName}` : ''}
              </Text>
            </Stack>
          </Group>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              component="a"
              href={doc.downloadUrl}
              variant="subtle"
              aria-label={t('documents.download')}
            >
              <IconDownload size={16} />
            </ActionIcon>
            {canUpload && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('documents.delete')}
                onClick={() => remove.mutate(doc.id)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            )}
          </Group>
        </Group>
      ))}
    </Stack>
  );
  return bare ? (
    body
  ) : (
    <Card withBorder radius="md" padding="lg">
      {body}
    </Card>
  );
}
