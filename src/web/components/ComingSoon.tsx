import { Badge, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconHourglassHigh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { NavIcon } from '../app/module-types';
import { useDocumentTitle } from './use-document-title';

/** Placeholder page of a module that is specified but not built yet. */
export function ComingSoon({
  titleKey,
  descriptionKey,
  icon: Icon,
}: {
  titleKey: string;
  descriptionKey: string;
  icon?: NavIcon;
}) {
  const { t } = useTranslation();
  const title = t(titleKey);
  useDocumentTitle(title);
  return (
    <Card withBorder radius="lg" padding="xl" maw={720} mx="auto" mt="xl" data-testid="coming-soon">
      <Stack align="center" ta="center" gap="md">
        <ThemeIcon size={72} radius="xl" variant="light">
          {Icon ? <Icon size={40} stroke={1.5} /> : <IconHourglassHigh size={40} stroke={1.5} />}
        </ThemeIcon>
        <Group gap="xs" justify="center">
          <Title order={2}>{title}</Title>
          <Badge color="orange" variant="light" size="lg">
            {t('common:comingSoon.badge')}
          </Badge>
        </Group>
        <Text size="lg">{t(descriptionKey)}</Text>
        <Text c="dimmed" size="sm">
          {t('common:comingSoon.note')}
        </Text>
      </Stack>
    </Card>
  );
}
