import { Button, Card, Group, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../../app/notify';
import {
  keys,
  savePreferences,
  subscribeWebPush,
  unsubscribeWebPush,
  usePreferences,
  webPushKey,
  type WebPushSubscription,
  type Preferences,
} from '../queries';

type Channel = { email: 'off' | 'immediate' | 'digest'; webpush: boolean };
const KINDS = ['broadcast', 'reminder', 'change', 'season', 'plan'];

const toKey = (base64: string) => {
  const padded = (base64 + '='.repeat((4 - (base64.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
};

/** Channel per kind, quiet hours, and this browser's web push subscription (PUSH-6). */
export function PreferencesPanel() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const prefs = usePreferences();
  const [draft, setDraft] = useState<Preferences | null>(null);
  const [pushState, setPushState] = useState<'unsupported' | 'off' | 'on'>('off');
  useEffect(() => setDraft(prefs.data ?? null), [prefs.data]);
  useEffect(() => {
    if (!('serviceWorker' in navigator) || !('PushManager' in window)) return setPushState('unsupported');
    void navigator.serviceWorker
      .getRegistration('/')
      .then(async (registration) =>
        setPushState((await registration?.pushManager.getSubscription()) ? 'on' : 'off'),
      );
  }, []);
  if (!draft) return null;

  const setChannel = (kind: string, patch: Partial<Channel>) =>
    setDraft({ ...draft, channels: { ...draft.channels, [kind]: { ...draft.channels[kind], ...patch } } });
  const save = async () => {
    try {
      await savePreferences(draft);
      void client.invalidateQueries({ queryKey: keys.preferences });
      notifySuccess(t('push:preferences.saved'));
    } catch (error) {
      notifyError(error);
    }
  };
  const togglePush = async () => {
    try {
      // The app's own worker (sw.js, which includes the push handlers) when installed; the bare
      // push worker otherwise (Vite dev server), never replacing the app's offline worker.
      const registration =
        (await navigator.serviceWorker.getRegistration('/')) ??
        (await navigator.serviceWorker.register('/push-sw.js', { scope: '/' }));
      const existing = await registration.pushManager.getSubscription();
      if (existing) {
        await unsubscribeWebPush(existing.endpoint).catch(() => undefined);
        await existing.unsubscribe();
        return setPushState('off');
      }
      const { publicKey } = await webPushKey();
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: toKey(publicKey),
      });
      await subscribeWebPush(subscription.toJSON() as WebPushSubscription);
      setPushState('on');
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Stack gap="md" maw={760}>
      <Card withBorder radius="md" p="sm">
        <Table.ScrollContainer minWidth={300}>
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('push:preferences.kind')}</Table.Th>
                <Table.Th>{t('push:preferences.email')}</Table.Th>
                <Table.Th>{t('push:preferences.webpush')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {KINDS.map((kind) => (
                <Table.Tr key={kind}>
                  <Table.Td>
                    <Text size="sm">{t(`push:kind.${kind}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      w={125}
                      allowDeselect={false}
                      value={draft.channels[kind]?.email}
                      onChange={(value) => setChannel(kind, { email: value as Channel['email'] })}
                      data={['immediate', 'digest', 'off'].map((v) => ({
                        value: v,
                        label: t(`push:preferences.mode.${v}`),
                      }))}
                      aria-label={t('push:preferences.email')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      checked={draft.channels[kind]?.webpush}
                      onChange={(e) => setChannel(kind, { webpush: e.currentTarget.checked })}
                      aria-label={t('push:preferences.webpush')}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed" mt="xs">
          {t('push:preferences.inAppAlways')}
        </Text>
      </Card>
      <Card withBorder radius="md" p="sm">
        <Switch
          label={t('push:preferences.quiet')}
          checked={Boolean(draft.quietHours)}
          onChange={(e) =>
            setDraft({
              ...draft,
              quietHours: e.currentTarget.checked ? { start: '20:00', end: '07:30' } : null,
            })
          }
        />
        {draft.quietHours && (
          <Group mt="sm" gap="sm" wrap="wrap">
            <TextInput
              type="time"
              label={t('push:preferences.from')}
              value={draft.quietHours.start}
              onChange={(e) =>
                setDraft({ ...draft, quietHours: { ...draft.quietHours!, start: e.currentTarget.value } })
              }
              w={130}
            />
            <TextInput
              type="time"
              label={t('push:preferences.to')}
              value={draft.quietHours.end}
              onChange={(e) =>
                setDraft({ ...draft, quietHours: { ...draft.quietHours!, end: e.currentTarget.value } })
              }
              w={130}
            />
            <TextInput
              label={t('push:preferences.timeZone')}
              value={draft.timeZone}
              onChange={(e) => setDraft({ ...draft, timeZone: e.currentTarget.value })}
              w={200}
            />
          </Group>
        )}
      </Card>
      <Group justify="space-between" wrap="wrap">
        <Button
          variant="light"
          onClick={togglePush}
          disabled={pushState === 'unsupported'}
          h="auto"
          py={6}
          styles={{ label: { whiteSpace: 'normal' } }}
        >
          {t(
            pushState === 'on'
              ? 'push:preferences.pushOff'
              : pushState === 'off'
                ? 'push:preferences.pushOn'
                : 'push:preferences.pushUnsupported',
          )}
        </Button>
        <Button onClick={save}>{t('push:preferences.save')}</Button>
      </Group>
    </Stack>
  );
}
