import { Anchor, Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../app/api';
import { formatDate } from '../../../app/format';
import { ErrorState } from '../../../components/ErrorState';
import { useDocumentTitle } from '../../../components/use-document-title';
import { money } from '../api';

interface Brief {
  account: { id: string; name: string; kind: string; sector: string | null; segment: string | null; city: string | null; postalCode: string | null; addressLine: string | null; phone: string | null; website: string | null; tags: string[]; ownerName: string | null };
  keyFacts: { openOffers: number; openPipeline: number; wonLast12Months: number; wonCount: number; lostCount: number; lastActivityAt: string | null; lastVisitAt: string | null };
  lastActivities: { id: string; kind: string; subject: string; occurredAt: string; ownerName: string; outcome: string | null; nextSteps: string | null }[];
  openOffers: { id: string; title: string; amount: number; stageName: string; probability: number; expectedCloseDate: string | null }[];
  openTasks: { id: string; subject: string; dueDate: string | null; ownerName: string }[];
  contacts: { id: string; name: string; title: string | null; role: string | null; isPrimary: boolean; phone: string | null; email: string | null }[];
  colleagues: { id: string; name: string }[];
  sections: { key: string; title: { fr: string; en: string }; items: { title: string; summary: string | null; url: string }[] }[];
}

const PRINT_CSS = `
@media print {
  .mantine-AppShell-header, .mantine-AppShell-navbar, .mantine-AppShell-footer, .brief-no-print { display: none !important; }
  .mantine-AppShell-main { padding: 0 !important; margin: 0 !important; }
  .brief-page { max-width: none !important; }
  .brief-page .mantine-Card-root { break-inside: avoid; border-color: #999 !important; }
  body { background: white !important; }
  a { color: black !important; text-decoration: none !important; }
}`;

function Section({ title, children, empty }: { title: string; children: React.ReactNode; empty?: boolean }) {
  const { t } = useTranslation('sales');
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={4} mb="xs">{title}</Title>
      {empty ? <Text size="sm" c="dimmed">{t('common.empty')}</Text> : children}
    </Card>
  );
}

/** "Prepare my visit" (CRM-7): one page, printable, readable on a phone. */
export function BriefPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('sales');
  const brief = useQuery({ queryKey: ['brief', id], queryFn: () => api.get<Brief>(`/accounts/${id}/brief`) });
  useDocumentTitle(brief.data ? t('brief.titleOf', { name: brief.data.account.name }) : t('brief.open'));
  if (brief.error) return <ErrorState error={brief.error} />;
  const b = brief.data;
  if (!b) return null;
  const lang = i18n.language;
  const a = b.account;
  const k = b.keyFacts;
  return (
    <Stack className="brief-page" maw={1000} mx="auto" gap="md">
      <style>{PRINT_CSS}</style>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">{t('brief.open')}</Text>
          <Title order={2}>{a.name}</Title>
          <Text size="sm" c="dimmed">{[a.sector, a.segment, [a.postalCode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(' · ')}</Text>
          <Text size="sm">{[a.phone, a.website].filter(Boolean).join(' · ')}{a.ownerName ? ` · ${t('brief.owner', { name: a.ownerName })}` : ''}</Text>
        </Stack>
        <Group gap="xs" className="brief-no-print">
          <Button component={Link} to={`/accounts/${a.id}`} variant="default">{t('brief.account')}</Button>
          <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>{t('brief.print')}</Button>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {[
          [t('brief.openOffers'), `${k.openOffers} · ${money(k.openPipeline, lang)}`],
          [t('brief.won12'), money(k.wonLast12Months, lang)],
          [t('brief.winLoss'), `${k.wonCount} / ${k.lostCount}`],
          [t('brief.lastVisit'), formatDate(k.lastVisitAt) || '–'],
        ].map(([label, value]) => (
          <Card key={label} withBorder radius="md" padding="sm"><Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text><Text fw={700}>{value}</Text></Card>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Section title={t('brief.contacts')} empty={b.contacts.length === 0}>
          <Stack gap={6}>
            {b.contacts.map((c) => (
              <div key={c.id}>
                <Text size="sm" fw={600}>{c.name} {c.isPrimary && <Badge size="xs" variant="light">{t('brief.primary')}</Badge>}</Text>
                <Text size="xs" c="dimmed">{[c.title ?? c.role, c.phone, c.email].filter(Boolean).join(' · ')}</Text>
              </div>
            ))}
          </Stack>
        </Section>
        <Section title={t('brief.openOffersTitle')} empty={b.openOffers.length === 0}>
          <Stack gap={6}>
            {b.openOffers.map((o) => (
              <Group key={o.id} justify="space-between" wrap="nowrap" gap="xs">
                <Anchor component={Link} to={`/offers/${o.id}`} size="sm" lineClamp={1}>{o.title}</Anchor>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{o.stageName} · {money(o.amount, lang)}</Text>
              </Group>
            ))}
          </Stack>
        </Section>
      </SimpleGrid>
      <Section title={t('brief.lastActivities')} empty={b.lastActivities.length === 0}>
        <Stack gap="xs">
          {b.lastActivities.map((x) => (
            <div key={x.id}>
              <Text size="sm"><Text span fw={600}>{formatDate(x.occurredAt)}</Text> · <Anchor component={Link} to={`/activities/${x.id}`}>{x.subject}</Anchor> <Text span c="dimmed" size="xs">({x.ownerName})</Text></Text>
              {x.outcome && <Text size="sm" c="dimmed">{x.outcome}</Text>}
              {x.nextSteps && <Text size="sm">→ {x.nextSteps}</Text>}
            </div>
          ))}
        </Stack>
      </Section>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Section title={t('brief.openTasks')} empty={b.openTasks.length === 0}>
          <List size="sm" spacing={4}>{b.openTasks.map((task) => <List.Item key={task.id}>{task.subject} <Text span c="dimmed" size="xs">({formatDate(task.dueDate)})</Text></List.Item>)}</List>
        </Section>
        <Section title={t('brief.colleagues')} empty={b.colleagues.length === 0}>
          <Text size="sm">{b.colleagues.map((c) => c.name).join(', ')}</Text>
        </Section>
      </SimpleGrid>
      {b.sections.map((section) => (
        <Section key={section.key} title={lang === 'en' ? section.title.en : section.title.fr} empty={section.items.length === 0}>
          <Stack gap={4}>{section.items.map((item) => <div key={item.url + item.title}><Anchor component={Link} to={item.url} size="sm">{item.title}</Anchor>{item.summary && <Text size="xs" c="dimmed">{item.summary}</Text>}</div>)}</Stack>
        </Section>
      ))}
    </Stack>
  );
}
