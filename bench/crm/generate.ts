import type { Database } from '../../src/server/db/client.js';
import {
  BODIES,
  CITIES,
  CONTACT_ROLES,
  CONTACT_TITLES,
  FIRST_NAMES,
  LAST_NAMES,
  LEGAL_SUFFIXES,
  OFFER_TITLES,
  PLACES,
  SECTORS,
  SEGMENTS,
  SUBJECTS,
  TAGS,
  TRADES,
} from './names.js';

/** Bump when the generated data changes shape: cached bases built by an older generator are rebuilt. */
export const GENERATOR_VERSION = 3;

/** The sizes of issue 12 at scale 1; `BENCH_CRM_SCALE` shrinks them for a dry run. */
export function sizesFor(scale: number) {
  const accounts = Math.max(200, Math.round(100_000 * scale));
  return {
    accounts,
    activities: Math.max(2_000, Math.round(1_000_000 * scale)),
    bigAccountActivities: Math.max(500, Math.round(100_000 * scale)),
    offers: Math.max(600, Math.round(300_000 * scale)),
  };
}
export type Sizes = ReturnType<typeof sizesFor>;

/** What later phases need to know about the built base (stored in `relais_bench.build`). */
export type BuildInfo = { bigAccountId: string; counts: Record<string, number>; buildSeconds: number };

// SQL literals for the word lists: constants in the statement text, parsed once per statement.
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const list = (items: readonly string[]) => `array[${items.map(quote).join(', ')}]::text[]`;
/** `pick(list, salt)` for the row numbered by `key`: a deterministic choice, the same on every engine. */
const pick = (items: readonly string[], key: string, salt: number) =>
  `relais_bench.pick(${list(items)}, relais_bench.rnd(${key}, ${salt}))`;
const rnd = (key: string, salt: number) => `relais_bench.rnd(${key}, ${salt})`;

const HELPERS = `
create schema relais_bench;
-- A uniform number in [0, 1) from a row number and a salt: deterministic, no state, same on PGlite and PostgreSQL.
create function relais_bench.rnd(g bigint, salt int) returns float8 language sql immutable parallel safe as
  $$ select (hashint8extended(g, salt) & 1048575)::float8 / 1048576 $$;
create function relais_bench.pick(items text[], r float8) returns text language sql immutable parallel safe as
  $$ select items[1 + floor(r * array_length(items, 1))::int] $$;
create table relais_bench.build (signature text not null, scale float8 not null, big_account_id uuid not null,
  counts jsonb not null, build_seconds float8 not null, built_at timestamptz not null default now());
`;

/** Tables the generator fills: their secondary indexes are dropped during the load and rebuilt after (much faster than row by row). */
const LOADED_TABLES = [
  'accounts',
  'contacts',
  'account_contacts',
  'offers',
  'offer_lines',
  'activities',
  'activity_contacts',
];

/**
 * Runs `work` with the loaded tables' secondary indexes dropped (primary keys and indexes that
 * back a constraint stay, so foreign keys keep checking), then recreates each index from its
 * own definition — whatever migrations added them.
 */
