import { randomUUID } from 'node:crypto';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { Database, Queryable } from '../../../db/client.js';
import type { AppDeps } from '../../../platform/context.js';
import { createRandom, type Random } from '../../../platform/demo-random.js';
import { storeFile } from '../../../platform/files.js';
import type { DemoOptions } from '../../../platform/module.js';
import {
  bulkInsert,
  findDemoAccounts,
  findDemoRepIds,
  findDemoReps,
  findStageIds,
  findUserTeams,
  insertDemoAccount,
  insertDemoProduct,
  insertProductDocument,
  type DemoAccount,
} from './demo.repository.js';
import * as D from './seed-data.js';

const DAY = 86_400_000;
type Account = DemoAccount;

/** A one-page brochure, generated so every demo product has a real PDF attached. */
async function brochure(product: {
  reference: string;
  name: string;
  category: string;
  price: number;
  blurb: string;
}) {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${product.name} – ${product.reference}`);
  pdf.setCreationDate(new Date('2025-01-01T00:00:00Z'));
  pdf.setModificationDate(new Date('2025-01-01T00:00:00Z'));
  const page = pdf.addPage([595, 842]);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawRectangle({ x: 0, y: 762, width: 595, height: 80, color: rgb(0.11, 0.3, 0.55) });
  page.drawText('Brémont Équipements Pro', { x: 40, y: 795, size: 20, font: bold, color: rgb(1, 1, 1) });
  page.drawText(product.name, { x: 40, y: 700, size: 18, font: bold });
  page.drawText(`Référence ${product.reference} · ${product.category}`, { x: 40, y: 675, size: 12, font });
  page.drawText(product.blurb.replace(/\*\*/g, ''), {
    x: 40,
    y: 640,
    size: 11,
    font,
    maxWidth: 515,
    lineHeight: 15,
  });
  page.drawText(
    `Prix public conseillé : ${product.price.toLocaleString('fr-FR').replace(/\u202f|\u00a0/g, ' ')} € HT`,
    { x: 40, y: 560, size: 13, font: bold },
  );
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

async function seedProducts(tx: Queryable, deps: AppDeps, random: Random, count: number) {
  const products: { id: string; price: number; discount: number }[] = [];
  let made = 0;
  for (const family of D.PRODUCT_FAMILIES) {
    for (const [index, { name, price: listPrice }] of family.items.entries()) {
      if (made >= count) break;
      if (count <= 6 && index > 0) break;
      made += 1;
      const id = randomUUID();
      const reference = `${family.prefix}-${100 + index * 10 + random.int(1, 9)}`;
      // A small spread around the list price (±2 %), never enough to reorder sizes of a range.
      const price = Math.round((listPrice * (100 + random.int(-2, 2))) / 100 / 10) * 10;
      const discount = random.pick([0, 0, 5, 8, 10]);
      const blurb = random.sample(D.PRODUCT_BLURBS, 2).join('\n\n');
      const description = `## ${name}\n\n${blurb}\n\n- Garantie 2 ans\n- Installation par nos techniciens`;
      const active = random.chance(0.93);
      const oldPrice = Math.round((price * 0.94) / 10) * 10;
      await insertDemoProduct(tx, {
        id,
        reference,
        name,
        description,
        price,
        oldPrice,
        discount,
        category: family.category,
        active,
      });
      const pdf = await brochure({ reference, name, category: family.category, price, blurb });
      const stored = await storeFile(deps.config.dataDir, pdf, 'application/pdf');
      await insertProductDocument(tx, id, {
        name: `Brochure ${reference}.pdf`,
        contentType: stored.contentType,
        size: stored.size,
        sha256: stored.sha256,
      });
      products.push({ id, price, discount });
    }
  }
  return products;
}

async function loadAccounts(tx: Queryable, small: boolean): Promise<Account[]> {
  let accounts = await findDemoAccounts(tx);
  if (accounts.length === 0 && small) {
    // The accounts part has not seeded anything: a minimal set so the sales fixture exists.
    const users = await findDemoReps(tx);
    for (const user of users) {
      await insertDemoAccount(tx, {
        name: `Brasserie ${user.email.split('@')[0]}`,
        ownerId: user.id,
        teamId: user.team_id,
        visibility: 'team',
      });
    }
    const rep = users.find((u) => u.email === 'rep@relais.demo')!;
    await insertDemoAccount(tx, {
      name: 'Compte confidentiel Oméga',
      ownerId: rep.id,
      teamId: rep.team_id,
      visibility: 'secret',
    });
    accounts = await loadAccounts(tx, false);
  }
  return accounts.map((a) => ({ ...a, contacts: a.contacts ?? [] }));
}

const visibilityFor = (account: Account) =>
  account.visibility === 'secret' || account.visibility === 'restricted' ? account.visibility : 'team';

