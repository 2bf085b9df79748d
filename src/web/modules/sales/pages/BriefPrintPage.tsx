import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { formatDateTime } from '../../../app/format';
import { ErrorState } from '../../../components/ErrorState';
import { FullPageLoader } from '../../../components/FullPageLoader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { BriefView } from '../components/BriefView';
import { useBrief } from '../queries';
import { BriefHeading } from './BriefPage';

const PRINT_CSS = `
@page { margin: 12mm; }
@media print {
  .brief-no-print { display: none !important; }
  body { background: white !important; }
  .brief-print .mantine-Card-root { break-inside: avoid; border-color: #999 !important; }
}`;

/**
 * The brief on paper (CRM-7): outside the app's frame, links as text, and the browser's print
 * dialog opened once it is drawn. "Back" returns to the brief.
 */
export function BriefPrintPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('sales');
  const brief = useBrief(id);
  useDocumentTitle(brief.data ? t('brief.titleOf', { name: brief.data.account.name }) : t('brief.open'));
  const ready = Boolean(brief.data);
  useEffect(() => {
    if (!ready) return;
    const timer = window.setTimeout(() => window.print(), 300);
    return () => window.clearTimeout(timer);
  }, [ready]);
  if (brief.error) return <ErrorState error={brief.error} />;
  if (!brief.data) return <FullPageLoader />;
  return (
    <Box className="brief-print" p="md" maw={1000} mx="auto" bg="white">
      <style>{PRINT_CSS}</style>
      <Stack gap="md">
        <Group justify="space-between" className="brief-no-print">
          <Button
            component={Link}
            to={`/accounts/${id}/brief`}
            variant="subtle"
            leftSection={<IconArrowLeft size={16} />}
          >
            {t('brief.back')}
          </Button>
          <Button onClick={() => window.print()} leftSection={<IconPrinter size={16} />}>
            {t('brief.print')}
          </Button>
        </Group>
        <BriefHeading brief={brief.data} />
        <BriefView brief={brief.data} print />
        <Text size="xs" c="dimmed">
          {t('brief.printedAt', { date: formatDateTime(brief.data.generatedAt) })}
        </Text>
      </Stack>
    </Box>
  );
}
