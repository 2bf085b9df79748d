import { useState } from 'react';
import { Button, Card, Collapse, SimpleGrid, Text, TextInput } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconFilter } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { currentCursor, firstPage, goToNextPage, goToPreviousPage } from '../../../app/cursor-pager';
import { CursorPager } from '../../../components/CursorPager';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useDocumentTitle } from '../../../components/use-document-title';
import type { AuditEntry, Page } from '../admin-types';
import { AuditTable } from '../components/AuditTable';
import { UserPicker } from '../components/UserPicker';

const PAGE_SIZE = 50;

/** Audit log of sensitive actions (ID-4), filterable by action, person, target and period. */
export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin:audit.title'));
  const [text, setText] = useState({ action: '', targetType: '', targetId: '' });
  const [debounced] = useDebouncedValue(text, 300);
  const [actorId, setActorId] = useState<string | null>(null);
  const [range, setRange] = useState<DatesRangeValue<string>>([null, null]);
  const [pager, setPager] = useState(firstPage);
  // On phones the five filters would push the log below the fold: they fold behind a button.
  const isPhone = useMediaQuery('(max-width: 48em)', undefined, { getInitialValueInEffect: false });
  const [filtersOpened, filtersToggle] = useDisclosure(false);

  const setTextFilter = (name: keyof typeof text) => (value: string) => {
    setText((current) => ({ ...current, [name]: value }));
    setPager(firstPage);
  };

  const query = {
    action: debounced.action.trim(),
    targetType: debounced.targetType.trim(),
    targetId: debounced.targetId.trim(),
    actorId,
    from: range[0] ? dayjs(range[0]).startOf('day').toISOString() : undefined,
    to: range[1] ? dayjs(range[1]).endOf('day').toISOString() : undefined,
    limit: PAGE_SIZE,
    cursor: currentCursor(pager),
  };
  const audit = useQuery({
    queryKey: ['admin', 'audit', query],
    queryFn: () => api.get<Page<AuditEntry>>('/audit', query),
    placeholderData: keepPreviousData,
  });
  const items = audit.data?.items ?? [];

  return (
    <>
      <PageHeader title={t('admin:audit.title')} description={t('admin:audit.subtitle')} />
      <Card withBorder radius="md" p={{ base: 'xs', sm: 'md' }}>
        <Button hiddenFrom="sm" variant="light" size="xs" mb="sm" leftSection={<IconFilter size={14} />} onClick={filtersToggle.toggle} aria-expanded={filtersOpened}>
          {t('admin:audit.filters')}
        </Button>
        <Collapse expanded={!isPhone || filtersOpened}>
          <SimpleGrid cols={{ base: 1, xs: 2, lg: 5 }} mb="md" spacing="sm">
            <TextInput
              label={t('admin:audit.action')}
              placeholder={t('admin:audit.actionPlaceholder')}
              value={text.action}
              onChange={(event) => setTextFilter('action')(event.currentTarget.value)}
            />
            <UserPicker
              label={t('admin:audit.actor')}
              value={actorId}
              onChange={(value) => {
                setActorId(value);
                setPager(firstPage);
              }}
            />
            <TextInput
              label={t('admin:audit.targetType')}
              placeholder={t('admin:audit.targetTypePlaceholder')}
              value={text.targetType}
              onChange={(event) => setTextFilter('targetType')(event.currentTarget.value)}
            />
            <TextInput label={t('admin:audit.targetId')} value={text.targetId} onChange={(event) => setTextFilter('targetId')(event.currentTarget.value)} />
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
