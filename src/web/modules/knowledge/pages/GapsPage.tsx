import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowRight, IconTrendingDown, IconTrendingUp, IconWriting } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../../app/error-message';
import { formatDate, formatNumber } from '../../../app/format';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { keys, useKnowledgeGaps, writeGapAnswer, type KnowledgeGap } from '../queries';

const PERIODS = ['30', '90', '365'] as const;
const REASONS = ['noResult', 'noValidatedAnswer', 'noClick', 'notUseful', 'reformulated'] as const;

/**
 * KB-8 for experts: the questions the base did not answer, grouped by similar wording, most
 * asked first, with how many people asked (never who) and the trend of the last 7 days; "Write
 * the answer" opens a draft listing the questions, and those who asked are told when it is published.
 */
export function GapsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('knowledge:gaps.title'));
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>('90');
  const gaps = useKnowledgeGaps(Number(period));
  return (
    <Stack maw={1100} mx="auto" gap="md">
      <PageHeader title={t('knowledge:gaps.title')} description={t('knowledge:gaps.subtitle')} mb={0} />
      <SegmentedControl
        value={period}
        onChange={(value) => setPeriod(value as (typeof PERIODS)[number])}
        data={PERIODS.map((value) => ({ value, label: t(`knowledge:gaps.period.${value}`) }))}
        aria-label={t('knowledge:gaps.periodLabel')}
        style={{ alignSelf: 'flex-start' }}
      />
      {gaps.isPending && <Loader size="sm" />}
      {gaps.isError && (
        <Alert color="red" role="alert">
          {errorMessage(gaps.error, i18n)}
        </Alert>
      )}
      {gaps.data && gaps.data.items.length === 0 && <Text c="dimmed">{t('knowledge:gaps.empty')}</Text>}
      {gaps.data?.items.map((gap) => (
        <GapCard key={gap.key} gap={gap} />
      ))}
    </Stack>
  );
}

function Trend({ gap }: { gap: KnowledgeGap }) {
  const { t, i18n } = useTranslation();
  const { recent, previous, direction } = gap.trend;
  const color = direction === 'up' ? 'red' : direction === 'down' ? 'teal' : 'gray';
  const Icon = direction === 'down' ? IconTrendingDown : direction === 'up' ? IconTrendingUp : IconArrowRight;
  return (
    <Badge
      variant="light"
      color={color}
      leftSection={<Icon size={14} aria-hidden />}
      title={t(`knowledge:gaps.trend.${direction}`)}
    >
      {t('knowledge:gaps.trendCounts', {
        recent: formatNumber(recent, i18n.language),
        previous: formatNumber(previous, i18n.language),
      })}
    </Badge>
  );
}

function GapCard({ gap }: { gap: KnowledgeGap }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const write = useMutation({
    mutationFn: () => writeGapAnswer(gap.key),
    onSuccess: (result) => {
      void client.invalidateQueries({ queryKey: ['knowledge-gaps'] });
      void client.invalidateQueries({ queryKey: keys.lists });
      navigate(`/knowledge/${result.itemId}`);
    },
  });
  const others = gap.wordings.filter((wording) => wording !== gap.label).slice(0, 4);
  const reasons = REASONS.filter((reason) => gap.reasons[reason] > 0);
  return (
    <Card withBorder padding="md" data-testid="knowledge-gap">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <Title order={3} size="h4" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            {gap.label}
          </Title>
          {gap.draft ? (
            <Button
              variant="light"
              component={Link}
              to={`/knowledge/${gap.draft.itemId}`}
              leftSection={<IconWriting size={16} />}
            >
              {t('knowledge:gaps.continue')}
            </Button>
          ) : (
            <Button
              leftSection={<IconWriting size={16} />}
              loading={write.isPending}
              onClick={() => write.mutate()}
            >
              {t('knowledge:gaps.write')}
            </Button>
          )}
        </Group>
        <Group gap="xs" wrap="wrap">
          <Badge variant="filled">{t('knowledge:gaps.count', { count: gap.count })}</Badge>
          <Badge variant="outline">{t('knowledge:gaps.askers', { count: gap.askers })}</Badge>
          <Trend gap={gap} />
        </Group>
        {others.length > 0 && (
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {t('knowledge:gaps.alsoAsked', {
              wordings: others
                .map((text) => t('knowledge:gaps.quoted', { text }))
                .join(t('knowledge:gaps.separator')),
            })}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {reasons
            .map((reason) => t(`knowledge:gaps.reason.${reason}`, { count: gap.reasons[reason] }))
            .join(' · ')}
          {' — '}
          {t('knowledge:gaps.lastAsked', { date: formatDate(gap.lastAskedOn) })}
        </Text>
        {gap.draft && (
          <Text size="sm">
            {t('knowledge:gaps.draft', {
              title: gap.draft.title,
              status: t(`knowledge:status.${gap.draft.status}`),
            })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
