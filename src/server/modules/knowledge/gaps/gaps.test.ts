import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

/** Knowledge gaps (KB-8): questions the base did not answer, grouped for the experts. */
let t: TestApp;
let rep: TestClient;
let rep2: TestClient;
let rep3: TestClient;
let manager: TestClient;
let expert: TestClient;
let admin: TestClient;

/** Publication → the gaps close (a job) → their notice (another event) → notifications. */
async function process() {
  for (let round = 0; round < 3; round += 1) {
    await t.deps.events.dispatchSoon();
    await t.deps.jobs.drain();
  }
}

/** A search as the web makes it; answers its searchId. */
async function search(who: TestClient, q: string) {
  const response = await who.get(`/api/v1/knowledge/search?q=${encodeURIComponent(q)}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { searchId: string | null; total: number; items: { id: string }[] };
}

type Gap = {
  key: string;
  label: string;
  wordings: string[];
  count: number;
  askers: number;
  trend: { recent: number; previous: number; direction: string };
  reasons: Record<string, number>;
  draft: { itemId: string; status: string } | null;
};
async function gaps(who: TestClient = expert): Promise<Gap[]> {
  const response = await who.get('/api/v1/knowledge/gaps?limit=200');
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}
const gapOf = async (word: string) =>
  (await gaps()).find((gap) => gap.wordings.some((w) => w.includes(word)));

/** Questions are logged with the database's time: moves the searches of a word back in time. */
async function age(word: string, days: number) {
  await t.db.query(
    `update knowledge_questions set created_at = created_at - make_interval(days => $2) where query ilike $1`,
    [`%${word}%`, days],
  );
}
/** Each search alone (not a reformulation of the one before, which is 60 s at most). */
async function apart() {
  await t.db.query(`update knowledge_questions set created_at = created_at - interval '2 minutes'`);
}

beforeAll(async () => {
  t = await createTestApp();
  [rep, rep2, rep3, manager, expert, admin] = await Promise.all(
    ['rep', 'rep2', 'rep3', 'manager', 'expert', 'admin'].map((name) => t.login(`${name}@relais.demo`)),
  );
  // The words of these questions are in a draft the experts may read: shown to them, not masked.
  const draft = await expert.post('/api/v1/knowledge', {
    type: 'procedure',
    title: 'Vocabulaire des essais',
    body: 'zorglub frigorifique délais bidulon chambre froide machin glaçons export truc ancien oublié bidule récent gardé combien temps couvre fabricant',
  });
  expect(draft.statusCode, draft.body).toBe(201);
});
afterAll(() => t.close());

describe('knowledge gaps: the API', () => {
  it('refuses bad input with problem+json', async () => {
    expectProblem(await expert.get('/api/v1/knowledge/gaps?days=0'), 400, 'validation_failed');
    expectProblem(await expert.get('/api/v1/knowledge/gaps?days=abc'), 400, 'validation_failed');
    expectProblem(await expert.get('/api/v1/knowledge/gaps?who=rep'), 400, 'validation_failed');
    expectProblem(await expert.post('/api/v1/knowledge/gaps/answer', {}), 400, 'validation_failed');
    expectProblem(
      await expert.post('/api/v1/knowledge/gaps/answer', { key: '  ' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await expert.post('/api/v1/knowledge/gaps/answer', { key: 'x'.repeat(301) }),
      400,
      'validation_failed',
    );
    expectProblem(await expert.post('/api/v1/knowledge/gaps/answer', { key: 'aucun groupe de ce nom' }), 404);
    expectProblem(
      await rep.post('/api/v1/knowledge/searches/nope/signal', { signal: 'opened' }),
      400,
      'validation_failed',
    );
    const { searchId } = await search(rep, 'signal mauvais');
    expectProblem(
      await rep.post(`/api/v1/knowledge/searches/${searchId}/signal`, { signal: 'maybe' }),
      400,
      'validation_failed',
    );
    // Someone else's search is not found.
    expectProblem(
      await rep2.post(`/api/v1/knowledge/searches/${searchId}/signal`, { signal: 'opened' }),
      404,
    );
    expect(
      (await rep.post(`/api/v1/knowledge/searches/${searchId}/signal`, { signal: 'opened' })).statusCode,
    ).toBe(204);
  });

  it('is for experts and admins: a rep or a manager gets 403', async () => {
    for (const who of [rep, manager]) {
      expectProblem(await who.get('/api/v1/knowledge/gaps'), 403);
      expectProblem(await who.post('/api/v1/knowledge/gaps/answer', { key: 'zorglub' }), 403);
    }
    expect((await admin.get('/api/v1/knowledge/gaps')).statusCode).toBe(200);
  });

  it('the application role cannot read the question log directly', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(`select set_config('role', 'relais_app', true)`);
        await tx.query(`select user_id from knowledge_questions`);
      }),
    ).rejects.toThrow(/permission denied/);
  });
});

describe('knowledge gaps: grouping, counts, trend', () => {
  it('groups similar wordings, counts each unanswered question and the people, never says who', async () => {
    // Typing goes on (a prefix of the next search): one question, not two.
    await search(rep, 'zorglub');
    await search(rep, 'zorglub frigorifique délais');
    await apart();
    await search(rep2, 'Délai zorglub frigorifiques');
    await apart();
    await search(rep3, 'délais frigorifique zorglub');
    await apart();
    const gap = await gapOf('zorglub');
    expect(gap).toBeDefined();
    expect(gap!.count).toBe(3);
    expect(gap!.askers).toBe(3);
    // Common words ("délais") find items, none of them opened.
    expect(gap!.reasons.noClick).toBe(3);
    expect(gap!.wordings).toHaveLength(3);
    expect(gap!.trend).toEqual({ recent: 3, previous: 0, direction: 'up' });
    expect(gap!.draft).toBeNull();
    // Another wording of other words is another group.
    expect(gap!.wordings.some((w) => w.includes('zorglub frigorifique délais'))).toBe(true);
    expect(gap!.wordings).not.toContain('zorglub');

    // No id, e-mail or name of those who asked, anywhere in the answer.
    const body = (await expert.get('/api/v1/knowledge/gaps?limit=200')).body;
    for (const who of [rep, rep2, rep3]) expect(body).not.toContain(who.userId!);
    for (const word of ['rep@relais', 'rep2@', 'Romain', 'Lemoine', 'Rachida', 'Benali', 'Carpentier'])
      expect(body).not.toContain(word);
  });

  it('a search that finds nothing is a gap of its own; a word the expert cannot read anywhere is masked', async () => {
    const found = await search(rep, 'xqzwvk');
    expect(found.total).toBe(0);
    await apart();
    const gap = (await gaps()).find((g) => g.label === '•••');
    expect(gap).toMatchObject({
      count: 1,
      askers: 1,
      wordings: ['•••'],
      reasons: { noResult: 1, noClick: 0 },
    });
    expect(JSON.stringify(await gaps())).not.toContain('xqzwvk');
  });

  it('a question naming a record the expert may not see shows no name (ID-3)', async () => {
    const secret = await rep.post('/api/v1/knowledge', {
      type: 'answer',
      title: 'Conditions Vortexiana',
      body: 'Remise spéciale du client Vortexiana.',
      visibility: 'secret',
    });
    expect(secret.statusCode, secret.body).toBe(201);
    const found = await search(rep, 'zorglub Vortexiana');
    expect(found.total).toBeGreaterThan(0);
    await apart();
    const body = (await expert.get('/api/v1/knowledge/gaps?limit=200')).body;
    expect(body).not.toContain('Vortexiana');
    expect(body.toLowerCase()).not.toContain('vortexian');
    expect((await gaps()).some((g) => g.wordings.includes('zorglub •••'))).toBe(true);
  });

  it('the trend compares the last 7 days with the 7 before', async () => {
    await search(rep, 'bidulon chambre froide');
    await apart();
    await search(rep2, 'bidulon chambre froide');
    await apart();
    await age('bidulon', 9);
    await search(rep3, 'chambres froides bidulon');
    await apart();
    const gap = await gapOf('bidulon');
    expect(gap!.count).toBe(3);
    expect(gap!.trend).toEqual({ recent: 1, previous: 2, direction: 'down' });
    // Beyond the period asked, they do not count.
    const recent = (await (await expert.get('/api/v1/knowledge/gaps?days=7')).json()).items as Gap[];
    expect(recent.find((g) => g.key === gap!.key)!.count).toBe(1);
  });

  it('a search whose validated result was opened is no gap; "not useful" and reformulating right away are', async () => {
    const created = await expert.post('/api/v1/knowledge', {
      type: 'answer',
      title: 'Garantie des batteurs planétaires',
      problem: 'Le client demande la durée de garantie d’un batteur planétaire.',
      body: 'Deux ans pièces et main-d’œuvre.',
      status: 'published',
    });
    let id: string;
    if (created.statusCode === 201) id = created.json().id;
    else {
      // A second expert validates what an expert writes: the admin publishes it.
      const draft = await admin.post('/api/v1/knowledge', {
        type: 'answer',
        title: 'Garantie des batteurs planétaires',
        problem: 'Le client demande la durée de garantie d’un batteur planétaire.',
        body: 'Deux ans pièces et main-d’œuvre.',
      });
      id = draft.json().id;
      expect(
        (await expert.post(`/api/v1/knowledge/${id}/transitions`, { action: 'publish' })).statusCode,
      ).toBe(200);
    }
    const opened = await search(rep, 'garantie batteur planétaire');
    expect(opened.items.map((i) => i.id)).toContain(id);
    await rep.post(`/api/v1/knowledge/searches/${opened.searchId}/signal`, { signal: 'opened' });
    await apart();
    expect(await gapOf('garantie batteur')).toBeUndefined();

    // Opened, then said not useful (the item's vote): a gap.
    const voted = await search(rep2, 'garantie batteurs planétaires durée');
    await rep2.post(`/api/v1/knowledge/searches/${voted.searchId}/signal`, { signal: 'opened' });
    expect((await rep2.post(`/api/v1/knowledge/${id}/votes`, { useful: false })).statusCode).toBe(200);
    await apart();
    const notUseful = await gapOf('garantie batteurs planétaires durée');
    expect(notUseful!.reasons.notUseful).toBe(1);

    // Asked, then asked differently within a minute: the first is a gap (reformulated).
    const first = await search(rep3, 'garantie batteur planétaire');
    await rep3.post(`/api/v1/knowledge/searches/${first.searchId}/signal`, { signal: 'opened' });
    await search(rep3, 'combien de temps couvre le fabricant');
    await apart();
    const reformulated = (await gaps()).find((g) => g.wordings.includes('garantie batteur planétaire'));
    expect(reformulated!.reasons.reformulated).toBe(1);
    expect(reformulated!.count).toBe(1);
  });
});

describe('knowledge gaps: writing the answer', () => {
  it('"Write the answer" makes one draft listing the questions; publishing it tells each asker once', async () => {
    await search(rep, 'machin glaçons export');
    await apart();
    await search(rep2, 'Machins glaçon export');
    await apart();
    await search(rep2, 'machin glaçons export');
    await apart();
    const gap = (await gapOf('machin'))!;
    expect(gap.count).toBe(3);
    expect(gap.askers).toBe(2);

    const written = await expert.post('/api/v1/knowledge/gaps/answer', { key: gap.key });
    expect(written.statusCode, written.body).toBe(201);
    const { itemId } = written.json();
    const item = (await expert.get(`/api/v1/knowledge/${itemId}`)).json();
    expect(item.status).toBe('draft');
    expect(item.type).toBe('answer');
    expect(item.problem).toContain('machin glaçons export');
    expect(item.problem).toContain('Machins glaçon export');
    // Asked again: the same draft.
    const again = await expert.post('/api/v1/knowledge/gaps/answer', { key: gap.key });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ itemId, created: false });
    expect((await gapOf('machin'))!.draft).toMatchObject({ itemId, status: 'draft' });

    // The expert writes, a second expert validates, the expert publishes.
    expect(
      (
        await expert.patch(`/api/v1/knowledge/${itemId}`, {
          body: 'Les glaçons partent en caisse isotherme.',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await expert.post(`/api/v1/knowledge/${itemId}/transitions`, { action: 'submit' })).statusCode,
    ).toBe(200);
    expect(
      (await admin.post(`/api/v1/knowledge/${itemId}/transitions`, { action: 'validate' })).statusCode,
    ).toBe(200);
    expect(
      (await expert.post(`/api/v1/knowledge/${itemId}/transitions`, { action: 'publish' })).statusCode,
    ).toBe(200);
    await process();
    const notified = async () =>
      t.db.query<{ email: string; title: string }>(
        `select u.email, n.title from notifications n join users u on u.id = n.user_id
          where n.source_id = $1 and n.dedupe_key like 'knowledge.gap_answered:%' order by u.email`,
        [itemId],
      );
    expect((await notified()).map((n) => n.email)).toEqual(['rep2@relais.demo', 'rep@relais.demo']);
    expect((await notified())[0].title).toContain('Votre question a une réponse');
    // The group is answered: it leaves the page.
    expect(await gapOf('machin')).toBeUndefined();

    // Published again (archived, reopened, published): nobody is told twice.
    for (const action of ['archive', 'reopen', 'submit'] as const)
      expect((await expert.post(`/api/v1/knowledge/${itemId}/transitions`, { action })).statusCode).toBe(200);
    await admin.post(`/api/v1/knowledge/${itemId}/transitions`, { action: 'validate' });
    expect(
      (await expert.post(`/api/v1/knowledge/${itemId}/transitions`, { action: 'publish' })).statusCode,
    ).toBe(200);
    await process();
    expect(await notified()).toHaveLength(2);

    // A new question of the group after the answer is a new gap.
    await search(rep3, 'machin glaçons export');
    expect((await gapOf('machin'))!.count).toBe(1);
  });

  it('old questions are purged after the retention period the admins choose', async () => {
    expectProblem(
      await admin.patch('/api/v1/knowledge/settings', { searchLogDays: 3 }),
      400,
      'validation_failed',
    );
    expectProblem(await expert.patch('/api/v1/knowledge/settings', { searchLogDays: 30 }), 403);
    const set = await admin.patch('/api/v1/knowledge/settings', { searchLogDays: 30 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().searchLogDays).toBe(30);
    await search(rep, 'truc ancien oublié');
    await apart();
    await search(rep, 'bidule récent gardé');
    await apart();
    await age('truc ancien', 40);
    await age('bidule récent', 20);
    await t.deps.jobs.enqueue(t.db, 'knowledge.questions-purge', {});
    await t.deps.jobs.drain();
    const rows = await t.db.query<{ query: string }>(
      `select query from knowledge_questions where query in ('truc ancien oublié', 'bidule récent gardé')`,
    );
    expect(rows.map((r) => r.query)).toEqual(['bidule récent gardé']);
    expect((await admin.patch('/api/v1/knowledge/settings', { searchLogDays: 180 })).statusCode).toBe(200);
  });
});
