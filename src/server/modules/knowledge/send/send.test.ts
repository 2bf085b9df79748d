import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';

let t: TestApp;
let rep: TestClient;
let rep3: TestClient;
let smtp: SMTPServer;
const received: { to: string[]; mail: ParsedMail }[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
  [rep, rep3] = await Promise.all([t.login('rep@relais.demo'), t.login('rep3@relais.demo')]);
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function fixture(consent: boolean) {
  const [user] = await t.db.query(`select id, team_id from users where email = 'rep@relais.demo'`);
  const [account] = await t.db.query(
    `insert into accounts (name, kind, owner_id, team_id, visibility) values ('Brasserie du Port', 'customer', $1, $2, 'team') returning id`,
    [user.id, user.team_id],
  );
  const [contact] = await t.db.query(
    `insert into contacts (first_name, last_name, emails, email_consent, owner_id, team_id, visibility) values ('Lucie', 'Marchand', $1, $2, $3, $4, 'team') returning id`,
    [
      JSON.stringify([{ address: `lucie.${consent ? 'ok' : 'no'}@brasserie-port.fr`, label: 'work' }]),
      consent,
      user.id,
      user.team_id,
    ],
  );
  await t.db.query(
    `insert into account_contacts (account_id, contact_id, is_primary) values ($1, $2, true)`,
    [account.id, contact.id],
  );
  return { accountId: account.id, contactId: contact.id };
}

describe('send to client', () => {
  it('e-mails an item with its attachment through SMTP, logs an activity and tracks opens and clicks', async () => {
    const { accountId, contactId } = await fixture(true);
    const item = (
      await rep.post('/api/v1/knowledge', {
        type: 'product_sheet',
        title: 'Fiche four mixte FM-10',
        body: 'Voir [la vidéo](https://example.com/video?x=1&y=2).',
      })
    ).json();
    const upload = await rep.post(
      `/api/v1/knowledge/${item.id}/attachments?fileName=${encodeURIComponent('brochure FM-10.pdf')}`,
      undefined,
      {
        rawBody: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
        contentType: 'application/pdf',
      },
    );
    expect(upload.statusCode, upload.body).toBe(201);
    const response = await rep.post(`/api/v1/knowledge/${item.id}/send`, {
      contactId,
      message: 'Bonjour Lucie,\n\nVoici la fiche promise.',
    });
    expect(response.statusCode, response.body).toBe(201);
    const sent = response.json();
    expect(sent).toMatchObject({
      status: 'sent',
      to: 'lucie.ok@brasserie-port.fr',
      subject: 'Fiche four mixte FM-10',
      attachments: ['brochure FM-10.pdf'],
    });
    expect(received).toHaveLength(1);
    const { to, mail } = received[0];
    expect(to).toEqual(['lucie.ok@brasserie-port.fr']);
    expect(mail.subject).toBe('Fiche four mixte FM-10');
    expect(mail.attachments.map((a) => a.filename)).toEqual(['brochure FM-10.pdf']);
    expect(mail.attachments[0].content.toString()).toContain('%PDF-1.4');
    expect(mail.text).toContain('Voici la fiche promise.');
    const [activity] = await t.db.query(
      `select kind, account_id, subject, body_md from activities where id = $1`,
      [sent.activityId],
    );
    // The activity holds what the rep wrote (the mail's subject and message), no system words in
    // one language: its kind tells every reader, in their language, that it is an e-mail.
    expect(activity).toMatchObject({
      kind: 'email',
      account_id: accountId,
      subject: 'Fiche four mixte FM-10',
    });
    expect(activity.body_md).toContain('brochure FM-10.pdf');
    expect(activity.body_md).not.toMatch(/Pièces jointes|Envoi au client/);

    const html = String(mail.html);
    const pixel = html.match(/\/api\/v1\/t\/o\/([^"]+)"/)![1];
    const link = html.match(/\/api\/v1\/t\/c\/([^"]+)"/)![1];
    const open = await t.anonymous().get(`/api/v1/t/o/${pixel}`);
    expect(open.statusCode).toBe(200);
    expect(open.headers['content-type']).toBe('image/gif');
    const click = await t.anonymous().get(`/api/v1/t/c/${link}`);
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toBe('https://example.com/video?x=1&y=2');
    expectProblem(await t.anonymous().get(`/api/v1/t/c/${link.slice(0, -2)}xx`), 404);
    // A forged pixel counts nothing.
    await t.anonymous().get(`/api/v1/t/o/${pixel.replace(/^.{8}/, '00000000')}`);
    const sends = (await rep.get(`/api/v1/knowledge/sends?itemId=${item.id}`)).json().items;
    expect(sends[0]).toMatchObject({
      openCount: 1,
      clickCount: 1,
      status: 'sent',
      contactName: 'Lucie Marchand',
    });
    // Visible only to those who see the account.
    expect((await rep3.get(`/api/v1/knowledge/sends?itemId=${item.id}`)).json().items).toEqual([]);
    // Counted in the sender's dashboard e-mail success (CRM-8), and nobody else's.
    expect((await rep.get('/api/v1/dashboards/me')).json().emailSuccess).toEqual({
      sent: 1,
      stored: 0,
      opened: 1,
      clicked: 1,
      openRate: 1,
      clickRate: 1,
    });
    expect((await rep3.get('/api/v1/dashboards/me')).json().emailSuccess).toMatchObject({
      sent: 0,
      openRate: null,
    });
  });

  it('refuses a contact without e-mail consent with a clear error, and writes nothing', async () => {
    const { contactId } = await fixture(false);
    const item = (await rep.get('/api/v1/knowledge?limit=1')).json().items[0];
    const before = received.length;
    const problem = expectProblem(
      await rep.post(`/api/v1/knowledge/${item.id}/send`, { contactId, message: 'Bonjour' }),
      422,
      'contact.no_email_consent',
    );
    expect(problem.detail).toContain('Lucie Marchand');
    expect(received.length).toBe(before);
    const [{ count }] = await t.db.query(
      `select count(*)::int as count from knowledge_sends where contact_id = $1`,
      [contactId],
    );
    expect(count).toBe(0);
    expectProblem(
      await rep.post(`/api/v1/knowledge/${item.id}/send`, { contactId }),
      400,
      'validation_failed',
    );
    expectProblem(
      await rep.post(`/api/v1/knowledge/${item.id}/send`, {
        contactId: '00000000-0000-4000-8000-000000000000',
        message: 'x',
      }),
      404,
    );
    expectProblem(await rep3.post(`/api/v1/knowledge/${item.id}/send`, { contactId, message: 'x' }), 404);
  });
});
