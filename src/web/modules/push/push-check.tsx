import { Alert as MAlert, Anchor, Badge, Button, Group, Modal, Stack, Text, Typography } from '@mantine/core';
import { IconAlertTriangle, IconBook, IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { notifyError } from '../../app/notify';
import { pushApi, severityColor, type Alert } from './api';

type Pending = { action: string; fields: Record<string, unknown>; alerts: Alert[]; resolve: (ok: boolean) => void };

/** One alert: severity, sanitised message (server-rendered HTML), linked knowledge. */
export function AlertCard({ alert, acknowledged }: { alert: Alert; acknowledged?: boolean }) {
  const { t } = useTranslation();
  const Icon = alert.severity === 'blocking' ? IconLock : alert.severity === 'warning' ? IconAlertTriangle : IconInfoCircle;
  return (
    <MAlert color={severityColor(alert.severity)} icon={<Icon size={18} />} title={<Group gap="xs" wrap="wrap"><span>{alert.name}</span><Badge size="xs" color={severityColor(alert.severity)}>{t(`push:severity.${alert.severity}`)}</Badge></Group>}>
      <Typography p={0} fz="sm">
        <div dangerouslySetInnerHTML={{ __html: alert.html }} />
      </Typography>
      {alert.knowledge.length > 0 && (
        <Stack gap={2} mt="xs">
          {alert.knowledge.map((item) => (
            <Anchor key={item.id} component={Link} to={item.url} size="sm" target="_blank"><IconBook size={14} style={{ verticalAlign: 'middle' }} /> {item.title}</Anchor>
          ))}
        </Stack>
      )}
      {alert.severity === 'blocking' && (acknowledged || alert.acknowledgedAt) && <Text size="xs" c="dimmed" mt={4}>{t('push:check.acknowledged')}</Text>}
    </MAlert>
  );
}

/**
 * Check before acting (PUSH-2), used by every form that saves an action a rule may watch
 * (offer.create, offer.line.add, offer.stage.change, activity.create, account.update,
 * contact.update…). Usage in a form:
 *   const pushCheck = usePushCheck();
 *   …render {pushCheck.element}…
 *   if (!(await pushCheck.confirm('offer.create', fields))) return; // then save
 * `confirm` resolves true when there is nothing blocking (or the user acknowledged it), false
 * when the user cancelled. Info and warning alerts are shown and the user continues or cancels;
 * a blocking alert must be acknowledged (recorded with who and when) before continuing.
 */
export function usePushCheck(): { confirm: (action: string, fields: Record<string, unknown>) => Promise<boolean>; element: ReactNode } {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending | null>(null);
  const [acked, setAcked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const pendingRef = useRef<Pending | null>(null);

  const confirm = useCallback(async (action: string, fields: Record<string, unknown>) => {
    let alerts: Alert[];
    try {
      alerts = (await pushApi.post<{ alerts: Alert[] }>('/push/check', { action, fields })).alerts;
    } catch {
      return true; // The server-side guard still protects the save if the check itself failed.
    }
    if (alerts.length === 0) return true;
    return new Promise<boolean>((resolve) => {
      const next = { action, fields, alerts, resolve };
      pendingRef.current = next;
      setAcked(new Set());
      setPending(next);
    });
  }, []);

  const close = (ok: boolean) => {
    pendingRef.current?.resolve(ok);
    pendingRef.current = null;
    setPending(null);
  };

  const acknowledge = async (alert: Alert) => {
    if (!pending) return;
    setBusy(true);
    try {
      await pushApi.post('/push/ack', { ruleId: alert.ruleId, action: pending.action, fields: pending.fields });
      setAcked((current) => new Set(current).add(alert.ruleId));
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  const blocking = pending?.alerts.filter((alert) => alert.requiresAck && !acked.has(alert.ruleId)) ?? [];
  const element = (
    <Modal opened={Boolean(pending)} onClose={() => close(false)} title={t('push:check.title')} size="lg" fullScreen={typeof window !== 'undefined' && window.innerWidth < 500}>
      <Stack gap="sm">
        {pending?.alerts.map((alert) => (
          <Stack key={alert.ruleId} gap={4}>
            <AlertCard alert={alert} acknowledged={acked.has(alert.ruleId)} />
            {alert.requiresAck && !acked.has(alert.ruleId) && (
              <Button size="xs" color="red" variant="light" loading={busy} onClick={() => acknowledge(alert)} style={{ alignSelf: 'flex-start' }}>
                {t('push:check.acknowledge')}
              </Button>
            )}
          </Stack>
        ))}
        <Group justify="flex-end" gap="xs" mt="sm">
          <Button variant="default" onClick={() => close(false)}>{t('push:check.cancel')}</Button>
          <Button onClick={() => close(true)} disabled={blocking.length > 0}>{t('push:check.continue')}</Button>
        </Group>
        {blocking.length > 0 && <Text size="xs" c="dimmed" ta="right">{t('push:check.blockingHint')}</Text>}
      </Stack>
    </Modal>
  );
  return { confirm, element };
}
