import {
  Alert,
  Anchor,
  Badge,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  Title,
  Typography,
} from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../app/format';
import { money } from '../sales-format';
import type { Brief } from '../queries';

/** HTML the server sanitised (situation advice, alert messages). */
const ServerHtml = ({ html }: { html: string }) => (
  <Typography>
    <div style={{ overflowWrap: 'anywhere' }} dangerouslySetInnerHTML={{ __html: html }} />
  </Typography>
);

function Section({ title, children, empty }: { title: string; children: ReactNode; empty?: boolean }) {
  const { t } = useTranslation('sales');
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label={title}>
      <Title order={4} mb="xs">
        {title}
      </Title>
      {empty ? (
        <Text size="sm" c="dimmed">
          {t('common.empty')}
        </Text>
      ) : (
        children
      )}
    </Card>
  );
}

const SEVERITY = {
  info: { color: 'blue', icon: IconInfoCircle },
  warning: { color: 'orange', icon: IconAlertTriangle },
  blocking: { color: 'red', icon: IconLock },
} as const;

/**
 * The client brief's content (CRM-7), shared by the page and its print version: key facts, the
 * alerts that would meet the rep there, contacts and offers, situations with their advice and
 * products, knowledge to read, recent exchanges, tasks and the colleagues who know the client.
 * `print`: links become text and the layout stays in one column.
 */
