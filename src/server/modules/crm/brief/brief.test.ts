import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { anyProduct, teamAccountOf } from '../offers/test-fixtures.js';
import { BRIEF_TEXT_LIMIT } from './brief.service.js';

let t: TestApp;
let rep: TestClient;
let accountId: string;
beforeAll(async () => {
  t = await createTestApp();
  rep = await t.login('rep@relais.demo');
  accountId = await teamAccountOf(t, 'rep@relais.demo');
  const product = await anyProduct(t);
  // A busy account: many offers, visits with long reports, tasks.
  for (let i = 0; i < 12; i += 1)
    await rep.post('/api/v1/offers', {
      title: `Projet de rénovation numéro ${i} avec un titre assez long`,
      accountId,
      lines: [{ productId: product.id, quantity: i + 1 }],
    });
  for (let i = 0; i < 10; i += 1) {
    await rep.post('/api/v1/activities', {
      kind: 'visit',
      accountId,
      subject: `Visite de suivi ${i}`,
      occurredAt: new Date(Date.now() - i * 86_400_000).toISOString(),
      report: {
        objectives: 'x'.repeat(300),
        outcome: 'Le client réfléchit encore, il compare avec deux concurrents sérieux. '.repeat(4),
        nextSteps: 'Relancer',
      },
    });
    await rep.post('/api/v1/activities', {
      kind: 'task',
      accountId,
      subject: `Tâche numéro ${i} à ne pas oublier`,
      dueDate: '2030-01-01',
    });
  }
});
afterAll(() => t.close());

describe('client brief', () => {
  it('answers key facts, last 5 activities, open offers and tasks, colleagues and sections', async () => {
    t.deps.points.registerBrief('test', async () => ({
      key: 'test',
      title: { fr: 'Situations', en: 'Situations' },
      items: [{ title: 'Client en croissance', summary: null, url: '/x' }],
    }));
    const brief = (await rep.get(`/api/v1/accounts/${accountId}/brief`)).json();
    expect(brief.account.id).toBe(accountId);
    expect(brief.lastActivities).toHaveLength(5);
    expect(brief.lastActivities[0].subject).toBe('Visite de suivi 0');
    expect(brief.openOffers.length).toBeGreaterThanOrEqual(10);
    expect(brief.openTasks.length).toBe(10);
    expect(brief.keyFacts.openOffers).toBeGreaterThanOrEqual(12);
    // Who knows this client: others than the reader, with why — names, never counts.
    expect(brief.colleagues.map((c: any) => c.name)).not.toContain('Romain Lemoine');
    expect(Object.keys(brief.colleagues[0]).sort()).toEqual(['id', 'name', 'products', 'reasons']);
    expect(brief.sections.map((s: any) => s.key)).toContain('test');
  });

  it('fits in 1,500 characters as plain text on a busy account', async () => {
    const response = await rep.get(`/api/v1/accounts/${accountId}/brief?format=text`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body.length).toBeLessThanOrEqual(BRIEF_TEXT_LIMIT);
    expect(response.body.length).toBeGreaterThan(1000);
    expect(response.body).toMatch(/Offres ouvertes/);
  });

  it('answers 404 for an unknown account and 400 for bad input', async () => {
    expectProblem(await rep.get('/api/v1/accounts/00000000-0000-0000-0000-000000000000/brief'), 404);
    expectProblem(await rep.get(`/api/v1/accounts/${accountId}/brief?format=pdf`), 400, 'validation_failed');
    expectProblem(await rep.get(`/api/v1/accounts/${accountId}/timeline?limit=0`), 400, 'validation_failed');
    expectProblem(
      await rep.get(`/api/v1/accounts/${accountId}/timeline?before=yesterday`),
      400,
      'validation_failed',
    );
  });

  it('merges the timeline newest first with type filters and paging', async () => {
    const page = (await rep.get(`/api/v1/accounts/${accountId}/timeline?limit=5`)).json();
    expect(page.items).toHaveLength(5);
    const times = page.items.map((e: any) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(page.types).toEqual(expect.arrayContaining(['activity', 'offer', 'document']));
    const next = (
      await rep.get(
        `/api/v1/accounts/${accountId}/timeline?limit=5&before=${encodeURIComponent(page.nextBefore)}`,
      )
    ).json();
    expect(next.items.every((e: any) => e.at < page.nextBefore)).toBe(true);
    const offersOnly = (await rep.get(`/api/v1/accounts/${accountId}/timeline?types=offer&limit=100`)).json();
    expect(offersOnly.items.every((e: any) => e.type === 'offer')).toBe(true);
  });
});

describe('calendar feed', () => {
  it('serves visits and tasks as iCalendar at a rotating secret URL', async () => {
    const url = new URL((await rep.post('/api/v1/calendar/token')).json().url).pathname;
    const response = await t.anonymous().get(url);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(response.body)).getAllSubcomponents('vevent');
    const summaries = events.map((event) => String(event.getFirstPropertyValue('summary')));
    expect(summaries).toContain('Visite de suivi 0');
    expect(summaries.some((s) => s.startsWith('Tâche numéro 0'))).toBe(true);
    const task = events.find((event) =>
      String(event.getFirstPropertyValue('summary')).startsWith('Tâche numéro 0'),
    )!;
    expect((task.getFirstPropertyValue('dtstart') as ICAL.Time).isDate).toBe(true);
    const rotated = new URL((await rep.post('/api/v1/calendar/token')).json().url).pathname;
    expect(rotated).not.toBe(url);
    expectProblem(await t.anonymous().get(url), 404);
    expect((await t.anonymous().get(rotated)).statusCode).toBe(200);
    expectProblem(await t.anonymous().get('/api/v1/calendar/nope.ics'), 400, 'validation_failed');
    const stored = await t.db.query<{ token_hash: string }>(
      `select token_hash from calendar_feeds where user_id = $1`,
      [rep.userId],
    );
    expect(stored[0].token_hash).not.toContain(rotated.split('/').pop()!.replace('.ics', ''));
  });
});

describe('dashboards', () => {
  it('gives the rep their day, open offers by stage, win rate by month and recent activity', async () => {
    const me = (await rep.get('/api/v1/dashboards/me')).json();
    expect(me.openOffersByStage.map((s: any) => s.stage)).toEqual([
      'qualification',
      'proposal',
      'negotiation',
      'commitment',
    ]);
    expect(me.openOffersByStage[0].count).toBeGreaterThanOrEqual(12);
    expect(me.winRateByMonth).toHaveLength(12);
    expect(me.myDay.visits.map((v: any) => v.subject)).toContain('Visite de suivi 0');
    expect(me.recentActivity.length).toBeGreaterThan(0);
  });

  it('shows managers outcomes only, never activity counts, and refuses reps', async () => {
    expectProblem(await rep.get('/api/v1/dashboards/team'), 403);
    const team = (await (await t.login('manager@relais.demo')).get('/api/v1/dashboards/team')).json();
    expect(team.reps.length).toBeGreaterThan(0);
    const keys = new Set<string>();
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object')
        for (const [key, child] of Object.entries(value)) {
          keys.add(key);
          walk(child);
        }
    };
    walk(team);
    expect([...keys].filter((key) => /activit|visit|call|task|email|note/i.test(key))).toEqual([]);
    expect(team.reps[0]).toHaveProperty('winRate');
    expect(team.teams[0]).toHaveProperty('openAmount');
  });
});
