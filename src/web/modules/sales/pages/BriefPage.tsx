import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { OfflineNotice } from '../../../app/offline/OfflineNotice';
import { ErrorState } from '../../../components/ErrorState';
import { useDocumentTitle } from '../../../components/use-document-title';
import { BriefView } from '../components/BriefView';
import { offlinePaths, useBrief, type Brief } from '../queries';

/** The account line under the brief's title: sector, segment, place, phone, who follows it. */
export function BriefHeading({ brief }: { brief: Brief }) {
  const { t } = useTranslation('sales');
  const a = brief.account;
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {t('brief.open')}
      </Text>
      <Title order={2}>{a.name}</Title>
      <Text size="sm" c="dimmed">
        {[a.sector, a.segment, [a.postalCode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(' · ')}
      </Text>
      <Text size="sm">
        {[a.addressLine, a.phone, a.website].filter(Boolean).join(' · ')}
        {a.ownerName ? ` · ${t('brief.owner', { name: a.ownerName })}` : ''}
      </Text>
    </Stack>
  );
}

/** "Prepare my visit" (CRM-7): one page, readable on a phone, with a print version. */
export function BriefPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('sales');
  const brief = useBrief(id);
  useDocumentTitle(brief.data ? t('brief.titleOf', { name: brief.data.account.name }) : t('brief.open'));
  if (brief.error) return <ErrorState error={brief.error} />;
  const b = brief.data;
  if (!b) return null;
  return (
    <Stack className="brief-page" maw={1000} mx="auto" gap="md">
      <OfflineNotice paths={[offlinePaths.brief(id)]} updatedAt={brief.dataUpdatedAt} />
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <BriefHeading brief={b} />
        <Group gap="xs">
          <Button component={Link} to={`/accounts/${b.account.id}`} variant="default">
            {t('brief.account')}
          </Button>
          <Button
            component={Link}
            to={`/accounts/${b.account.id}/brief/print`}
            leftSection={<IconPrinter size={16} />}
          >
            {t('brief.print')}
          </Button>
        </Group>
      </Group>
      <BriefView brief={b} />
    </Stack>
  );
}
