import { AsyncLocalStorage } from 'node:async_hooks';
import type { Queryable } from '../db/client.js';

/**
 * ID-4, "every access audited", in one place: the row mappers of protected records (accounts,
 * contacts, offers, activities, knowledge items…) note each secret row they turn into an answer,
 * and `request.run` writes the notes into `audit_log` before its transaction commits — so a
 * list, a `q=` filter, the global search, an export, the board, a timeline or the brief audits
 * what it returns without each route remembering to. One entry per record and request; an owner
 * listing their own secret records is noted at most once an hour per record (single reads are
 * always written), so the log is not flooded by someone reading their own work.
 */
type SecretRead = { type: string; id: string; ownerId: string | null; how: string };
type Collector = { reads: Map<string, SecretRead> };

const current = new AsyncLocalStorage<Collector>();

/** Runs `fn` collecting secret reads; `flush` gets them once `fn` has answered. */
export async function collectSecretReads<T>(
  fn: () => Promise<T>,
  flush: (reads: SecretRead[]) => Promise<void>,
): Promise<T> {
  const collector: Collector = { reads: new Map() };
  return current.run(collector, async () => {
    const result = await fn();
    if (collector.reads.size) await flush([...collector.reads.values()]);
    return result;
  });
}

/** The fields read of a row, whether a record (`ownerId`) or a raw row (`owner_id`). */
type SecretRowFields = {
  id?: unknown;
  visibility?: unknown;
  ownerId?: unknown;
  owner_id?: unknown;
};

/** Notes the secret ones among `rows` (records or raw rows with `owner_id`) as read (`how`: list, get, export…). Outside a request it does nothing. */
export function noteSecretRows(type: string, rows: Iterable<SecretRowFields>, how = 'list'): void {
  const collector = current.getStore();
  if (!collector) return;
  for (const row of rows) {
    if (row.visibility !== 'secret') continue;
    const key = `${type}:${row.id}`;
    const known = collector.reads.get(key);
    // A single read (get, send…) says more than a list does: it wins.
    if (!known || (known.how === 'list' && how !== 'list')) {
      const ownerId = row.ownerId ?? row.owner_id ?? null;
      collector.reads.set(key, {
        type,
        id: String(row.id),
        ownerId: ownerId === null ? null : String(ownerId),
        how,
      });
    }
  }
}

/** True inside `request.run` (where reads are collected and written once). */
export const hasSecretReadCollector = () => current.getStore() !== undefined;

/** Maps a row and notes it: for mappers `(row) => record` of protected tables. */
export function noted<R extends { id: string; visibility?: string | null; ownerId?: string | null }>(
  type: string,
  record: R,
): R {
  noteSecretRows(type, [record]);
  return record;
}

/** Writes the collected reads: one entry per record and request; an owner's own list reads once an hour. */
export async function writeSecretReads(
  tx: Queryable,
  reads: SecretRead[],
  who: { actorId: string; ip?: string; requestId: string },
): Promise<void> {
  await tx.query(
    `insert into audit_log (actor_id, action, target_type, target_id, ip, details)
     select $1, 'record.secret_read', r.type, r.id, $2, jsonb_build_object('how', r.how, 'requestId', $3::text)
       from unnest($4::text[], $5::text[], $6::text[], $7::boolean[]) as r(type, id, how, own_list)
      where not exists (select 1 from audit_log l where l.action = 'record.secret_read' and l.target_type = r.type and l.target_id = r.id and l.actor_id = $1
                          and (l.details ->> 'requestId' = $3 or (r.own_list and l.at > now() - interval '1 hour')))`,
    [
      who.actorId,
      who.ip ?? null,
      who.requestId,
      reads.map((r) => r.type),
      reads.map((r) => r.id),
      reads.map((r) => r.how),
      reads.map((r) => r.ownerId === who.actorId && r.how === 'list'),
    ],
  );
}
