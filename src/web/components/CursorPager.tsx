import { ActionIcon, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { pageRange, type CursorPagerState } from '../app/cursor-pager';

interface CursorPagerProps {
  state: CursorPagerState;
  pageSize: number;
  itemCount: number;
  total?: number | null;
  /** The API stopped counting: there are more than `total` items. */
  totalAtLeast?: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

/** "1–25 sur 123  ‹ ›" under a cursor-paginated table. */
export function CursorPager({
  state,
  pageSize,
  itemCount,
  total,
  totalAtLeast,
  hasNext,
  onPrevious,
  onNext,
}: CursorPagerProps) {
  const { t } = useTranslation();
  const range = pageRange(state, pageSize, itemCount);
  return (
    <Group justify="space-between" mt="md" gap="xs">
      <Text size="sm" c="dimmed">
        {range
          ? typeof total === 'number'
            ? t(totalAtLeast ? 'common:pagination.rangeOfMore' : 'common:pagination.rangeOfTotal', {
                from: range.from,
                to: range.to,
                total,
              })
            : t('common:pagination.range', { from: range.from, to: range.to })
          : ''}
      </Text>
      <Group gap={4}>
        <ActionIcon
          variant="default"
          onClick={onPrevious}
          disabled={state.index === 0}
          aria-label={t('common:pagination.previous')}
        >
          <IconChevronLeft size={16} />
        </ActionIcon>
        <ActionIcon
          variant="default"
          onClick={onNext}
          disabled={!hasNext}
          aria-label={t('common:pagination.next')}
        >
          <IconChevronRight size={16} />
        </ActionIcon>
      </Group>
    </Group>
  );
}
