import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  ScrollArea,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../../app/error-message';
import { formatDateTime } from '../../../app/format';
import { notifyError, notifySuccess } from '../../../app/notify';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import {
  changeEndpoint,
  createEndpoint,
  deleteEndpoint,
  keys,
  pingEndpoint,
  redeliver,
  useDeliveries,
  useEndpoints,
  useEventTypes,
  type CreatedEndpoint,
  type Delivery,
  type Endpoint,
  type EventType,
} from '../queries';

const STATUS_COLORS: Record<Delivery['status'], string> = {
  pending: 'blue',
  succeeded: 'teal',
  failed: 'red',
};

function NewEndpointModal({
  opened,
  onClose,
}: {
  opened: boolean;
  onClose: (created?: CreatedEndpoint) => void;
}) {
  const { t, i18n } = useTranslation();
  const eventTypes = useEventTypes();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    setErrors({});
    try {
      const created = await createEndpoint({ url, description, eventTypes: events as EventType[] });
      setUrl('');
      setDescription('');
      setEvents([]);
      onClose(created);
    } catch (error) {
      const byField = fieldErrors(error, i18n);
      setErrors(byField);
      if (Object.keys(byField).length === 0) notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={opened} onClose={() => onClose()} title={t('webhooks:new')} size="lg">
      <Stack>
        <TextInput
          label={t('webhooks:url')}
          value={url}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setUrl(value);
          }}
          error={errors.url}
          maxLength={2000}
          required
        />
        <TextInput
          label={t('webhooks:descriptionField')}
          value={description}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setDescription(value);
          }}
          error={errors.description}
          maxLength={500}
        />
        <MultiSelect
          label={t('webhooks:events')}
          placeholder={events.length ? undefined : t('webhooks:eventsPlaceholder')}
          data={(eventTypes.data?.items ?? []).map((type) => ({
            value: type,
            label: t(`webhooks:eventTypes.${type}`),
          }))}
          value={events}
          onChange={setEvents}
          error={errors.eventTypes}
          searchable
          required
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose()}>
            {t('webhooks:cancel')}
          </Button>
          <Button onClick={save} loading={saving} disabled={!url.trim() || events.length === 0}>
            {t('webhooks:save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SecretModal({ created, onClose }: { created: CreatedEndpoint | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={Boolean(created)} onClose={onClose} title={t('webhooks:secretTitle')} size="lg">
      {created && (
        <Stack>
          <Alert color="orange">{t('webhooks:secretHelp')}</Alert>
          <Code block data-testid="webhook-secret">
            {created.secret}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={created.secret}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? t('webhooks:copied') : t('webhooks:copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{t('webhooks:done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function DeliveryLog({ endpoint }: { endpoint: Endpoint }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const deliveries = useDeliveries(endpoint.id, undefined);
  const again = async (delivery: Delivery) => {
    try {
      await redeliver(endpoint.id, delivery.id);
      notifySuccess(t('webhooks:redelivered'));
      await queryClient.invalidateQueries({ queryKey: keys.all });
    } catch (error) {
      notifyError(error);
    }
  };
  if (deliveries.error) return <ErrorState error={deliveries.error} onRetry={() => deliveries.refetch()} />;
  const items = deliveries.data?.items ?? [];
  return (
    <Card withBorder>
      <Text fw={600} mb="sm" style={{ overflowWrap: 'anywhere' }}>
        {t('webhooks:logOf', { url: endpoint.url })}
      </Text>
      {items.length === 0 ? (
        <Text c="dimmed">{t('webhooks:noDeliveries')}</Text>
      ) : (
        <ScrollArea>
          <Table miw={640} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('webhooks:columns.date')}</Table.Th>
                <Table.Th>{t('webhooks:columns.event')}</Table.Th>
                <Table.Th>{t('webhooks:columns.result')}</Table.Th>
                <Table.Th>{t('webhooks:columns.attempts')}</Table.Th>
                <Table.Th>{t('webhooks:columns.answer')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((delivery) => (
                <Table.Tr key={delivery.id}>
                  <Table.Td>{formatDateTime(delivery.createdAt)}</Table.Td>
                  <Table.Td>{t(`webhooks:eventTypes.${delivery.eventType}`)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[delivery.status]} variant="light">
                      {t(`webhooks:status.${delivery.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{delivery.attempts}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                      {[delivery.responseStatus, delivery.error ?? delivery.responseExcerpt]
                        .filter((part) => part !== null && part !== '')
                        .join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {delivery.status !== 'pending' && (
                      <Button size="xs" variant="subtle" onClick={() => again(delivery)}>
                        {t('webhooks:redeliver')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Card>
  );
}

/** Admins register the addresses Relais calls on each event, test them and read what was sent. */
export function WebhooksPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('webhooks:title'));
  const queryClient = useQueryClient();
  const endpoints = useEndpoints();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedEndpoint | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.all });
  const act = async (run: () => Promise<unknown>, success?: string) => {
    try {
      await run();
      if (success) notifySuccess(success);
      await refresh();
    } catch (error) {
      notifyError(error);
    }
  };

  const items = endpoints.data?.items ?? [];
  const shown = items.find((endpoint) => endpoint.id === selected) ?? null;
  return (
    <>
      <PageHeader
        title={t('webhooks:title')}
        description={t('webhooks:description')}
        actions={<Button onClick={() => setCreating(true)}>{t('webhooks:new')}</Button>}
      />
      {endpoints.error ? (
        <ErrorState error={endpoints.error} onRetry={() => endpoints.refetch()} />
      ) : (
        <Stack>
          {endpoints.isSuccess && items.length === 0 && <Text c="dimmed">{t('webhooks:empty')}</Text>}
          {items.map((endpoint) => (
            <Card key={endpoint.id} withBorder data-endpoint={endpoint.url}>
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
                <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {endpoint.url}
                  </Text>
                  {endpoint.description && <Text size="sm">{endpoint.description}</Text>}
                  <Group gap={4}>
                    <Badge color={endpoint.enabled ? 'teal' : 'red'} variant="light">
                      {endpoint.enabled
                        ? t('webhooks:enabled')
                        : endpoint.disabledReason
                          ? t('webhooks:disabledBecause', { reason: endpoint.disabledReason })
                          : t('webhooks:disabled')}
                    </Badge>
                    {endpoint.eventTypes.map((type) => (
                      <Badge key={type} variant="outline" color="gray">
                        {t(`webhooks:eventTypes.${type}`)}
                      </Badge>
                    ))}
                  </Group>
                </Stack>
                <Group gap="xs">
                  <Button size="xs" variant="light" onClick={() => setSelected(endpoint.id)}>
                    {t('webhooks:log')}
                  </Button>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() =>
                      act(() => pingEndpoint(endpoint.id), t('webhooks:testSent')).then(() =>
                        setSelected(endpoint.id),
                      )
                    }
                  >
                    {t('webhooks:test')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => act(() => changeEndpoint(endpoint.id, { enabled: !endpoint.enabled }))}
                  >
                    {endpoint.enabled ? t('webhooks:disable') : t('webhooks:enable')}
                  </Button>
                  <Button
                    size="xs"
                    color="red"
                    variant="subtle"
                    onClick={() => {
                      if (window.confirm(t('webhooks:confirmDelete')))
                        void act(() => deleteEndpoint(endpoint.id)).then(() => setSelected(null));
                    }}
                  >
                    {t('webhooks:delete')}
                  </Button>
                </Group>
              </Group>
            </Card>
          ))}
          {shown && <DeliveryLog endpoint={shown} />}
        </Stack>
      )}
      <NewEndpointModal
        opened={creating}
        onClose={(result) => {
          setCreating(false);
          if (result) {
            setCreated(result);
            setSelected(result.id);
            void refresh();
          }
        }}
      />
      <SecretModal created={created} onClose={() => setCreated(null)} />
    </>
  );
}
