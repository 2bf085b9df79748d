import { Badge, Card, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { useSituation, useSituations } from '../queries';
import { Html } from './Html';

/** The catalogue of customer situations (KB-5). */
export function SituationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('knowledge:nav.situations'));
  const [q, setQ] = useState('');
  const list = useSituations(q);
  return (
    <Stack maw={1100} mx="auto" gap="md">
      <PageHeader
        title={t('knowledge:nav.situations')}
        description={t('knowledge:coming.situations')}
        mb={0}
      />
      <TextInput
        placeholder={t('knowledge:situations.filter')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
        {list.data?.items.map((s) => (
          <Card key={s.id} withBorder component={Link} to={`/knowledge/situations/${s.id}`}>
            <Text fw={600}>{s.name}</Text>
            <Text size="sm" c="dimmed" lineClamp={3}>
              {s.description}
            </Text>
            <Text size="xs" mt={6}>
              {t('knowledge:situations.knowledgeCount', { count: s.knowledgeCount })} ·{' '}
              {t('knowledge:situations.accountCount', { count: s.accountCount })}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

export function SituationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const situation = useSituation(id);
  useDocumentTitle(situation.data?.name ?? t('knowledge:nav.situations'));
  const s = situation.data;
  if (!s) return null;
  return (
    <Stack maw={1000} mx="auto" gap="md">
      <PageHeader title={s.name} description={s.description} mb={0} />
      {s.signals.length > 0 && (
        <Text size="sm">
          {t('knowledge:situations.signals')}{' '}
          {s.signals.map((x) => (
            <Badge key={x} variant="light" mr={4}>
              {x}
            </Badge>
          ))}
        </Text>
      )}
      <Card withBorder>
        <Title order={4}>{t('knowledge:situations.advice')}</Title>
        <Html html={s.adviceHtml} />
      </Card>
      <Card withBorder>
        <Title order={4}>{t('knowledge:situations.knowledge')}</Title>
        {s.knowledge.length === 0 && (
          <Text size="sm" c="dimmed" mt="xs">
            {t('knowledge:panel.noKnowledge')}
          </Text>
        )}
        <Stack gap={4} mt="xs">
          {s.knowledge.map((k) => (
            <Text key={k.id} component={Link} to={`/knowledge/${k.id}`}>
              {k.title}
            </Text>
          ))}
        </Stack>
      </Card>
      {s.products.length > 0 && (
        <Card withBorder>
          <Title order={4}>{t('knowledge:situations.products')}</Title>
          {s.products.map((p) => (
            <Text key={p.id}>
              {p.reference} — {p.name}
            </Text>
          ))}
        </Card>
      )}
      <Card withBorder>
        <Title order={4}>{t('knowledge:situations.accounts')}</Title>
        {s.accounts.length === 0 && (
          <Text size="sm" c="dimmed" mt="xs">
            {t('knowledge:situations.noAccounts')}
          </Text>
        )}
        <Stack gap={4} mt="xs">
          {s.accounts.map((a) => (
            <Text key={a.linkId} size="sm">
              <Link to={`/knowledge/accounts/${a.accountId}`}>{a.accountName}</Link> ·{' '}
              {t(`knowledge:situations.status.${a.status}`)}
            </Text>
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}
