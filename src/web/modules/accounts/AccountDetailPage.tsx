import {
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowsJoin, IconDots, IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { i18n } from '../../app/i18n';
import { notifyError, notifySuccess } from '../../app/notify';
import { useCurrentUser } from '../../app/session';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorState } from '../../components/ErrorState';
import { FullPageLoader } from '../../components/FullPageLoader';
import { AccountSituationsPanel } from '../knowledge/account-situations-panel';
import {
  AccountBriefLink,
  AccountDocumentsTab,
  AccountOffersTab,
  AccountTimelineTab,
} from '../sales/account-tabs';
import { AccountFormModal } from './AccountForm';
import { deleteAccount, keys, useAccount, useCustomFields } from './queries';
import { ContactFormModal } from './ContactForm';
import { GrantsPanel } from './GrantsPanel';
import { MergeModal } from './MergeModal';
import { VisibilityBadge } from './VisibilityBadge';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children || '—'}</Text>
    </div>
  );
}

/** An account: key facts, custom fields, contacts, and the sales tabs (timeline, offers, documents). */
export function AccountDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('accounts');
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [addingContact, setAddingContact] = useState(false);
  const account = useAccount(id);
  const customFields = useCustomFields('account');
  const remove = useMutation({
    mutationFn: () => deleteAccount(id),
    onSuccess: () => {
      notifySuccess(t('accounts.deleted'));
      void queryClient.invalidateQueries({ queryKey: keys.accounts });
      navigate('/accounts');
    },
    onError: (error) => {
      setDeleting(false);
      notifyError(error);
    },
  });
  if (account.isPending) return <FullPageLoader />;
  if (account.isError) return <ErrorState error={account.error} onRetry={() => void account.refetch()} />;
  const a = account.data;
  const canManage = a.ownerId === me.id || me.role === 'admin';
  const lang = i18n.language === 'en' ? 'labelEn' : 'labelFr';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Anchor component={Link} to="/accounts" size="sm">
            ← {t('accounts.title')}
          </Anchor>
          <Title order={2} style={{ wordBreak: 'break-word' }}>
            {a.name}
          </Title>
          <Group gap={6}>
            <Badge variant="light">{t(`kinds.${a.kind}`)}</Badge>
            <VisibilityBadge visibility={a.visibility} />
            {a.segment && (
              <Badge variant="outline" color="gray">
                {a.segment}
              </Badge>
            )}
            {a.tags.map((tag) => (
              <Badge key={tag} variant="light" color="gray" size="sm">
                {tag}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Group gap="xs">
          <AccountBriefLink accountId={a.id} />
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
              <Menu.Item leftSection={<IconArrowsJoin size={14} />} onClick={() => setMerging(true)}>
                {t('merge.action')}
              </Menu.Item>
              {canManage && (
                <Menu.Item
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  onClick={() => setDeleting(true)}
                >
                  {t('common.delete')}
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
                <Fact label={t('fields.owner')}>{a.ownerName}</Fact>
                <Fact label={t('fields.team')}>{a.teamName}</Fact>
                <Fact label={t('fields.sector')}>{a.sector}</Fact>
                <Fact label={t('fields.size')}>{a.size ? t(`sizes.${a.size}`) : null}</Fact>
                <Fact label="SIREN">{a.siren}</Fact>
                <Fact label="SIRET">{a.siret}</Fact>
                <Fact label={t('fields.address')}>
                  {[a.addressLine, [a.postalCode, a.city].filter(Boolean).join(' ')]
                    .filter(Boolean)
                    .join(', ')}
                </Fact>
                <Fact label={t('fields.phone')}>
                  {a.phone && <Anchor href={`tel:${a.phone.replace(/\s/g, '')}`}>{a.phone}</Anchor>}
                </Fact>
                <Fact label={t('fields.website')}>
                  {a.website && (
                    <Anchor href={a.website} target="_blank" rel="noreferrer">
                      {a.website.replace(/^https?:\/\//, '')}
                    </Anchor>
                  )}
                </Fact>
                {(customFields.data ?? []).map((field) => (
                  <Fact key={field.id} label={field[lang]}>
                    {a.customFields[field.key] != null ? String(a.customFields[field.key]) : null}
                  </Fact>
                ))}
              </SimpleGrid>
            </Paper>
            <Tabs defaultValue="timeline" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="timeline">{t('tabs.timeline')}</Tabs.Tab>
                <Tabs.Tab value="offers">{t('tabs.offers')}</Tabs.Tab>
                <Tabs.Tab value="documents">{t('tabs.documents')}</Tabs.Tab>
                <Tabs.Tab value="situations">{t('tabs.situations')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="timeline" pt="md">
                <AccountTimelineTab accountId={a.id} />
              </Tabs.Panel>
              <Tabs.Panel value="offers" pt="md">
                <AccountOffersTab accountId={a.id} />
              </Tabs.Panel>
              <Tabs.Panel value="documents" pt="md">
                <AccountDocumentsTab accountId={a.id} />
              </Tabs.Panel>
              <Tabs.Panel value="situations" pt="md">
                <AccountSituationsPanel accountId={a.id} />
              </Tabs.Panel>
            </Tabs>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <Group justify="space-between" mb="xs">
                <Title order={4}>
                  {t('contacts.title')} ({a.contacts.length})
                </Title>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => setAddingContact(true)}
                >
                  {t('common.add')}
                </Button>
              </Group>
              <Table verticalSpacing={6}>
                <Table.Tbody>
                  {a.contacts.map((contact) => (
                    <Table.Tr key={contact.contactId}>
                      <Table.Td>
                        <Anchor component={Link} to={`/contacts/${contact.contactId}`} size="sm" fw={500}>
                          {`${contact.firstName} ${contact.lastName}`.trim() || t('contacts.erased')}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {[contact.title, contact.role].filter(Boolean).join(' · ')}
                        </Text>
                        {contact.phone && (
                          <Anchor size="xs" href={`tel:${contact.phone.replace(/\s/g, '')}`}>
                            {contact.phone}
                          </Anchor>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {a.contacts.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('contacts.none')}
                </Text>
              )}
            </Paper>
            {(a.visibility === 'restricted' || a.visibility === 'secret') && (
              <GrantsPanel target={{ kind: 'accounts', id: a.id }} canManage={canManage} />
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <AccountFormModal opened={editing} onClose={() => setEditing(false)} account={a} />
      <MergeModal account={a} opened={merging} onClose={() => setMerging(false)} />
      <ContactFormModal
        opened={addingContact}
        onClose={() => {
          setAddingContact(false);
          void account.refetch();
        }}
        defaultAccount={{ accountId: a.id, accountName: a.name }}
      />
      <ConfirmModal
        opened={deleting}
        title={t('accounts.deleteTitle')}
        message={t('accounts.deleteMessage', { name: a.name })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </Stack>
  );
}
