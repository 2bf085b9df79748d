import { Alert, Button, Group } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../app/error-message';

/** Inline error block for a failed query, with an optional retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={t('common:errors.title')} m="md">
      {errorMessage(error, i18n)}
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('common:actions.retry')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
