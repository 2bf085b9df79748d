import dayjs from 'dayjs';

/** "24 nov. 2025 14:32" in the current language; empty for missing dates. */
export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('lll') : '';
}

/** "24 nov. 2025". */
export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('ll') : '';
}

/** "il y a 3 heures" / "3 hours ago". */
export function formatRelative(value: string | null | undefined): string {
  return value ? dayjs(value).fromNow() : '';
}
