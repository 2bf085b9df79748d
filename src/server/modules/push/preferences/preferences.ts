import type { Queryable } from '../../../db/client.js';
import { findPreferences, type PreferencesRow } from './preferences.repository.js';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notifications/notify.js';

export type EmailMode = 'off' | 'immediate' | 'digest';
export type ChannelChoice = { email: EmailMode; webpush: boolean };
export type Preferences = {
  channels: Record<NotificationKind, ChannelChoice>;
  quietHours: { start: string; end: string } | null;
  timeZone: string;
};

/** What a user gets before choosing: urgent kinds at once, the rest in the daily digest. */
export const DEFAULT_CHANNELS: Record<NotificationKind, ChannelChoice> = {
  broadcast: { email: 'immediate', webpush: true },
  reminder: { email: 'immediate', webpush: true },
  change: { email: 'digest', webpush: false },
  season: { email: 'digest', webpush: true },
  plan: { email: 'digest', webpush: false },
};

export function toPreferences(row: PreferencesRow | undefined): Preferences {
  const channels = {} as Record<NotificationKind, ChannelChoice>;
  for (const kind of NOTIFICATION_KINDS)
    channels[kind] = { ...DEFAULT_CHANNELS[kind], ...(row?.channels?.[kind] ?? {}) };
  return {
    channels,
    quietHours:
      row?.quiet_start && row.quiet_end
        ? { start: row.quiet_start.slice(0, 5), end: row.quiet_end.slice(0, 5) }
        : null,
    timeZone: row?.time_zone ?? 'Europe/Paris',
  };
}

export async function loadPreferences(tx: Queryable, userIds: string[]): Promise<Map<string, Preferences>> {
  const rows = await findPreferences(tx, userIds);
  const byUser = new Map(rows.map((row) => [row.user_id, row]));
  return new Map(userIds.map((id) => [id, toPreferences(byUser.get(id))]));
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Local minutes since midnight in `timeZone`. */
function localMinutes(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** When quiet hours hold at `now`, the instant they end; otherwise null. Handles 22:00–07:00. */
export function quietUntil(preferences: Preferences, now: Date): Date | null {
  if (!preferences.quietHours) return null;
  const start = minutes(preferences.quietHours.start);
  const end = minutes(preferences.quietHours.end);
  if (start === end) return null;
  const current = localMinutes(now, preferences.timeZone);
  const inside = start < end ? current >= start && current < end : current >= start || current < end;
  if (!inside) return null;
  const wait = (end - current + 1440) % 1440;
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000 + wait * 60_000);
}
