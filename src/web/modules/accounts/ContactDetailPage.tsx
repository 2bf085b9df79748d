import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconDots, IconDownload, IconEdit, IconEraser, IconShieldLock, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { downloadUrl } from '../../app/api/client';
import { formatDate } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { useCurrentUser } from '../../app/session';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorState } from '../../components/ErrorState';
import { FullPageLoader } from '../../components/FullPageLoader';
import { deleteContact, eraseContact, keys, useContact } from './queries';
import { ContactFormModal } from './ContactForm';
import { GrantsPanel } from './GrantsPanel';
import { VisibilityBadge } from './VisibilityBadge';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div style={{ fontSize: 'var(--mantine-font-size-sm)' }}>{children || '—'}</div>
    </div>
  );
}

/** A contact: coordinates, accounts and roles, consent, vCard, GDPR export and erasure (ID-5). */
export function ContactDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('accounts');
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<'delete' | 'erase' | null>(null);
  const contact = useContact(id);
  const act = useMutation({
    mutationFn: (what: 'delete' | 'erase') => (what === 'delete' ? deleteContact(id) : eraseContact(id)),
    onSuccess: (_data, what) => {
      setConfirm(null);
      void queryClient.invalidateQueries({ queryKey: keys.contacts });
      if (what === 'delete') {
        notifySuccess(t('contacts.deleted'));
        navigate('/contacts');
      } else {
        notifySuccess(t('gdpr.erased'));
        void contact.refetch();
      }
    },
    onError: (error) => {
      setConfirm(null);
      notifyError(error);
    },
  });
  if (contact.isPending) return <FullPageLoader />;
  if (contact.isError) return <ErrorState error={contact.error} onRetry={() => void contact.refetch()} />;
  const c = contact.data;
  const canManage = c.ownerId === me.id || me.role === 'admin';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Anchor component={Link} to="/contacts" size="sm">
            ← {t('contacts.title')}
          </Anchor>
          <Title order={2}>{c.erasedAt ? t('contacts.erased') : c.displayName}</Title>
          <Group gap={6}>
            {c.title && <Text c="dimmed">{c.title}</Text>}
            <VisibilityBadge visibility={c.visibility} />
            {c.emailConsent && (
              <Badge color="teal" variant="light">
                {t('contacts.optIn')}
              </Badge>
            )}
          </Group>
        </Stack>
        {!c.erasedAt && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" px="xs" aria-label={t('common.more')}>
                  <IconDots size={18} />
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  component="a"
                  href={downloadUrl(`/contacts/${c.id}/export.vcf`, { version: '4.0' })}
                  leftSection={<IconDownload size={14} />}
                >
                  vCard 4.0
                </Menu.Item>
                <Menu.Item
                  component="a"
                  href={downloadUrl(`/contacts/${c.id}/export.vcf`, { version: '3.0' })}
                  leftSection={<IconDownload size={14} />}
                >
                  vCard 3.0
                </Menu.Item>
                <Menu.Divider />
                <Menu.Label>{t('gdpr.title')}</Menu.Label>
                <Menu.Item
                  component="a"
                  href={downloadUrl(`/contacts/${c.id}/gdpr-export`)}
                  leftSection={<IconShieldLock size={14} />}
                >
                  {t('gdpr.export')}
                </Menu.Item>
                {canManage && (
                  <Menu.Item
                    color="orange"
                    leftSection={<IconEraser size={14} />}
                    onClick={() => setConfirm('erase')}
                  >
                    {t('gdpr.erase')}
                  </Menu.Item>
                )}
                {canManage && (
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={14} />}
                    onClick={() => setConfirm('delete')}
                  >
                    {t('common.delete')}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      </Group>
      {c.erasedAt && <Alert color="gray">{t('gdpr.erasedOn', { date: formatDate(c.erasedAt) })}</Alert>}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="md">
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              <Fact label={t('fields.email')}>
                {c.emails.map((e) => (
                  <div key={e.address}>
                    <Anchor href={`mailto:${e.address}`}>{e.address}</Anchor>
                  </div>
                ))}
              </Fact>
              <Fact label={t('fields.phone')}>
                {c.phones.map((p) => (
                  <div key={p.number}>
                    <Anchor href={`tel:${p.number.replace(/\s/g, '')}`}>{p.number}</Anchor>{' '}
                    <Text span size="xs" c="dimmed">
                      {t(`phoneLabels.${p.label}`, { defaultValue: p.label })}
                    </Text>
                  </div>
                ))}
              </Fact>
              <Fact label={t('fields.emailConsent')}>
                {c.emailConsent
                  ? t('contacts.consentSince', {
                      date: formatDate(c.consentAt),
                      source: c.consentSource ?? '',
                    })
                  : t('contacts.consentNo')}
              </Fact>
              <Fact label={t('fields.owner')}>{c.ownerName}</Fact>
            </SimpleGrid>
            {c.notes && (
              <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
                {c.notes}
              </Text>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <Title order={4} mb="xs">
                {t('contacts.accounts')}
              </Title>
              {c.accounts.map((link) => (
                <div key={link.accountId}>
                  <Anchor component={Link} to={`/accounts/${link.accountId}`} size="sm" fw={500}>
                    {link.accountName}
                  </Anchor>
                  {link.role && (
                    <Text size="xs" c="dimmed">
                      {link.role}
                    </Text>
                  )}
                </div>
              ))}
              {c.accounts.length === 0 && (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Paper>
            {(c.visibility === 'restricted' || c.visibility === 'secret') && (
              <GrantsPanel target={{ kind: 'contacts', id: c.id }} canManage={canManage} />
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <ContactFormModal opened={editing} onClose={() => setEditing(false)} contact={c} />
      <ConfirmModal
        opened={confirm !== null}
        title={confirm === 'erase' ? t('gdpr.eraseTitle') : t('contacts.deleteTitle')}
        message={
          confirm === 'erase'
            ? t('gdpr.eraseMessage', { name: c.displayName })
            : t('contacts.deleteMessage', { name: c.displayName })
        }
        confirmLabel={confirm === 'erase' ? t('gdpr.erase') : t('common.delete')}
        loading={act.isPending}
        onConfirm={() => confirm && act.mutate(confirm)}
        onClose={() => setConfirm(null)}
      />
    </Stack>
  );
}
