import type { ReactNode } from 'react';
import { Group, Stack, Text, Title, type MantineSpacing } from '@mantine/core';

/** Title row of a page: title, optional subtitle and right-aligned actions (wrap on phones). */
export function PageHeader({
  title,
  description,
  actions,
  mb = 'lg',
}: {
  title: string;
  description?: string;
  actions?: ReactNode;
  mb?: MantineSpacing;
}) {
  return (
    <Group justify="space-between" align="flex-end" mb={mb} gap="sm" wrap="wrap">
      <Stack gap={4} style={{ minWidth: 0 }}>
        <Title order={2}>{title}</Title>
        {description && <Text c="dimmed">{description}</Text>}
      </Stack>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}
