import { Alert as MAlert, Anchor, Badge, Button, Group, Modal, Stack, Text, Typography } from '@mantine/core';
import { IconAlertTriangle, IconBook, IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../app/api/client';
import { notifyError } from '../../app/notify';
import { severityColor } from './severity';
import { acknowledgeAlert, checkAction, type Alert } from './queries';

type Pending = {
  action: string;
  fields: Record<string, unknown>;
  alerts: Alert[];
  resolve: (ok: boolean) => void;
};

/** One alert: severity, sanitised message (server-rendered HTML), linked knowledge. */
export function AlertCard({ alert, acknowledged }: { alert: Alert; acknowledged?: boolean }) {
  const { t } = useTranslation();
  const Icon =
    alert.severity === 'blocking'
      ? IconLock
      : alert.severity === 'warning'
        ? IconAlertTriangle
        : IconInfoCircle;
  return (
    <MAlert
      color={severityColor(alert.severity)}
      icon={<Icon size={18} />}
      title={
        <Group gap="xs" wrap="wrap">
          <span>{alert.name}</span>
          <Badge size="xs" color={severityColor(alert.severity)}>
            {t(`push:severity.${alert.severity}`)}
          </Badge>
        </Group>
      }
    >
      <Typography p={0} fz="sm">
        <div dangerouslySetInnerHTML={{ __html: alert.html }} />
      </Typography>
      {alert.knowledge.length > 0 && (
        <Stack gap={2} mt="xs">
          {alert.knowledge.map((item) => (
            <Anchor key={item.id} component={Link} to={item.url} size="sm" target="_blank">
              <IconBook size={14} style={{ verticalAlign: 'middle' }} /> {item.title}
            </Anchor>
          ))}
        </Stack>
      )}
      {alert.severity === 'blocking' && (acknowledged || alert.acknowledgedAt) && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('push:check.acknowledged')}
        </Text>
      )}
    </MAlert>
  );
}

/** Above every other dialog (the stage dialog, a form): the alert is what the user must answer first. */
export const ALERT_DIALOG_Z_INDEX = 1000;

type PushCheck = {
  confirm: (action: string, fields: Record<string, unknown>) => Promise<boolean>;
  run: <T>(action: string, fields: Record<string, unknown>, save: () => Promise<T>) => Promise<T | null>;
  element: ReactNode;
};

/**
 * Check before acting (PUSH-2), used by every form that saves an action a rule may watch
 * (offer.create, offer.line.add/update/delete, offer.stage.change, activity.create,
 * account.update, contact.update…). Send the ids: the server completes the fields (the
 * account's segment, the product's reference…). Usage in a form:
 *   const pushCheck = usePushCheck();
 *   …render {pushCheck.element}…
 *   const saved = await pushCheck.run('offer.create', fields, () => createOffer(body)); // null: cancelled
 * `run` checks first (info and warning alerts are shown, the user continues or cancels; a
 * blocking alert must be acknowledged), then saves; when the save itself answers 409
 * `push.ack_required` (the server guard saw something the check did not), it shows those
 * alerts, records the acknowledgment for the action as the server named it, and saves again.
 * `confirm` is the check alone (true: go on).
 */
export function usePushCheck(): PushCheck {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending | null>(null);
  const [acked, setAcked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const pendingRef = useRef<Pending | null>(null);

  const ask = useCallback((action: string, fields: Record<string, unknown>, alerts: Alert[]) => {
    // Nothing to say, or only blocking alerts this user already acknowledged for this very action.
    if (alerts.every((alert) => alert.severity === 'blocking' && !alert.requiresAck))
      return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const next = { action, fields, alerts, resolve };
      pendingRef.current = next;
      setAcked(new Set());
      setPending(next);
    });
  }, []);

  const confirm = useCallback(
    async (action: string, fields: Record<string, unknown>) => {
      let alerts: Alert[];
      try {
        alerts = (await checkAction(action, fields)).alerts;
      } catch {
        return true; // The server-side guard still protects the save if the check itself failed.
      }
      return ask(action, fields, alerts);
    },
    [ask],
  );

  const run = useCallback(
    async <T,>(
      action: string,
      fields: Record<string, unknown>,
      save: () => Promise<T>,
    ): Promise<T | null> => {
      if (!(await confirm(action, fields))) return null;
      // A few rounds at most: each one is a different blocking alert the user acknowledged.
      for (let round = 0; ; round += 1) {
        try {
          return await save();
        } catch (error) {
          const problem = isApiError(error) ? error.problem : null;
          if (round >= 4 || problem?.code !== 'push.ack_required' || !Array.isArray(problem.alerts))
            throw error;
          const go = await ask(
            String(problem.action ?? action),
            (problem.fields as Record<string, unknown>) ?? fields,
            problem.alerts as Alert[],
          );
          if (!go) return null;
        }
      }
    },
    [ask, confirm],
  );

  const close = (ok: boolean) => {
    pendingRef.current?.resolve(ok);
    pendingRef.current = null;
    setPending(null);
  };

  const acknowledge = async (alert: Alert) => {
    if (!pending) return;
    setBusy(true);
    try {
      await acknowledgeAlert({
        ruleId: alert.ruleId,
        action: pending.action,
        fields: pending.fields,
      });
      setAcked((current) => new Set(current).add(alert.ruleId));
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  const blocking = pending?.alerts.filter((alert) => alert.requiresAck && !acked.has(alert.ruleId)) ?? [];
  const element = (
    <Modal
      opened={Boolean(pending)}
      onClose={() => close(false)}
      title={t('push:check.title')}
      size="lg"
      zIndex={ALERT_DIALOG_Z_INDEX}
      fullScreen={typeof window !== 'undefined' && window.innerWidth < 500}
    >
      <Stack gap="sm">
        {pending?.alerts.map((alert) => (
          <Stack key={alert.ruleId} gap={4}>
            <AlertCard alert={alert} acknowledged={acked.has(alert.ruleId)} />
            {alert.requiresAck && !acked.has(alert.ruleId) && (
              <Button
                size="xs"
                color="red"
                variant="light"
                loading={busy}
                onClick={() => acknowledge(alert)}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('push:check.acknowledge')}
              </Button>
            )}
          </Stack>
        ))}
        <Group justify="flex-end" gap="xs" mt="sm">
          <Button variant="default" onClick={() => close(false)}>
            {t('push:check.cancel')}
          </Button>
          <Button onClick={() => close(true)} disabled={blocking.length > 0}>
            {t('push:check.continue')}
          </Button>
        </Group>
        {blocking.length > 0 && (
          <Text size="xs" c="dimmed" ta="right">
            {t('push:check.blockingHint')}
          </Text>
        )}
      </Stack>
    </Modal>
  );
  return { confirm, run, element };
}
