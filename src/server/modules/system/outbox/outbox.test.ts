import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/app.js';
import { expectProblem, type TestClient } from '../../../../../test/client.js';
import { PRODUCT_FAMILIES } from '../../crm/dashboards/seed-data.js';

/** A consenting contact of the rep's, and a product to send them. */
async function clientOf(t: TestApp, email: string) {
  const [user] = await t.db.query(`select id, team_id from users where email = 'rep@relais.demo'`);
  const [account] = await t.db.query(
    `insert into accounts (name, kind, owner_id, team_id, visibility) values ('Brasserie du Port', 'customer', $1, $2, 'team') returning id`,
    [user.id, user.team_id],
  );
  const [contact] = await t.db.query(
    `insert into contacts (first_name, last_name, emails, email_consent, owner_id, team_id, visibility) values ('Lucie', 'Marchand', $1, true, $2, $3, 'team') returning id`,
    [JSON.stringify([{ address: email, label: 'work' }]), user.id, user.team_id],
  );
  await t.db.query(
    `insert into account_contacts (account_id, contact_id, is_primary) values ($1, $2, true)`,
    [account.id, contact.id],
  );
  // A product of its own: the demo's brochures are not copied into test data directories.
  const [product] = await t.db.query(
    `insert into products (reference, name, description_md, unit_price) values ('TST-' || substr(md5(random()::text), 1, 6), 'Four mixte 6 niveaux', 'Un **four**.', 9800) returning id`,
  );
  return { contactId: contact.id as string, productId: product.id as string };
}

describe('without a mail server: the outbox', () => {
  let t: TestApp;
  let rep: TestClient;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestApp();
    [rep, admin] = await Promise.all([t.login('rep@relais.demo'), t.login('admin@relais.demo')]);
    const { contactId, productId } = await clientOf(t, 'lucie@brasserie-port.fr');
    for (const subject of ['Notre four mixte', 'La fiche du four']) {
      const sent = await rep.post(`/api/v1/products/${productId}/send`, {
        contactId,
        subject,
        message: 'Bonjour,\n\nComme convenu.',
      });
      expect(sent.json()).toMatchObject({ status: 'stored' });
    }
  });
  afterAll(() => t.close());

  it('keeps mails readable by admins, page by page, with the rep as Reply-To', async () => {
    const first = (await admin.get('/api/v1/admin/outbox?limit=1')).json();
    expect(first).toMatchObject({ smtpConfigured: false, total: 2 });
    expect(first.items[0]).toMatchObject({
      to: 'lucie@brasserie-port.fr',
      subject: 'La fiche du four',
      status: 'stored',
      replyTo: 'Romain Lemoine <rep@relais.demo>',
    });
    const second = (await admin.get(`/api/v1/admin/outbox?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].subject).toBe('Notre four mixte');
    expect(second.nextCursor).toBeNull();
    const mail = (await admin.get(`/api/v1/admin/outbox/${first.items[0].id}`)).json();
    expect(mail.text).toContain('Comme convenu.');
    expect(mail.html).toContain('<p>Bonjour,</p>');
    expect((await admin.get('/api/v1/admin/outbox?status=sent')).json().total).toBe(0);
  });

  it('is for admins only and answers problems for bad input', async () => {
    expectProblem(await rep.get('/api/v1/admin/outbox'), 403);
    expectProblem(await rep.get('/api/v1/admin/outbox/00000000-0000-4000-8000-000000000000'), 403);
    expectProblem(await admin.get('/api/v1/admin/outbox/00000000-0000-4000-8000-000000000000'), 404);
    expectProblem(await admin.get('/api/v1/admin/outbox?status=lost'), 400, 'validation_failed');
  });

  it('does not count stored mails as sent on the dashboard', async () => {
    const { emailSuccess } = (await rep.get('/api/v1/dashboards/me')).json();
    expect(emailSuccess).toMatchObject({ sent: 0, stored: 2, openRate: null });
  });
});

describe('with a mail server', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  const received: ParsedMail[] = [];
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => {
          received.push(mail);
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}` });
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('sends mails to clients with the rep as Reply-To, and counts them as sent', async () => {
    const rep = await t.login('rep@relais.demo');
    const { contactId, productId } = await clientOf(t, 'chef@brasserie-port.fr');
    expect(
      (await rep.post(`/api/v1/products/${productId}/send`, { contactId, message: 'Bonjour' })).json().status,
    ).toBe('sent');
    expect(received).toHaveLength(1);
    expect(received[0].replyTo?.value).toEqual([{ name: 'Romain Lemoine', address: 'rep@relais.demo' }]);
    expect((await rep.get('/api/v1/dashboards/me')).json().emailSuccess).toMatchObject({
      sent: 1,
      stored: 0,
    });
    expect((await (await t.login('admin@relais.demo')).get('/api/v1/admin/outbox')).json()).toMatchObject({
      smtpConfigured: true,
      items: [{ status: 'sent' }],
    });
  });
});

describe('the demo catalogue', () => {
  it('prices products by their size: a bigger model of a range always costs more, even with the demo spread', () => {
    const items: { name: string; price: number }[] = PRODUCT_FAMILIES.flatMap(
      (family): { name: string; price: number }[] => [...family.items],
    );
    const sized = items.map((item) => ({
      ...item,
      range: item.name.replace(/[\d\s]+/g, ' ').trim(),
      size: Number(item.name.match(/\d[\d\s]*/)?.[0].replace(/\s/g, '') ?? NaN),
    }));
    const pairs = sized.flatMap((a) =>
      sized.filter((b) => b.range === a.range && a.size < b.size).map((b) => [a, b] as const),
    );
    expect(pairs.map(([a, b]) => `${a.name} < ${b.name}`)).toContain(
      'Four mixte 6 niveaux GN 1/1 < Four mixte 10 niveaux GN 1/1',
    );
    for (const [small, big] of pairs)
      expect(small.price * 1.02, `${small.name} vs ${big.name}`).toBeLessThan(big.price * 0.98);
  });
});
