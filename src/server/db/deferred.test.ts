import { describe, expect, it } from 'vitest';
import { openPglite, type Database } from './client.js';
import { deferredDatabase } from './deferred.js';

describe('a database used before it is open', () => {
  it('holds queries and transactions until the database opens, then answers them', async () => {
    let open!: (db: Database) => void;
    const db = deferredDatabase('pglite', new Promise<Database>((resolve) => (open = resolve)));
    expect(db.kind).toBe('pglite');
    expect(db.pglite).toBeUndefined();
    let answered = false;
    const early = db.query<{ n: number }>('select 41 + 1 as n').then((rows) => {
      answered = true;
      return rows;
    });
    const inTransaction = db.transaction(async (tx) => {
      await tx.exec('create table waited (n int)');
      await tx.query('insert into waited values ($1)', [7]);
      return tx.query<{ n: number }>('select n from waited');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    const real = await openPglite();
    open(real);
    expect(await early).toEqual([{ n: 42 }]);
    expect(await inTransaction).toEqual([{ n: 7 }]);
    expect(db.pglite).toBe(real.pglite);
    expect(await db.query<{ n: number }>('select count(*)::int as n from waited')).toEqual([{ n: 1 }]);
    await db.close();
    expect(real.pglite!.closed).toBe(true);
  });

  it('fails the calls made meanwhile with the reason the database could not open', async () => {
    let fail!: (error: Error) => void;
    const opening = new Promise<Database>((_resolve, reject) => (fail = reject));
    opening.catch(() => undefined);
    const db = deferredDatabase('postgres', opening);
    const early = db.query('select 1');
    const later = db.transaction(async () => 1);
    fail(new Error('connection refused'));
    await expect(early).rejects.toThrow('connection refused');
    await expect(later).rejects.toThrow('connection refused');
    await expect(db.query('select 1')).rejects.toThrow('connection refused');
  });
});
