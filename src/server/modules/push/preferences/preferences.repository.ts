import type { Queryable } from '../../../db/client.js';

/** SQL of notification preferences (PUSH-6): `notification_preferences`. */

export type PreferencesRow = {
  user_id: string;
  channels: Record<string, Partial<{ email: 'off' | 'immediate' | 'digest'; webpush: boolean }>> | null;
  quiet_start: string | null;
  quiet_end: string | null;
  time_zone: string;
};

export async function findPreferences(tx: Queryable, userIds: string[]): Promise<PreferencesRow[]> {
  return tx.query<PreferencesRow>(`select * from notification_preferences where user_id = any ($1::uuid[])`, [
    userIds,
  ]);
}

export async function upsertPreferences(
  tx: Queryable,
  input: {
    userId: string;
    channels: object;
    quietStart: string | null;
    quietEnd: string | null;
    timeZone: string;
  },
): Promise<PreferencesRow> {
  const [row] = await tx.query<PreferencesRow>(
    `insert into notification_preferences (user_id, channels, quiet_start, quiet_end, time_zone, updated_at) values ($1, $2, $3, $4, $5, now())
     on conflict (user_id) do update set channels = excluded.channels, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
       time_zone = excluded.time_zone, updated_at = now() returning *`,
    [input.userId, JSON.stringify(input.channels), input.quietStart, input.quietEnd, input.timeZone],
  );
  return row;
}
