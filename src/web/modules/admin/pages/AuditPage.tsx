import { useState } from 'react';
import { Button, Card, Collapse, Select, SimpleGrid, Text } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconFilter } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { currentCursor, firstPage, goToNextPage, goToPreviousPage } from '../../../app/cursor-pager';
import { CursorPager } from '../../../components/CursorPager';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import { AuditTable } from '../components/AuditTable';
import { actionLabel, AUDIT_ACTIONS, AUDIT_TARGETS, targetLabel } from '../components/audit-labels';
import { UserPicker } from '../components/UserPicker';
import { useAudit, type AuditQuery } from '../queries';

const PAGE_SIZE = 50;

/** Audit log of sensitive actions (ID-4), filterable by action, person, target and period. */
export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin:audit.title'));
  const [filters, setFilters] = useState<{ action: string | null; targetType: string | null }>({
    action: null,
    targetType: null,
  });
  const [actorId, setActorId] = useState<string | null>(null);
  const [range, setRange] = useState<DatesRangeValue<string>>([null, null]);
  const [pager, setPager] = useState(firstPage);
  // On phones the four filters would push the log below the fold: they fold behind a button.
  const isPhone = useMediaQuery('(max-width: 48em)', undefined, { getInitialValueInEffect: false });
  const [filtersOpened, filtersToggle] = useDisclosure(false);

  const setFilter = (name: keyof typeof filters) => (value: string | null) => {
    setFilters((current) => ({ ...current, [name]: value }));
    setPager(firstPage);
  };
  // Actions and record types in words, the codes staying between the page and the server.
  const actionOptions = AUDIT_ACTIONS.map((value) => ({ value, label: actionLabel(t, value) })).sort((a, b) =>
    a.label.localeCompare(b.label),
  );
  const targetOptions = AUDIT_TARGETS.map((value) => ({ value, label: targetLabel(t, value) ?? value })).sort(
    (a, b) => a.label.localeCompare(b.label),
  );

  const query: AuditQuery = {
    action: filters.action ?? undefined,
    targetType: filters.targetType ?? undefined,
    actorId: actorId ?? undefined,
    from: range[0] ? dayjs(range[0]).startOf('day').toISOString() : undefined,
    to: range[1] ? dayjs(range[1]).endOf('day').toISOString() : undefined,
    limit: PAGE_SIZE,
    cursor: currentCursor(pager),
  };
  const audit = useAudit(query);
  const items = audit.data?.items ?? [];

  return (
    <>
      <PageHeader title={t('admin:audit.title')} description={t('admin:audit.subtitle')} />
      <Card withBorder radius="md" p={{ base: 'xs', sm: 'md' }}>
        <Button
          hiddenFrom="sm"
          variant="light"
          size="xs"
          mb="sm"
          leftSection={<IconFilter size={14} />}
          onClick={filtersToggle.toggle}
          aria-expanded={filtersOpened}
        >
          {t('admin:audit.filters')}
        </Button>
        <Collapse expanded={!isPhone || filtersOpened}>
          <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} mb="md" spacing="sm">
            <Select
              label={t('admin:audit.action')}
              placeholder={t('admin:audit.actionAll')}
              data={actionOptions}
              value={filters.action}
              onChange={setFilter('action')}
              searchable
              clearable
              comboboxProps={{ withinPortal: true }}
            />
            <UserPicker
              label={t('admin:audit.actor')}
              value={actorId}
              onChange={(value) => {
                setActorId(value);
                setPager(firstPage);
              }}
            />
            <Select
              label={t('admin:audit.targetType')}
              placeholder={t('admin:audit.targetAll')}
              data={targetOptions}
              value={filters.targetType}
              onChange={setFilter('targetType')}
              clearable
              comboboxProps={{ withinPortal: true }}
            />
            <DatePickerInput
              type="range"
              label={t('admin:audit.period')}
              placeholder={t('admin:audit.periodPlaceholder')}
              value={range}
              onChange={(value) => {
                setRange(value);
                setPager(firstPage);
              }}
              clearable
              allowSingleDateInRange
              popoverProps={{ withinPortal: true }}
            />
          </SimpleGrid>
        </Collapse>
        {audit.isError ? (
          <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
        ) : audit.isSuccess && items.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl">
            {t('admin:audit.empty')}
          </Text>
        ) : (
          <AuditTable entries={items} />
        )}
        <CursorPager
          state={pager}
          pageSize={PAGE_SIZE}
          itemCount={items.length}
          total={audit.data?.total}
          hasNext={!!audit.data?.nextCursor}
          onPrevious={() => setPager(goToPreviousPage)}
          onNext={() => setPager((state) => goToNextPage(state, audit.data?.nextCursor))}
        />
      </Card>
    </>
  );
}
