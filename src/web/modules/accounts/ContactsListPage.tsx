import {
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAddressBook, IconDownload, IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { downloadUrl } from '../../app/api/client';
import {
  currentCursor,
  firstPage,
  goToNextPage,
  goToPreviousPage,
  type CursorPagerState,
} from '../../app/cursor-pager';
import { CursorPager } from '../../components/CursorPager';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useContacts, type ContactsQuery } from './queries';
import { ContactFormModal } from './ContactForm';
import { ImportWizard } from './ImportWizard';
import { VisibilityBadge } from './VisibilityBadge';

const PAGE_SIZE = 25;

/** Contacts list (CRM-2): search as you type, consent filter, CSV/vCard export and import. */
export function ContactsListPage() {
  const { t } = useTranslation('accounts');
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text, 250);
  const [consent, setConsent] = useState<string | null>(null);
  const [sort, setSort] = useState('lastName');
  const [pager, setPager] = useState<CursorPagerState>(firstPage);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState<'csv' | 'vcf' | null>(null);
  const filters = { q, consent: consent ?? undefined };
  const query = { ...filters, sort, limit: PAGE_SIZE, cursor: currentCursor(pager) };
  const list = useContacts(query as ContactsQuery);
  const exportQuery = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<
    string,
    string
  >;

  return (
    <Stack gap="md">
      <PageHeader
        title={t('contacts.title')}
        description={
          list.data
            ? t(list.data.totalAtLeast ? 'contacts.countMore' : 'contacts.count', { count: list.data.total })
            : undefined
        }
        actions={
          <>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" leftSection={<IconFileImport size={16} />}>
                  {t('import.menu')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setImporting('csv')}>{t('import.csv')}</Menu.Item>
                <Menu.Item onClick={() => setImporting('vcf')}>{t('import.vcf')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" leftSection={<IconDownload size={16} />}>
                  {t('common.export')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component="a" href={downloadUrl('/contacts/export.csv', exportQuery)}>
                  CSV
                </Menu.Item>
                <Menu.Item
                  component="a"
                  leftSection={<IconAddressBook size={14} />}
                  href={downloadUrl('/contacts/export.vcf', { ...exportQuery, version: '4.0' })}
                >
                  vCard 4.0
                </Menu.Item>
                <Menu.Item
                  component="a"
                  leftSection={<IconAddressBook size={14} />}
                  href={downloadUrl('/contacts/export.vcf', { ...exportQuery, version: '3.0' })}
                >
                  vCard 3.0
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('contacts.new')}
            </Button>
          </>
        }
      />
      <Paper withBorder p="sm">
        <Group gap="sm" wrap="wrap">
          <TextInput
            style={{ flex: '1 1 220px' }}
            leftSection={<IconSearch size={16} />}
            placeholder={t('contacts.searchPlaceholder')}
            aria-label={t('contacts.searchPlaceholder')}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setPager(firstPage);
            }}
          />
          <Select
            style={{ flex: '1 1 160px' }}
            clearable
            placeholder={t('fields.emailConsent')}
            aria-label={t('fields.emailConsent')}
            value={consent}
            onChange={(v) => {
              setConsent(v);
              setPager(firstPage);
            }}
            data={[
              { value: 'true', label: t('contacts.consentYes') },
              { value: 'false', label: t('contacts.consentNo') },
            ]}
          />
          <Select
            style={{ flex: '1 1 160px' }}
            aria-label={t('list.sort')}
            value={sort}
            onChange={(v) => setSort(v ?? 'lastName')}
            allowDeselect={false}
            data={[
              { value: 'lastName', label: t('fields.lastName') },
              { value: 'firstName', label: t('fields.firstName') },
              { value: '-updatedAt', label: t('fields.updatedAt') },
            ]}
          />
        </Group>
      </Paper>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Paper withBorder>
          <ScrollArea type="auto">
            <Table striped highlightOnHover verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.name')}</Table.Th>
                  <Table.Th>{t('fields.accounts')}</Table.Th>
                  <Table.Th visibleFrom="md">{t('fields.email')}</Table.Th>
                  <Table.Th visibleFrom="sm">{t('fields.phone')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(list.data?.items ?? []).map((contact) => (
                  <Table.Tr key={contact.id}>
                    <Table.Td>
                      <Group gap={6} wrap="wrap">
                        <Anchor component={Link} to={`/contacts/${contact.id}`} fw={500}>
                          {contact.erasedAt ? t('contacts.erased') : contact.displayName}
                        </Anchor>
                        {contact.visibility !== 'team' && <VisibilityBadge visibility={contact.visibility} />}
                        {contact.emailConsent && (
                          <Badge size="xs" color="teal" variant="light">
                            {t('contacts.optIn')}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed">
                        {contact.title}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{contact.accounts.map((l) => l.accountName).join(', ')}</Text>
                    </Table.Td>
                    <Table.Td visibleFrom="md">
                      <Text size="sm">{contact.emails[0]?.address}</Text>
                    </Table.Td>
                    <Table.Td visibleFrom="sm">
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {contact.phones[0]?.number}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
                {list.data?.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={4}>
                      <Text c="dimmed" ta="center" py="lg">
                        {t('contacts.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      )}
      {list.data && (
        <CursorPager
          state={pager}
          pageSize={PAGE_SIZE}
          itemCount={list.data.items.length}
          total={list.data.total}
          totalAtLeast={list.data.totalAtLeast}
          hasNext={!!list.data.nextCursor}
          onPrevious={() => setPager(goToPreviousPage)}
          onNext={() => setPager((s) => goToNextPage(s, list.data?.nextCursor))}
        />
      )}
      <ContactFormModal opened={creating} onClose={() => setCreating(false)} />
      <ImportWizard kind={importing} onClose={() => setImporting(null)} />
    </Stack>
  );
}
