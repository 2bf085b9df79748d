import type { Queryable } from '../../../db/client.js';

/**
 * Sign-in throttling, OWASP's way: counted per (e-mail, address), so one address cannot lock
 * someone else out. The first FREE_FAILURES failures cost nothing; each further one blocks that
 * pair for a doubling delay (30 s, 1 min, 2 min… at most 15 min). The per-address request limit
 * of the route stays in place for guessing across many e-mails.
 */
export const FREE_FAILURES = 4;
const FIRST_DELAY_SECONDS = 30;
const MAX_DELAY_SECONDS = 15 * 60;
// A pair forgets its failures after a quiet day.
const FORGET_AFTER = '1 day';

const normalise = (email: string) => email.trim().toLowerCase();

/** When this pair may try again, if it is blocked now. */
export async function blockedUntil(db: Queryable, email: string, ip: string): Promise<string | null> {
  const [row] = await db.query<{ blocked_until: string }>(
    `select blocked_until from login_throttle where email = $1 and ip = $2 and blocked_until > now()`,
    [normalise(email), ip],
  );
  return row?.blocked_until ?? null;
}

/** Counts a failure; returns the end of the block it starts, if any. */
export async function recordFailure(db: Queryable, email: string, ip: string): Promise<string | null> {
  await db.query(`delete from login_throttle where last_failure_at < now() - interval '${FORGET_AFTER}'`);
  const [row] = await db.query<{ blocked_until: string | null }>(
    `insert into login_throttle as t (email, ip, failures, last_failure_at) values ($1, $2, 1, now())
     on conflict (email, ip) do update set failures = t.failures + 1, last_failure_at = now(),
       blocked_until = case when t.failures + 1 > $3
         then now() + make_interval(secs => least($5::float8, $4::float8 * power(2, t.failures - $3))) end
     returning blocked_until`,
    [normalise(email), ip, FREE_FAILURES, FIRST_DELAY_SECONDS, MAX_DELAY_SECONDS],
  );
  return row?.blocked_until ?? null;
}

export async function clearFailures(db: Queryable, email: string, ip: string): Promise<void> {
  await db.query(`delete from login_throttle where email = $1 and ip = $2`, [normalise(email), ip]);
}
