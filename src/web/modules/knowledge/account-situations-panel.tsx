import { Anchor, Badge, Button, Card, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../app/format';
import { notifyError } from '../../app/notify';
import { Html } from './pages/Html';
import {
  attachSituation,
  decideSituation,
  keys,
  useAccountSituations,
  useSituation,
  useSituations,
  type SituationDecision,
  type SituationLink,
} from './queries';

/** One situation of the account: its status, why it was suggested, the advice and the knowledge to use. */
function SituationCard({
  link,
  onDecide,
  busy,
}: {
  link: SituationLink;
  onDecide: (status: SituationDecision) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const detail = useSituation(link.situationId);
  const suggested = link.status === 'suggested';
  return (
    <Card
      withBorder
      padding="sm"
      data-testid="account-situation"
      bg={suggested ? 'var(--mantine-color-yellow-light)' : undefined}
    >
      <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 200px' }}>
          <Group gap={6} wrap="wrap">
            <Anchor component={Link} to={`/knowledge/situations/${link.situationId}`} fw={600}>
              {link.situationName}
            </Anchor>
            <Badge size="xs" color={suggested ? 'yellow' : 'teal'} variant="light">
              {t(`knowledge:situations.status.${link.status}`)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {link.source === 'manual' ? t('knowledge:panel.manual') : t('knowledge:panel.detected')} ·{' '}
            {formatDate(link.createdAt)}
            {link.reason ? ` · ${link.reason}` : ''}
          </Text>
        </Stack>
        <Group gap={4} wrap="nowrap">
          {suggested && (
            <Button size="compact-xs" onClick={() => onDecide('confirmed')} loading={busy}>
              {t('knowledge:panel.confirm')}
            </Button>
          )}
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            onClick={() => onDecide('dismissed')}
            disabled={busy}
          >
            {suggested ? t('knowledge:panel.dismiss') : t('knowledge:panel.remove')}
          </Button>
        </Group>
      </Group>
      {detail.isPending ? (
        <Loader size="xs" mt="xs" />
      ) : (
        <Stack gap={4} mt="xs">
          {detail.data?.knowledge.length ? (
            detail.data.knowledge.slice(0, open ? undefined : 3).map((item) => (
              <Group key={item.id} gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                <Badge size="xs" variant="outline" style={{ flexShrink: 0 }}>
                  {t(`knowledge:type.${item.type}`)}
                </Badge>
                <Anchor component={Link} to={`/knowledge/${item.id}`} size="sm" truncate="end">
                  {item.title}
                </Anchor>
              </Group>
            ))
          ) : (
            <Text size="sm" c="dimmed">
              {t('knowledge:panel.noKnowledge')}
            </Text>
          )}
          {open && detail.data?.adviceHtml && (
            <Card withBorder padding="xs" mt={4}>
              <Text size="xs" fw={600}>
                {t('knowledge:situations.advice')}
              </Text>
              <Html html={detail.data.adviceHtml} />
            </Card>
          )}
          {((detail.data?.knowledge.length ?? 0) > 3 || detail.data?.adviceHtml) && (
            <Anchor
              component="button"
              type="button"
              size="xs"
              onClick={() => setOpen(!open)}
              style={{ alignSelf: 'flex-start' }}
            >
              {open ? t('knowledge:panel.less') : t('knowledge:panel.more')}
            </Anchor>
          )}
        </Stack>
      )}
    </Card>
  );
}

/**
 * KB-5 on the account page: the account's confirmed and suggested situations (confirm or
 * dismiss), each with its knowledge, and "attach a situation". Mount it on the account detail
 * page: `<AccountSituationsPanel accountId={id} />`.
 */
export function AccountSituationsPanel({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = keys.accountSituations(accountId);
  const links = useAccountSituations(accountId);
  const catalogue = useSituations();
  const [chosen, setChosen] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: key });
  const decide = useMutation({
    mutationFn: (input: { id: string; status: SituationDecision }) => decideSituation(input.id, input.status),
    onSuccess: refresh,
    onError: (error) => notifyError(error),
  });
  const attach = useMutation({
    mutationFn: (situationId: string) => attachSituation(accountId, situationId),
    onSuccess: () => {
      setChosen(null);
      refresh();
    },
    onError: (error) => notifyError(error),
  });
  const items = links.data?.items ?? [];
  const suggested = items.filter((link) => link.status === 'suggested');
  const confirmed = items.filter((link) => link.status === 'confirmed');
  const attached = new Set(confirmed.map((link) => link.situationId));
  return (
    <Card withBorder data-testid="account-situations-panel">
      <Title order={4}>{t('knowledge:panel.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('knowledge:panel.subtitle')}
      </Text>
      {links.isPending && <Loader size="sm" />}
      <Stack gap="xs">
        {suggested.length > 0 && (
          <Text size="xs" fw={700} tt="uppercase" c="dimmed">
            {t('knowledge:panel.suggested', { count: suggested.length })}
          </Text>
        )}
        {suggested.map((link) => (
          <SituationCard
            key={link.id}
            link={link}
            busy={decide.isPending && decide.variables?.id === link.id}
            onDecide={(status) => decide.mutate({ id: link.id, status })}
          />
        ))}
        {confirmed.length > 0 && (
          <Text size="xs" fw={700} tt="uppercase" c="dimmed">
            {t('knowledge:panel.confirmed', { count: confirmed.length })}
          </Text>
        )}
        {confirmed.map((link) => (
          <SituationCard
            key={link.id}
            link={link}
            busy={decide.isPending && decide.variables?.id === link.id}
            onDecide={(status) => decide.mutate({ id: link.id, status })}
          />
        ))}
        {links.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('knowledge:panel.none')}
          </Text>
        )}
      </Stack>
      <Group mt="sm" gap="xs" align="flex-end" wrap="wrap">
        <Select
          style={{ flex: '1 1 200px' }}
          label={t('knowledge:panel.attach')}
          placeholder={t('knowledge:editor.pick')}
          searchable
          value={chosen}
          onChange={setChosen}
          data={(catalogue.data?.items ?? [])
            .filter((s) => !attached.has(s.id))
            .map((s) => ({ value: s.id, label: s.name }))}
          nothingFoundMessage={t('knowledge:editor.nothingFound')}
        />
        <Button onClick={() => chosen && attach.mutate(chosen)} disabled={!chosen} loading={attach.isPending}>
          {t('knowledge:panel.attachButton')}
        </Button>
      </Group>
    </Card>
  );
}
