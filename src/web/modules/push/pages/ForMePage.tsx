import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Title,
  Typography,
} from '@mantine/core';
import { IconBook, IconBolt, IconCheck, IconSpeakerphone } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../../app/format';
import { notifyError } from '../../../app/notify';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { severityColor } from '../severity';
import { acknowledgeBroadcast, keys, useForMe } from '../queries';

function Section({
  icon,
  title,
  hint,
  empty,
  count,
  children,
}: {
  icon: ReactNode;
  title: string;
  hint: string;
  empty: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" p="md">
      <Group gap="xs" wrap="nowrap" mb={2}>
        {icon}
        <Title order={3} fz="lg">
          {title}
        </Title>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {hint}
      </Text>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap="sm">{children}</Stack>
      )}
    </Card>
  );
}

/**
 * "For me" (PUSH-1): what was pushed to me — knowledge delivered to me, broadcasts addressed to
 * me (those to acknowledge first), and the contextual alerts that apply to my work. The full
 * history of notifications stays on the Notifications page.
 */
export function ForMePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('push:nav.forMe'));
  const client = useQueryClient();
  const data = useForMe();
  const ack = async (id: string) => {
    try {
      await acknowledgeBroadcast(id);
      void client.invalidateQueries({ queryKey: keys.all });
    } catch (error) {
      notifyError(error);
    }
  };
  const d = data.data;
  return (
    <>
      <PageHeader
        title={t('push:nav.forMe')}
        description={t('push:forMe.subtitle')}
        actions={
          <Button component={Link} to="/notifications" variant="default">
            {t('push:forMe.allNotifications')}
          </Button>
        }
      />
      {d && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <Section
            icon={<IconSpeakerphone size={20} />}
            title={t('push:forMe.broadcasts')}
            hint={t('push:forMe.broadcastsHint')}
            empty={t('push:forMe.noBroadcasts')}
            count={d.broadcasts.length}
          >
            {d.broadcasts.map((b) => (
              <Group
                key={b.id}
                justify="space-between"
                wrap="wrap"
                gap="xs"
                align="flex-start"
                role="group"
                aria-label={b.title}
              >
                <Stack gap={0} style={{ minWidth: 0, flex: '1 1 200px' }}>
                  <Anchor component={Link} to={b.url} fw={b.readAt ? 500 : 700}>
                    {b.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {[formatDateTime(b.receivedAt), b.authorName].filter(Boolean).join(' · ')}
                  </Text>
                </Stack>
                {b.requiresAck && !b.ackedAt && (
                  <Button size="xs" color="orange" onClick={() => ack(b.id)}>
                    {t('push:broadcasts.ack')}
                    {b.ackDue ? ` (${t('push:broadcasts.before', { date: formatDate(b.ackDue) })})` : ''}
                  </Button>
                )}
                {b.ackedAt && (
                  <Badge color="teal" variant="light" leftSection={<IconCheck size={10} />}>
                    {t('push:broadcasts.acked')}
                  </Badge>
                )}
                {!b.requiresAck && !b.readAt && (
                  <Badge color="red" variant="dot">
                    {t('push:notifications.new')}
                  </Badge>
                )}
              </Group>
            ))}
          </Section>
          <Section
            icon={<IconBook size={20} />}
            title={t('push:forMe.knowledge')}
            hint={t('push:forMe.knowledgeHint')}
            empty={t('push:forMe.noKnowledge')}
            count={d.knowledge.length}
          >
            {d.knowledge.map((k) => (
              <Stack key={k.id} gap={0}>
                <Group gap={6} wrap="wrap">
                  <Anchor component={Link} to={k.url} fw={k.read ? 500 : 700}>
                    {k.title}
                  </Anchor>
                  {!k.read && (
                    <Badge color="red" variant="dot" size="sm">
                      {t('push:notifications.new')}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {formatDateTime(k.pushedAt)}
                  {' · '}
                  {k.broadcastTitle
                    ? t('push:forMe.viaBroadcast', { title: k.broadcastTitle })
                    : k.reason
                      ? `${t('push:notifications.why')} ${k.reason}`
                      : t('push:forMe.pushedToYou')}
                </Text>
              </Stack>
            ))}
          </Section>
          <Section
            icon={<IconBolt size={20} />}
            title={t('push:forMe.alerts')}
            hint={t('push:forMe.alertsHint')}
            empty={t('push:forMe.noAlerts')}
            count={d.alerts.length}
          >
            {d.alerts.map((a) => (
              <Stack
                key={a.ruleId}
                gap={2}
                pl="sm"
                style={{ borderLeft: `3px solid var(--mantine-color-${severityColor(a.severity)}-6)` }}
              >
                <Group gap={6} wrap="wrap">
                  <Badge size="sm" color={severityColor(a.severity)}>
                    {t(`push:severity.${a.severity}`)}
                  </Badge>
                  <Text fw={600} size="sm">
                    {a.name}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {t('push:forMe.when', { action: a.actionLabel })}
                  {a.acknowledgedAt
                    ? ` · ${t('push:forMe.lastAck', { date: formatDateTime(a.acknowledgedAt) })}`
                    : ''}
                </Text>
                <Typography fz="sm">
                  <div dangerouslySetInnerHTML={{ __html: a.html }} />
                </Typography>
              </Stack>
            ))}
          </Section>
        </SimpleGrid>
      )}
    </>
  );
}
