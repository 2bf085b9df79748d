import type { ReactNode } from 'react';
import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

/** Big centred message for 403/404/crash pages. */
export function StatusPage({
  code,
  title,
  message,
  action,
}: {
  code: string;
  title: string;
  message: string;
  action?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack align="center" gap="sm" py={64} px="md" ta="center">
      <Text fz={72} fw={800} c="dimmed" lh={1} aria-hidden>
        {code}
      </Text>
      <Title order={2}>{title}</Title>
      <Text c="dimmed" maw={460}>
        {message}
      </Text>
      {action ?? (
        <Button component={Link} to="/" mt="md">
          {t('common:actions.backHome')}
        </Button>
      )}
    </Stack>
  );
}
