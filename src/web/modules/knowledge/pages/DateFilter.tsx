import { Badge, Group } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { SearchDates } from '../queries';

type DateBucket = { value: string; count: number; from: string | null; to: string | null };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** YYYY-MM-DD or the person's own order (fr DD/MM/YYYY, en MM/DD/YYYY), else null. */
export function parseDay(text: string, lang: string): string | null {
  const trimmed = text.trim();
  let year: number, month: number, day: number;
  const iso = ISO.exec(trimmed);
  const slashed = SLASHED.exec(trimmed);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (slashed) {
    const [a, b] = [Number(slashed[1]), Number(slashed[2])];
    [year, month, day] = lang.startsWith('en') ? [Number(slashed[3]), a, b] : [Number(slashed[3]), b, a];
  } else return null;
  const value = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

const validDay = (value: string | null) => (value && ISO.test(value) ? value : null);

/** The date range of the knowledge search, kept in the URL (?from=&to=) so a search can be shared. */
export function useSearchDates(): [SearchDates, (dates: SearchDates) => void, boolean] {
  const [params, setParams] = useSearchParams();
  const dates = { from: validDay(params.get('from')), to: validDay(params.get('to')) };
  const set = (next: SearchDates) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        for (const key of ['from', 'to'] as const) {
          if (next[key]) copy.set(key, next[key]);
          else copy.delete(key);
        }
        return copy;
      },
      { replace: true },
    );
  const reversed = Boolean(dates.from && dates.to && dates.from > dates.to);
  return [dates, set, reversed];
}

/** "Last updated": the buckets of the results (click to filter) and a from/to range. */
export function DateFilter(props: {
  dates: SearchDates;
  onChange: (dates: SearchDates) => void;
  reversed: boolean;
  facet: DateBucket[] | undefined;
}) {
  const { t, i18n } = useTranslation();
  const { dates, onChange, facet } = props;
  const selected = (bucket: DateBucket) => bucket.from === dates.from && bucket.to === dates.to;
  return (
    <Group gap="xs" wrap="wrap" align="flex-end">
      <DateInput
        size="xs"
        w={150}
        label={t('knowledge:dates.from')}
        valueFormat="L"
        dateParser={(text) => parseDay(text, i18n.language)}
        value={dates.from}
        onChange={(from) => onChange({ ...dates, from })}
        clearable
        error={props.reversed ? t('knowledge:dates.reversed') : undefined}
      />
      <DateInput
        size="xs"
        w={150}
        label={t('knowledge:dates.to')}
        valueFormat="L"
        dateParser={(text) => parseDay(text, i18n.language)}
        value={dates.to}
        onChange={(to) => onChange({ ...dates, to })}
        clearable
      />
      {facet?.map((bucket) => (
        <Badge
          key={bucket.value}
          component="button"
          type="button"
          variant={selected(bucket) ? 'filled' : 'light'}
          color="teal"
          style={{ cursor: 'pointer' }}
          onClick={() =>
            onChange(selected(bucket) ? { from: null, to: null } : { from: bucket.from, to: bucket.to })
          }
        >
          {t(`knowledge:dates.${bucket.value}`)} · {bucket.count}
        </Badge>
      ))}
    </Group>
  );
}