export function BriefView({ brief: b, print = false }: { brief: Brief; print?: boolean }) {
  const { t, i18n } = useTranslation('sales');
  const lang = i18n.language;
  const k = b.keyFacts;
  const link = (to: string, label: string, size: 'sm' | 'xs' = 'sm') =>
    print ? (
      <Text span size={size}>
        {label}
      </Text>
    ) : (
      <Anchor component={Link} to={to} size={size}>
        {label}
      </Anchor>
    );
  const twoColumns = print ? { base: 2 } : { base: 1, sm: 2 };
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {[
          [t('brief.openOffers'), `${k.openOffers} · ${money(k.openPipeline, lang)}`],
          [t('brief.won12'), money(k.wonLast12Months, lang)],
          [t('brief.winLoss'), `${k.wonCount} / ${k.lostCount}`],
          [t('brief.lastVisit'), formatDate(k.lastVisitAt) || '–'],
        ].map(([label, value]) => (
          <Card key={label} withBorder radius="md" padding="sm">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {label}
            </Text>
            <Text fw={700}>{value}</Text>
          </Card>
        ))}
      </SimpleGrid>
      {b.alerts.map((alert) => {
        const { color, icon: Icon } = SEVERITY[alert.severity];
        return (
          <Alert key={alert.ruleId} color={color} icon={<Icon />} title={alert.name}>
            <ServerHtml html={alert.html} />
            {alert.knowledge.map((item) => (
              <div key={item.id}>{link(item.url, item.title)}</div>
            ))}
          </Alert>
        );
      })}
      <SimpleGrid cols={twoColumns} spacing="md">
        <Section title={t('brief.contacts')} empty={b.contacts.length === 0}>
          <Stack gap={6}>
            {b.contacts.map((c) => (
              <div key={c.id}>
                <Text size="sm" fw={600}>
                  {c.name}{' '}
                  {c.isPrimary && (
                    <Badge size="xs" variant="light">
                      {t('brief.primary')}
                    </Badge>
                  )}
                </Text>
                <Text size="xs" c="dimmed">
                  {[c.title ?? c.role, c.phone, c.email].filter(Boolean).join(' · ')}
                </Text>
              </div>
            ))}
          </Stack>
        </Section>
        <Section title={t('brief.openOffersTitle')} empty={b.openOffers.length === 0}>
          <Stack gap={6}>
            {b.openOffers.map((o) => (
              <Group key={o.id} justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" lineClamp={1}>
                  {link(`/offers/${o.id}`, o.title)}
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {o.stageName} · {money(o.amount, lang)}
                </Text>
              </Group>
            ))}
          </Stack>
        </Section>
      </SimpleGrid>
      {b.situations.map((situation) => (
        <Section key={situation.id} title={t('brief.situation', { name: situation.name })}>
          <Stack gap="xs">
            {situation.description && (
              <Text size="sm" c="dimmed">
                {situation.description}
              </Text>
            )}
            {situation.adviceHtml && (
              <div>
                <Text size="sm" fw={600}>
                  {t('brief.advice')}
                </Text>
                <ServerHtml html={situation.adviceHtml} />
              </div>
            )}
            {situation.products.length > 0 && (
              <div>
                <Text size="sm" fw={600}>
                  {t('brief.productsToPropose')}
                </Text>
                <Group gap={6}>
                  {situation.products.map((p) => (
                    <Badge key={p.id} variant="light" tt="none">
                      {p.reference} · {p.name}
                    </Badge>
                  ))}
                </Group>
              </div>
            )}
            {situation.knowledge.length > 0 && (
              <div>
                <Text size="sm" fw={600}>
                  {t('brief.answers')}
                </Text>
                <List size="sm" spacing={2}>
                  {situation.knowledge.map((item) => (
                    <List.Item key={item.id}>{link(`/knowledge/${item.id}`, item.title)}</List.Item>
                  ))}
                </List>
              </div>
            )}
          </Stack>
        </Section>
      ))}
      <Section title={t('brief.knowledge')} empty={b.knowledge.length === 0}>
        <Stack gap={4}>
          {b.knowledge.map((item) => (
            <div key={item.id}>
              {link(item.url, item.title)}
              <Text size="xs" c="dimmed">
                {item.why === 'account'
                  ? t('brief.aboutAccount')
                  : t('brief.aboutProducts', { names: item.productNames.join(', ') })}
              </Text>
            </div>
          ))}
        </Stack>
      </Section>
      <Section title={t('brief.lastActivities')} empty={b.lastActivities.length === 0}>
        <Stack gap="xs">
          {b.lastActivities.map((x) => (
            <div key={x.id}>
              <Text size="sm">
                <Text span fw={600}>
                  {formatDate(x.occurredAt)}
                </Text>{' '}
                · {link(`/activities/${x.id}`, x.subject)}{' '}
                <Text span c="dimmed" size="xs">
                  ({x.ownerName})
                </Text>
              </Text>
              {x.outcome && (
                <Text size="sm" c="dimmed">
                  {x.outcome}
                </Text>
              )}
              {x.nextSteps && <Text size="sm">→ {x.nextSteps}</Text>}
            </div>
          ))}
        </Stack>
      </Section>
      <SimpleGrid cols={twoColumns} spacing="md">
        <Section title={t('brief.openTasks')} empty={b.openTasks.length === 0}>
          <List size="sm" spacing={4}>
            {b.openTasks.map((task) => (
              <List.Item key={task.id}>
                {task.subject}{' '}
                <Text span c="dimmed" size="xs">
                  ({formatDate(task.dueDate)})
                </Text>
              </List.Item>
            ))}
          </List>
        </Section>
        <Section title={t('brief.colleagues')} empty={b.colleagues.length === 0}>
          <Stack gap={4}>
            {b.colleagues.map((c) => (
              <div key={c.id}>
                <Text size="sm" fw={600}>
                  {c.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {c.reasons
                    .map((reason) => t(`brief.why.${reason}`, { products: c.products.join(', ') }))
                    .join(' · ')}
                </Text>
              </div>
            ))}
          </Stack>
        </Section>
      </SimpleGrid>
      {b.sections.map((section) => (
        <Section
          key={section.key}
          title={lang === 'en' ? section.title.en : section.title.fr}
          empty={section.items.length === 0}
        >
          <Stack gap={4}>
            {section.items.map((item) => (
              <div key={item.url + item.title}>
                {link(item.url, item.title)}
                {item.summary && (
                  <Text size="xs" c="dimmed">
                    {item.summary}
                  </Text>
                )}
              </div>
            ))}
          </Stack>
        </Section>
      ))}
    </Stack>
  );
}
