import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

/** Issue 9.A17: the send dialog shows the mail before it leaves, and warns about a draft or stale item. */
let t: TestApp;
let rep: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  rep = await t.login('rep@relais.demo');
});
afterAll(() => t.close());

async function fixture(status: string, consent = true) {
  const account = (
    await rep.post('/api/v1/accounts', { name: 'Bistrot du Marché', visibility: 'public' })
  ).json();
  const contact = (
    await rep.post('/api/v1/contacts', {
      firstName: 'Inès',
      lastName: 'Garnier',
      emails: [{ address: `ines.${status}@bistrot.fr` }],
      emailConsent: consent,
      ...(consent ? { consentSource: 'Salon' } : {}),
      accounts: [{ accountId: account.id }],
      visibility: 'public',
    })
  ).json();
  const [user] = await t.db.query<{ id: string; team_id: string }>(
    `select id, team_id from users where email = 'rep@relais.demo'`,
  );
  const [item] = await t.db.query<{ id: string }>(
    `insert into knowledge_items (type, title, body_md, html, status, visibility, owner_id, team_id) values ('product_sheet', 'Fiche four FM-10', 'x', '<p>Four <a href="https://example.com/v">vidéo</a></p>', $1, 'public', $2, $3) returning id`,
    [status, user.id, user.team_id],
  );
  return { contactId: contact.id, itemId: item.id };
}

const counts = async () =>
  (
    await t.db.query<{ mails: number; sends: number }>(
      `select (select count(*) from mail_messages)::int as mails, (select count(*) from knowledge_sends)::int as sends`,
    )
  )[0];

describe('send preview', () => {
  it('shows the mail that would leave (subject as typed, message, item, untracked links) and sends nothing', async () => {
    const { contactId, itemId } = await fixture('published');
    const before = await counts();
    const response = await rep.post(`/api/v1/knowledge/${itemId}/send/preview`, {
      contactId,
      subject: 'Votre four',
      message: 'Bonjour Inès,\n\nVoici la fiche.',
    });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview).toMatchObject({
      to: 'ines.published@bistrot.fr',
      subject: 'Votre four',
      attachments: [],
      warnings: [],
    });
    expect(preview.html).toContain('<p>Bonjour Inès,</p><p>Voici la fiche.</p>');
    expect(preview.html).toContain('<h2>Fiche four FM-10</h2>');
    expect(preview.html).toContain('href="https://example.com/v"');
    expect(preview.html).toContain('Romain Lemoine');
    expect(await counts()).toEqual(before);
    // Without a subject, the item's title; without a contact yet, no address.
    expect(
      (await rep.post(`/api/v1/knowledge/${itemId}/send/preview`, { message: '' })).json(),
    ).toMatchObject({ to: null, subject: 'Fiche four FM-10' });
  });

  it('warns before sending a draft or a stale item, or to a contact without consent', async () => {
    for (const status of ['draft', 'stale']) {
      const { contactId, itemId } = await fixture(status);
      expect(
        (await rep.post(`/api/v1/knowledge/${itemId}/send/preview`, { contactId, message: 'Bonjour' })).json()
          .warnings,
      ).toEqual([status]);
    }
    const { contactId, itemId } = await fixture('published', false);
    expect(
      (await rep.post(`/api/v1/knowledge/${itemId}/send/preview`, { contactId, message: 'Bonjour' })).json()
        .warnings,
    ).toEqual(['no_consent']);
  });

  it('refuses bad input with a problem', async () => {
    const { itemId } = await fixture('published');
    expectProblem(
      await rep.post(`/api/v1/knowledge/${itemId}/send/preview`, { contactId: 'nope', message: 'x' }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post(`/api/v1/knowledge/${itemId}/send/preview`, { message: 'x', extra: 1 }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post(`/api/v1/knowledge/${itemId}/send/preview`, {
        contactId: '00000000-0000-4000-8000-000000000000',
        message: 'x',
      }),
      404,
    );
    expectProblem(
      await rep.post('/api/v1/knowledge/00000000-0000-4000-8000-000000000000/send/preview', { message: 'x' }),
      404,
    );
  });
});
