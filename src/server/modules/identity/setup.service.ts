import { z } from 'zod';
import type { Database } from '../../db/client.js';
import { writeAudit } from '../../platform/audit.js';
import { conflict } from '../../platform/errors.js';
import { createSession, type NewSession } from './auth.service.js';
import { hashPassword } from './shared/credentials.js';
import { emailSchema, passwordSchema } from './shared/schemas.js';
import { findUserById } from './users/users.repository.js';

export const setupBodySchema = z.object({
  organisationName: z.string().trim().min(1).max(120),
  firstName: z.string().trim().min(1).max(80),
  lastName: z.string().trim().min(1).max(80),
  email: emailSchema,
  password: passwordSchema,
});

export async function needsSetup(db: Database): Promise<boolean> {
  const [row] = await db.query<{ count: number }>(
    `select count(*)::int as count from users where role = 'admin'`,
  );
  return row.count === 0;
}

/** First start without demo data: creates the nation team and its administrator, once. */
export async function setupOrganisation(
  db: Database,
  input: z.infer<typeof setupBodySchema>,
  ip: string,
): Promise<NewSession> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(7301955203)`);
    const [{ count }] = await tx.query<{ count: number }>(
      `select count(*)::int as count from users where role = 'admin'`,
    );
    if (count > 0) throw conflict('setup.done', 'Relais is already set up; sign in instead.');
    const [team] = await tx.query<{ id: string }>(
      `insert into teams (name, kind) values ($1, 'nation') returning id`,
      [input.organisationName],
    );
    const [user] = await tx.query<{ id: string }>(
      `insert into users (email, password_hash, first_name, last_name, role, team_id) values ($1, $2, $3, $4, 'admin', $5) returning id`,
      [input.email, passwordHash, input.firstName, input.lastName, team.id],
    );
    await tx.query(`update teams set manager_id = $1 where id = $2`, [user.id, team.id]);
    await writeAudit(tx, {
      actorId: user.id,
      action: 'setup.completed',
      targetType: 'team',
      targetId: team.id,
      ip,
    });
    return createSession(tx, (await findUserById(tx, user.id))!, ip);
  });
}