export async function seedSales(db: Database, deps: AppDeps, options: DemoOptions) {
  const small = options.size === 'small';
  const random = createRandom(small ? 4242 : 2024);
  const started = Date.now();
  await db.transaction(async (tx) => {
    const products = await seedProducts(tx, deps, random, small ? 5 : 40);
    const accounts = await loadAccounts(tx, small);
    if (accounts.length === 0) return;
    const stages = await findStageIds(tx);
    const teamOf = await findUserTeams(tx);
    const now = Date.now();
    const offers: unknown[][] = [],
      lines: unknown[][] = [],
      history: unknown[][] = [],
      activities: unknown[][] = [],
      links: unknown[][] = [];
    const pickAccounts = small
      ? accounts.filter((a) => a.visibility === 'secret' || a.owner_id).slice(0, 40)
      : accounts;
    const offerCount = small ? 15 : 600;
    const activityTarget = small ? 40 : 5000;

    const addActivity = (
      account: Account,
      kind: string,
      at: number,
      offerId: string | null,
      extra: { due?: string; done?: number | null } = {},
    ) => {
      const id = randomUUID();
      const subjects: Record<string, readonly string[]> = {
        call: D.CALL_SUBJECTS,
        email: D.EMAIL_SUBJECTS,
        note: D.NOTE_SUBJECTS,
        task: D.TASK_SUBJECTS,
      };
      const subject = kind === 'visit' ? `Visite – ${account.name}` : random.pick(subjects[kind]);
      const report =
        kind === 'visit'
          ? {
              objectives: random.pick(D.VISIT_OBJECTIVES),
              outcome: random.pick(D.VISIT_OUTCOMES),
              nextSteps: random.pick(D.VISIT_NEXT_STEPS),
            }
          : null;
      const body =
        kind === 'call'
          ? random.pick(D.VISIT_OUTCOMES)
          : kind === 'note'
            ? random.pick(D.VISIT_OUTCOMES)
            : '';
      // Only visits and tasks may be planned ahead; calls, e-mails and notes are in the past.
      const occurred = new Date(
        Math.min(at, kind === 'visit' || kind === 'task' ? now + 30 * DAY : now - 3_600_000),
      );
      // A visit still ahead is planned: it has its objectives, not yet an outcome, and is not done.
      const planned = kind !== 'task' && occurred.getTime() > now;
      if (planned && report) Object.assign(report, { outcome: '', nextSteps: '' });
      const done = kind === 'task' ? (extra.done ?? null) : planned ? null : occurred.getTime();
      activities.push([
        id,
        kind,
        subject,
        body,
        report ? JSON.stringify(report) : null,
        occurred.toISOString(),
        kind === 'visit' ? random.pick([45, 60, 90]) : kind === 'call' ? random.int(5, 25) : null,
        extra.due ?? null,
        done ? new Date(done).toISOString() : null,
        account.id,
        offerId,
        account.owner_id,
        account.team_id ?? teamOf.get(account.owner_id) ?? null,
        visibilityFor(account),
        new Date(Math.min(occurred.getTime(), now)).toISOString(),
      ]);
      if ((kind === 'visit' || kind === 'call') && account.contacts.length)
        links.push([id, random.pick(account.contacts)]);
    };

    for (let index = 0; index < offerCount; index += 1) {
      const account = small ? pickAccounts[index % pickAccounts.length] : random.pick(pickAccounts);
      const id = randomUUID();
      const created = now - random.int(2, small ? 200 : 540) * DAY;
      const age = (now - created) / DAY;
      const roll = random.next();
      const stageKey =
        age > 120
          ? roll < 0.45
            ? 'won'
            : roll < 0.8
              ? 'lost'
              : random.pick(['negotiation', 'commitment'])
          : age > 45
            ? roll < 0.2
              ? 'won'
              : roll < 0.35
                ? 'lost'
                : random.pick(['proposal', 'negotiation', 'commitment'])
            : random.pick(['qualification', 'qualification', 'proposal', 'negotiation']);
      const closed =
        stageKey === 'won' || stageKey === 'lost'
          ? Math.min(now - DAY, created + random.int(20, 100) * DAY)
          : null;
      const expected = new Date(closed ?? created + random.int(30, 150) * DAY).toISOString().slice(0, 10);
      let amount = 0;
      for (const [position, product] of random.sample(products, random.int(1, 3)).entries()) {
        const quantity = random.pick([1, 1, 1, 2, 2, 3, 4]);
        amount += Math.round(quantity * product.price * (100 - product.discount)) / 100;
        lines.push([randomUUID(), id, product.id, quantity, product.price, product.discount, position]);
      }
      const owner = account.owner_id;
      offers.push([
        id,
        `${random.pick(D.OFFER_TITLES)} – ${account.name}`,
        account.id,
        account.contacts[0] ?? null,
        stages.get(stageKey),
        amount.toFixed(2),
        expected,
        closed ? new Date(closed).toISOString() : null,
        stageKey === 'lost'
          ? random.pick(D.LOST_REASONS)
          : stageKey === 'won'
            ? random.pick(D.WON_REASONS)
            : null,
        stageKey === 'lost' ? random.pick(D.COMPETITORS) : null,
        owner,
        account.team_id ?? teamOf.get(owner) ?? null,
        visibilityFor(account),
        new Date(created).toISOString(),
        new Date(closed ?? created + 3 * DAY).toISOString(),
      ]);
      const path = ['qualification', 'proposal', 'negotiation', 'commitment'];
      const reached =
        stageKey === 'won'
          ? path
          : stageKey === 'lost'
            ? path.slice(0, random.int(1, 3))
            : path.slice(0, path.indexOf(stageKey) + 1);
      const end = closed ?? now - DAY;
      const steps = [...reached, ...(closed ? [stageKey] : [])];
      steps.forEach((key, step) => {
        const at = created + ((end - created) * step) / Math.max(1, steps.length - 1);
        history.push([
          id,
          step === 0 ? null : stages.get(steps[step - 1]),
          stages.get(key),
          owner,
          new Date(at).toISOString(),
        ]);
      });
      // Won offers have visits before them; every offer has at least one exchange.
      const visits = stageKey === 'won' ? random.int(2, 3) : random.int(0, 2);
      for (let v = 0; v < visits; v += 1)
        addActivity(account, 'visit', created + ((end - created) * (v + 0.5)) / (visits + 0.5), id);
      addActivity(account, random.pick(['call', 'email']), created + random.int(1, 10) * DAY, id);
    }
    // Tasks around today, and a background of calls, visits, e-mails and notes.
    const taskCount = small ? 8 : 400;
    for (let index = 0; index < taskCount; index += 1) {
      const account = small ? pickAccounts[index % pickAccounts.length] : random.pick(pickAccounts);
      const dueOffset = random.int(-10, 20);
      const due = new Date(now + dueOffset * DAY).toISOString().slice(0, 10);
      addActivity(account, 'task', now - random.int(1, 15) * DAY, null, {
        due,
        done: dueOffset < 0 && random.chance(0.6) ? now + dueOffset * DAY : null,
      });
    }
    const demoReps = await findDemoRepIds(tx);
    const midnight =
      new Date(new Date().toLocaleString('en-US', { timeZone: 'Europe/Paris' })).setHours(0, 0, 0, 0) -
      (new Date(new Date().toLocaleString('en-US', { timeZone: 'Europe/Paris' })).getTime() - now);
    if (small) {
      for (const account of pickAccounts)
        addActivity(account, 'visit', now + random.int(1, 5) * 3_600_000 - 2 * 3_600_000, null);
    } else {
      // The demo reps' day: visits this morning and afternoon, and tasks due today.
      for (const rep of demoReps) {
        const theirs = accounts.filter((a) => a.owner_id === rep.id && a.visibility !== 'secret');
        if (theirs.length === 0) continue;
        for (const hour of [9.5, 14, 16.5])
          addActivity(random.pick(theirs), 'visit', midnight + hour * 3_600_000, null);
        for (let i = 0; i < 2; i += 1)
          addActivity(random.pick(theirs), 'task', now - 2 * DAY, null, {
            due: new Date(now).toISOString().slice(0, 10),
          });
      }
    }
    while (activities.length < activityTarget) {
      const account = small
        ? pickAccounts[activities.length % pickAccounts.length]
        : random.pick(pickAccounts);
      addActivity(
        account,
        random.pick(['visit', 'visit', 'call', 'call', 'email', 'note']),
        now - random.int(0, 540) * DAY - random.int(0, 8) * 3_600_000,
        null,
      );
    }
    // The week ahead of each demo rep, so the agenda has tomorrow's visit to prepare (CRM-7, CRM-9).
    for (const rep of demoReps) {
      const theirs = accounts.filter((a) => a.owner_id === rep.id && a.visibility === 'team');
      if (theirs.length === 0) continue;
      [
        [1, 10],
        [3, 14.5],
        [5, 9],
      ].forEach(([days, hour], index) =>
        addActivity(theirs[index % theirs.length], 'visit', midnight + days * DAY + hour * 3_600_000, null),
      );
    }
    await bulkInsert(
      tx,
      'offers',
      [
        'id',
        'title',
        'account_id',
        'contact_id',
        'stage_id',
        'amount',
        'expected_close_date',
        'closed_at',
        'close_reason',
        'competitor',
        'owner_id',
        'team_id',
        'visibility',
        'created_at',
        'updated_at',
      ],
      offers,
    );
    await bulkInsert(
      tx,
      'offer_lines',
      ['id', 'offer_id', 'product_id', 'quantity', 'unit_price', 'discount_percent', 'position'],
      lines,
    );
    await bulkInsert(
      tx,
      'offer_stage_history',
      ['offer_id', 'from_stage_id', 'to_stage_id', 'changed_by', 'changed_at'],
      history,
    );
    await bulkInsert(
      tx,
      'activities',
      [
        'id',
        'kind',
        'subject',
        'body_md',
        'report',
        'occurred_at',
        'duration_minutes',
        'due_date',
        'done_at',
        'account_id',
        'offer_id',
        'owner_id',
        'team_id',
        'visibility',
        'created_at',
      ],
      activities,
      300,
    );
    await bulkInsert(tx, 'activity_contacts', ['activity_id', 'contact_id'], links);
    options.log?.(
      `sales demo: ${products.length} products, ${offers.length} offers, ${activities.length} activities in ${Date.now() - started} ms`,
    );
  });
}