async function withoutSecondaryIndexes(
  db: Database,
  log: (message: string) => void,
  work: () => Promise<void>,
) {
  const indexes = await db.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i
      where i.indrelid in (select unnest($1::text[])::regclass)
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [LOADED_TABLES],
  );
  for (const index of indexes) await db.exec(`drop index ${index.name}`);
  await work();
  const started = performance.now();
  await db.transaction(async (tx) => {
    await tx.query(`select set_config('maintenance_work_mem', $1, true)`, [
      db.kind === 'pglite' ? '128MB' : '256MB',
    ]);
    for (const index of indexes) await tx.exec(index.definition);
  });
  log(`  ${indexes.length} indexes rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function batches(total: number, size: number, step: (lo: number, hi: number) => Promise<unknown>) {
  for (let lo = 1; lo <= total; lo += size) await step(lo, Math.min(total, lo + size - 1));
}

/**
 * Adds the scale data set of issue 12 on top of the demo company, with set-based SQL only
 * (generate_series in batches, never a row per round trip): accounts with ~2.5 contacts each,
 * offers with lines, activities spread over the demo's reps and managers (70 % team, 25 % public,
 * 5 % restricted) with one account holding `bigAccountActivities` of them, owned by rep@relais.demo.
 * Runs as the connecting (system) role; helper tables live in schema `relais_bench`.
 */
export async function generateScaleData(
  db: Database,
  sizes: Sizes,
  log: (message: string) => void,
): Promise<Omit<BuildInfo, 'buildSeconds'>> {
  const step = async (label: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    log(`  ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  await db.exec(HELPERS);

  await db.exec(`
    create table relais_bench.sellers as
      select row_number() over (order by u.email)::int as i, u.id, u.team_id, u.email
        from users u where u.active and u.role in ('rep', 'manager') and u.team_id is not null;
    create table relais_bench.products as
      select row_number() over (order by p.reference)::int as i, p.id, p.unit_price, p.discount_percent from products p where p.active;`);
  const [{ sellers, rep, products }] = await db.query<{
    sellers: number;
    rep: number | null;
    products: number;
  }>(
    `select (select count(*)::int from relais_bench.sellers) as sellers, (select i from relais_bench.sellers where email = 'rep@relais.demo') as rep,
            (select count(*)::int from relais_bench.products) as products`,
  );
  if (!rep || products === 0)
    throw new Error('the demo company must be seeded first (rep@relais.demo and products are missing)');
  const stages = Object.fromEntries(
    (await db.query<{ key: string; id: string }>(`select key, id from offer_stages`)).map((row) => [
      row.key,
      `'${row.id}'::uuid`,
    ]),
  );
  const N = sizes.accounts;

  await withoutSecondaryIndexes(db, log, async () => {
    await step(`accounts ×${N}`, async () => {
      await db.exec(`
        create table relais_bench.acc as
          select x.n, gen_random_uuid() as id, s.id as owner_id, s.team_id,
                 case when x.n = 1 or x.r < 0.70 then 'team' when x.r < 0.95 then 'public' else 'restricted' end as visibility
            from (select g as n, ${rnd('g', 1)} as r, case when g = 1 then ${rep} else 1 + floor(${rnd('g', 2)} * ${sellers})::int end as si
                    from generate_series(1, ${N}) g) x
            join relais_bench.sellers s on s.i = x.si;
        alter table relais_bench.acc add primary key (n);`);
      await batches(N, 50_000, (lo, hi) =>
        db.query(
          `
        insert into accounts (id, name, kind, siren, siret, sector, size, address_line, postal_code, city, segment, tags, phone, website,
                              owner_id, team_id, visibility, created_at, updated_at)
        select b.id, v.name,
               case when b.n = 1 then 'customer' when ${rnd('b.n', 11)} < 0.45 then 'customer' when ${rnd('b.n', 11)} < 0.80 then 'prospect'
                    when ${rnd('b.n', 11)} < 0.87 then 'partner' when ${rnd('b.n', 11)} < 0.95 then 'supplier' else 'network_member' end,
               case when ${rnd('b.n', 12)} < 0.85 then lpad((100000000 + b.n * 7919)::text, 9, '0') end,
               case when ${rnd('b.n', 12)} < 0.45 then lpad((100000000 + b.n * 7919)::text, 9, '0') || lpad((1 + b.n % 40)::text, 5, '0') end,
               ${pick(SECTORS, 'b.n', 13)}, (array['micro', 'small', 'medium', 'large'])[1 + floor(${rnd('b.n', 14)} * 4)::int],
               (1 + floor(${rnd('b.n', 15)} * 180)::int) || ' ' || ${pick(['rue de la République', 'avenue Jean Jaurès', 'boulevard Victor Hugo', 'place du Marché', 'rue Nationale', 'chemin des Vignes', 'rue Pasteur', 'allée des Peupliers'], 'b.n', 16)},
               (${list(CITIES.map((c) => c.postalCode))})[v.ci], (${list(CITIES.map((c) => c.city))})[v.ci],
               ${pick(SEGMENTS, 'b.n', 17)},
               case when ${rnd('b.n', 18)} < 0.5 then '{}'::text[] when ${rnd('b.n', 18)} < 0.8 then array[${pick(TAGS, 'b.n', 19)}]
                    else array[${pick(TAGS, 'b.n', 19)}, ${pick(TAGS, 'b.n', 20)}] end,
               '+33 ' || (1 + b.n % 5) || ' ' || to_char(floor(${rnd('b.n', 21)} * 100000000)::int, 'FM00 00 00 00'),
               case when ${rnd('b.n', 22)} < 0.6 then 'https://www.' || trim(both '-' from regexp_replace(lower(relais_unaccent(v.name)), '[^a-z0-9]+', '-', 'g')) || '.fr' end,
               b.owner_id, b.team_id, b.visibility, v.created_at, v.created_at + (now() - v.created_at) * ${rnd('b.n', 23)}
          from relais_bench.acc b
          cross join lateral (
            select case when b.n = 1 then 'Centrale d''achats Dupont Restauration'
                        when ${rnd('b.n', 3)} < 0.55 then ${pick(TRADES, 'b.n', 4)} || ' ' || ${pick(LAST_NAMES, 'b.n', 5)} || ${pick(LEGAL_SUFFIXES, 'b.n', 6)}
                        when ${rnd('b.n', 3)} < 0.80 then ${pick(TRADES, 'b.n', 4)} || ' ' || ${pick(PLACES, 'b.n', 7)}
                        else ${pick(TRADES, 'b.n', 4)} || ' ' || ${pick(LAST_NAMES, 'b.n', 5)} || ' ' || (${list(CITIES.map((c) => c.city))})[1 + floor(${rnd('b.n', 8)} * ${CITIES.length})::int] end as name,
                   1 + floor(${rnd('b.n', 8)} * ${CITIES.length})::int as ci,
                   now() - interval '1 day' * (30 + floor(${rnd('b.n', 9)} * 1000)) as created_at
          ) v
         where b.n between $1 and $2`,
          [lo, hi],
        ),
      );
      // A third of the restricted accounts are shared with another team, as owners do.
      await db.query(`
        insert into record_grants (record_type, record_id, team_id, granted_by)
        select 'account', b.id, s.team_id, b.owner_id from relais_bench.acc b join relais_bench.sellers s on s.i = 1 + (b.n % ${sellers})
         where b.visibility = 'restricted' and b.n % 3 = 0 on conflict do nothing`);
    });

    await step('contacts (2–3 per account)', async () => {
      await db.exec(`
        create table relais_bench.con as
          select b.n, k, (b.n * 4 + k)::bigint as key, gen_random_uuid() as id, b.id as account_id, b.owner_id, b.team_id,
                 case when b.visibility = 'public' then 'team' else b.visibility end as visibility
            from relais_bench.acc b cross join lateral generate_series(1, 2 + (${rnd('b.n', 30)} < 0.5)::int) k;
        alter table relais_bench.con add primary key (n, k);`);
      await batches(N, 40_000, async (lo, hi) => {
        await db.query(
          `
          insert into contacts (id, first_name, last_name, title, emails, phones, email_consent, consent_at, consent_source, owner_id, team_id, visibility, created_at, updated_at)
          select c.id, v.first, v.last, ${pick(CONTACT_TITLES, 'c.key', 31)},
                 jsonb_build_array(jsonb_build_object('address',
                   translate(lower(relais_unaccent(v.first || '.' || v.last)), ' ''', '--') || '@client' || c.n || '.fr', 'label', 'work')),
                 jsonb_build_array(jsonb_build_object('number', '+33 6 ' || to_char(floor(${rnd('c.key', 32)} * 100000000)::int, 'FM00 00 00 00'), 'label', 'mobile')),
                 ${rnd('c.key', 33)} < 0.8, case when ${rnd('c.key', 33)} < 0.8 then now() - interval '1 day' * floor(${rnd('c.key', 34)} * 700) end,
                 case when ${rnd('c.key', 33)} < 0.8 then ${pick(['salon', 'formulaire web', 'rendez-vous', 'contrat'], 'c.key', 35)} end,
                 c.owner_id, c.team_id, c.visibility, now() - interval '1 day' * floor(${rnd('c.key', 36)} * 900), now() - interval '1 day' * floor(${rnd('c.key', 37)} * 30)
            from relais_bench.con c
           cross join lateral (select ${pick(FIRST_NAMES, 'c.key', 38)} as first, ${pick(LAST_NAMES, 'c.key', 39)} as last) v
           where c.n between $1 and $2`,
          [lo, hi],
        );
        await db.query(
          `
          insert into account_contacts (account_id, contact_id, role, is_primary)
          select c.account_id, c.id, case when c.k = 1 then 'Décideur' else ${pick(CONTACT_ROLES, 'c.key', 40)} end, c.k = 1
            from relais_bench.con c where c.n between $1 and $2`,
          [lo, hi],
        );
      });
    });

    await step(`offers ×${sizes.offers} with lines`, async () => {
      await db.exec(`
        create table relais_bench.off as
          select g as n, gen_random_uuid() as id, 1 + floor(${rnd('g', 50)} * ${N})::int as acc_n, 1 + floor(${rnd('g', 51)} * 3)::int as line_count, ${rnd('g', 52)} as rs
            from generate_series(1, ${sizes.offers}) g;
        alter table relais_bench.off add primary key (n);`);
      const lineProduct = (j: string) => `1 + floor(${rnd(`o.n * 4 + ${j}`, 53)} * ${products})::int`;
      const lineQuantity = (j: string) => `1 + floor(${rnd(`o.n * 4 + ${j}`, 54)} * 10)::int`;
      await batches(sizes.offers, 50_000, async (lo, hi) => {
        await db.query(
          `
          insert into offers (id, title, account_id, contact_id, stage_id, amount, expected_close_date, closed_at, close_reason, competitor,
                              owner_id, team_id, visibility, created_at, updated_at)
          select o.id, ${pick(OFFER_TITLES, 'o.n', 55)} || ' – ' || a.name, b.id, c.id, v.stage_id,
                 coalesce((select sum(round(${lineQuantity('j')} * p.unit_price * (1 - p.discount_percent / 100), 2))
                             from generate_series(1, o.line_count) j join relais_bench.products p on p.i = ${lineProduct('j')}), 0),
                 case when v.closed then (now() - interval '1 day' * v.closed_days)::date else (now() + interval '1 day' * floor(${rnd('o.n', 56)} * 120))::date end,
                 case when v.closed then now() - interval '1 day' * v.closed_days end,
                 case when o.rs >= 0.25 and o.rs < 0.45 then ${pick(['Prix', 'Délai de livraison', 'Concurrent mieux placé', 'Projet abandonné'], 'o.n', 57)} end,
                 case when o.rs >= 0.25 and o.rs < 0.45 and ${rnd('o.n', 58)} < 0.5 then ${pick(['Frigéco', 'Cuisimat', 'ProFroid', 'Hotelia Équipement'], 'o.n', 59)} end,
                 b.owner_id, b.team_id, case when b.visibility = 'restricted' then 'restricted' when ${rnd('o.n', 60)} < 0.15 then 'public' else 'team' end,
                 v.created_at, v.created_at
            from relais_bench.off o
            join relais_bench.acc b on b.n = o.acc_n
            join accounts a on a.id = b.id
            left join relais_bench.con c on c.n = o.acc_n and c.k = 1
           cross join lateral (
             select case when o.rs < 0.25 then ${stages.won} when o.rs < 0.45 then ${stages.lost} when o.rs < 0.60 then ${stages.qualification}
                         when o.rs < 0.75 then ${stages.proposal} when o.rs < 0.88 then ${stages.negotiation} else ${stages.commitment} end as stage_id,
                    o.rs < 0.45 as closed, floor(${rnd('o.n', 61)} * 540) as closed_days,
                    now() - interval '1 day' * (case when o.rs < 0.45 then floor(${rnd('o.n', 61)} * 540) else 0 end + 5 + floor(${rnd('o.n', 62)} * 200)) as created_at
           ) v
           where o.n between $1 and $2`,
          [lo, hi],
        );
        await db.query(
          `
          insert into offer_lines (offer_id, product_id, quantity, unit_price, discount_percent, position)
          select o.id, p.id, ${lineQuantity('j')}, p.unit_price, p.discount_percent, j
            from relais_bench.off o cross join lateral generate_series(1, o.line_count) j
            join relais_bench.products p on p.i = ${lineProduct('j')}
           where o.n between $1 and $2`,
          [lo, hi],
        );
      });
    });

    await step(`activities ×${sizes.activities} (${sizes.bigAccountActivities} on one account)`, async () => {
      const kinds = `case when ${rnd('x.g', 71)} < 0.30 then 'call' when ${rnd('x.g', 71)} < 0.50 then 'visit' when ${rnd('x.g', 71)} < 0.75 then 'email'
                          when ${rnd('x.g', 71)} < 0.90 then 'note' else 'task' end`;
      const subject = `case x.kind ${Object.entries(SUBJECTS)
        .map(([kind, subjects]) => `when '${kind}' then ${pick(subjects, 'x.g', 72)}`)
        .join(' ')} end`;
      await db.exec(
        `create unlogged table relais_bench.act (g bigint primary key, id uuid, acc_n int, account_id uuid, kind text, owner_id uuid, team_id uuid, occurred_at timestamptz)`,
      );
      await batches(sizes.activities, 100_000, async (lo, hi) => {
        await db.query(`truncate relais_bench.act`);
        // Activities of the big account come from every seller; elsewhere mostly from the account's owner.
        await db.query(
          `
          insert into relais_bench.act
          select x.g, gen_random_uuid(), x.acc_n, b.id, ${kinds}, coalesce(s.id, b.owner_id), coalesce(s.team_id, b.team_id),
                 case when ${rnd('x.g', 73)} < 0.03 then now() + interval '1 minute' * floor(${rnd('x.g', 74)} * 20160)
                      else now() - interval '1 minute' * floor(power(${rnd('x.g', 74)}, 2) * 1051200) end
            from (select g, case when g <= ${sizes.bigAccountActivities} then 1 else 2 + floor(${rnd('g', 70)} * ${N - 1})::int end as acc_n,
                         case when g <= ${sizes.bigAccountActivities} or ${rnd('g', 75)} < 0.25 then 1 + floor(${rnd('g', 76)} * ${sellers})::int end as owner_i
                    from generate_series($1::bigint, $2::bigint) g) x
            join relais_bench.acc b on b.n = x.acc_n
            left join relais_bench.sellers s on s.i = x.owner_i`,
          [lo, hi],
        );
        await db.query(`
          insert into activities (id, kind, subject, body_md, report, occurred_at, duration_minutes, due_date, done_at, account_id, owner_id, team_id, visibility, created_at, updated_at)
          select x.id, x.kind, ${subject}, ${pick(BODIES, 'x.g', 77)},
                 case when x.kind = 'visit' and ${rnd('x.g', 78)} < 0.5 then jsonb_build_object('objectives', 'Présenter la gamme', 'outcome', ${pick(BODIES, 'x.g', 79)}, 'nextSteps', 'Envoyer le devis') end,
                 x.occurred_at,
                 case x.kind when 'call' then 5 + floor(${rnd('x.g', 80)} * 25)::int when 'visit' then 30 + floor(${rnd('x.g', 80)} * 90)::int end,
                 case when x.kind = 'task' then (x.occurred_at + interval '1 day' * floor(${rnd('x.g', 81)} * 14))::date end,
                 case when x.kind = 'task' and ${rnd('x.g', 82)} < 0.6 and x.occurred_at < now() then x.occurred_at + interval '1 day' end,
                 x.account_id, x.owner_id, x.team_id,
                 case when ${rnd('x.g', 83)} < 0.70 then 'team' when ${rnd('x.g', 83)} < 0.95 then 'public' else 'restricted' end,
                 least(x.occurred_at, now()), least(x.occurred_at, now())
            from relais_bench.act x`);
        await db.query(`
          insert into activity_contacts (activity_id, contact_id)
          select x.id, c.id from relais_bench.act x join relais_bench.con c on c.n = x.acc_n and c.k = 1 where ${rnd('x.g', 84)} < 0.3`);
      });
    });
  });

  await step('vacuum analyze', async () => {
    await db.exec(`drop table relais_bench.act, relais_bench.off, relais_bench.con, relais_bench.products`);
    for (const table of [
      'accounts',
      'contacts',
      'account_contacts',
      'offers',
      'offer_lines',
      'activities',
      'activity_contacts',
      'record_grants',
    ]) {
      await db.exec(`vacuum analyze ${table}`);
    }
  });
  const [{ big }] = await db.query<{ big: string }>(`select id as big from relais_bench.acc where n = 1`);
  await db.exec(`drop table relais_bench.acc, relais_bench.sellers`);
  const counts: Record<string, number> = {};
  for (const table of ['accounts', 'contacts', 'offers', 'offer_lines', 'activities', 'activity_contacts']) {
    const [{ count }] = await db.query<{ count: number }>(`select count(*)::int as count from ${table}`);
    counts[table] = count;
  }
  return { bigAccountId: big, counts };
}
