import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor, runAsActor } from '../../src/server/db/access.js';
import { idsVisibleTo } from '../../src/server/platform/visibility.js';
import { createTestApp, type TestApp } from '../app.js';

/**
 * ID-3 as the database enforces it, on a table made for this test with the same
 * `relais_protect_table` every record type uses.
 */
let t: TestApp;
const users: Record<string, string> = {};
const teams: Record<string, string> = {};
const records: Record<string, string> = {};

async function visibleNames(email: string): Promise<string[]> {
  const actor = (await loadActor(t.db, users[email]))!;
  const rows = await runAsActor(t.db, actor, (tx) =>
    tx.query<{ name: string }>(`select name from rls_probe order by name`),
  );
  return rows.map((row) => row.name);
}

beforeAll(async () => {
  t = await createTestApp();
  for (const row of await t.db.query<{ id: string; email: string }>(
    `select id, email from users where email like '%@relais.demo'`,
  ))
    users[row.email] = row.id;
  for (const row of await t.db.query<{ id: string; name: string }>(`select id, name from teams`))
    teams[row.name] = row.id;
  await t.db.exec(`
    create table rls_probe (id uuid primary key default gen_random_uuid(), name text not null, visibility text not null,
                            owner_id uuid not null references users (id), team_id uuid references teams (id));
    select relais_protect_table('rls_probe', 'probe');`);
  const teamOf = async (email: string) =>
    (await t.db.query<{ team_id: string }>(`select team_id from users where id = $1`, [users[email]]))[0]
      .team_id;
  const insert = async (name: string, visibility: string, owner: string) => {
    const [row] = await t.db.query<{ id: string }>(
      `insert into rls_probe (name, visibility, owner_id, team_id) values ($1, $2, $3, $4) returning id`,
      [name, visibility, users[owner], await teamOf(owner)],
    );
    records[name] = row.id;
  };
  await insert('public-of-rep3', 'public', 'rep3@relais.demo');
  await insert('team-of-rep', 'team', 'rep@relais.demo');
  await insert('team-of-rep3', 'team', 'rep3@relais.demo');
  await insert('restricted-of-rep', 'restricted', 'rep@relais.demo');
  await insert('secret-of-rep', 'secret', 'rep@relais.demo');
  await insert('secret-of-rep3-for-lille', 'secret', 'rep3@relais.demo');
  await insert('secret-of-rep3-for-region-a', 'secret', 'rep3@relais.demo');
  const grant = (record: string, column: 'user_id' | 'team_id', id: string) =>
    t.db.query(`insert into record_grants (record_type, record_id, ${column}) values ('probe', $1, $2)`, [
      records[record],
      id,
    ]);
  await grant('restricted-of-rep', 'user_id', users['rep2@relais.demo']);
  await grant('secret-of-rep3-for-lille', 'team_id', teams['Équipe Lille Métropole']);
  await grant('secret-of-rep3-for-region-a', 'team_id', teams['Région Île-de-France & Nord']);
});
afterAll(() => t.close());

describe('row-level security (ID-3)', () => {
  it('shows a rep public records, their own records, and grants to them or their teams', async () => {
    expect(await visibleNames('rep@relais.demo')).toEqual([
      'public-of-rep3',
      'restricted-of-rep',
      'secret-of-rep',
      'secret-of-rep3-for-region-a',
      'team-of-rep',
    ]);
    expect(await visibleNames('rep2@relais.demo')).toEqual([
      'public-of-rep3',
      'restricted-of-rep',
      'secret-of-rep3-for-lille',
      'secret-of-rep3-for-region-a',
    ]);
    expect(await visibleNames('rep3@relais.demo')).toEqual([
      'public-of-rep3',
      'secret-of-rep3-for-lille',
      'secret-of-rep3-for-region-a',
      'team-of-rep3',
    ]);
  });

  it('shows a manager the team records below them, never a secret record without a grant', async () => {
    // manager@ manages region A (rep's and rep2's teams), not region B (rep3's).
    expect(await visibleNames('manager@relais.demo')).toEqual([
      'public-of-rep3',
      'secret-of-rep3-for-region-a',
      'team-of-rep',
    ]);
  });

  it('shows an admin every team record but no secret or restricted one without a grant', async () => {
    expect(await visibleNames('admin@relais.demo')).toEqual([
      'public-of-rep3',
      'team-of-rep',
      'team-of-rep3',
    ]);
  });

  it('applies to writes: an update or delete of an invisible row changes nothing', async () => {
    const actor = (await loadActor(t.db, users['rep2@relais.demo']))!;
    const updated = await runAsActor(t.db, actor, (tx) =>
      tx.query(`update rls_probe set name = 'hijacked' where id = $1 returning id`, [records['team-of-rep']]),
    );
    const deleted = await runAsActor(t.db, actor, (tx) =>
      tx.query(`delete from rls_probe where id = $1 returning id`, [records['secret-of-rep']]),
    );
    expect(updated).toEqual([]);
    expect(deleted).toEqual([]);
    expect(
      (await t.db.query(`select name from rls_probe where id = $1`, [records['team-of-rep']]))[0].name,
    ).toBe('team-of-rep');
  });

  it('runs request queries as a role that cannot bypass the policies', async () => {
    const actor = (await loadActor(t.db, users['rep@relais.demo']))!;
    const [row] = await runAsActor(t.db, actor, (tx) =>
      tx.query(
        `select current_user as role, (select rolbypassrls or rolsuper from pg_roles where rolname = current_user) as bypass`,
      ),
    );
    expect(row).toEqual({ role: 'relais_app', bypass: false });
    // Nor can it read another user's credentials.
    const tokens = await runAsActor(t.db, actor, (tx) =>
      tx.query(`select * from sessions where user_id <> $1`, [actor.userId]),
    );
    expect(tokens).toEqual([]);
  });

  it('evaluates the same policies for another user from a background job (idsVisibleTo)', async () => {
    const all = Object.values(records);
    const visible = await t.db.transaction(async (tx) => {
      const forManager = await idsVisibleTo(tx, users['manager@relais.demo'], 'rls_probe', all);
      const [{ count }] = await tx.query<{ count: number }>(`select count(*)::int as count from rls_probe`);
      return { forManager, countAfter: count };
    });
    expect(visible.forManager.sort()).toEqual(
      [records['public-of-rep3'], records['secret-of-rep3-for-region-a'], records['team-of-rep']].sort(),
    );
    // The transaction is back to the system role afterwards.
    expect(visible.countAfter).toBe(all.length);
  });
});
