import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Shows a freshly created token once; the server never returns it again. */
/** What the modal shows of a token just created: its name and the secret, shown this once. */
type ShownToken = { name: string; token: string };

export function NewTokenModal({ token, onClose }: { token: ShownToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={token !== null}
      onClose={onClose}
      title={t('identity:tokens.createdTitle')}
      size="lg"
      centered
    >
      {token && (
        <Stack>
          <Alert color="orange" icon={<IconAlertTriangle />}>
            {t('identity:tokens.showOnce')}
          </Alert>
          <Text size="sm" fw={500}>
            {token.name}
          </Text>
          <Code block data-testid="new-token" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {token.token}
          </Code>
          <Text size="xs" c="dimmed">
            {t('identity:tokens.usage')}
          </Text>
          <Group justify="flex-end">
            <CopyButton value={token.token}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  color={copied ? 'teal' : 'blue'}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                >
                  {copied ? t('common:actions.copied') : t('common:actions.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{t('common:actions.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
