import type { Database } from '../../../db/client.js';
import { writeAudit } from '../../../platform/audit.js';
import { conflict } from '../../../platform/errors.js';
import { createSession, type NewSession } from '../auth/auth.service.js';
import { hashPassword } from '../shared/credentials.js';
import { findUserById } from '../users/users.repository.js';
import { setTeamManager } from '../teams/teams.repository.js';
import { countAdmins, insertAdmin, insertNation, lockSetup } from './setup.repository.js';
import type { SetupInput } from './setup.schemas.js';

export async function needsSetup(db: Database): Promise<boolean> {
  return (await countAdmins(db)) === 0;
}

/** First start without demo data: creates the nation team and its administrator, once. */
export async function setupOrganisation(db: Database, input: SetupInput, ip: string): Promise<NewSession> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await lockSetup(tx);
    if ((await countAdmins(tx)) > 0)
      throw conflict('setup.done', 'Relais is already set up; sign in instead.');
    const teamId = await insertNation(tx, input.organisationName);
    const userId = await insertAdmin(tx, {
      email: input.email,
      passwordHash,
      firstName: input.firstName,
      lastName: input.lastName,
      teamId,
    });
    await setTeamManager(tx, teamId, userId);
    await writeAudit(tx, {
      actorId: userId,
      action: 'setup.completed',
      targetType: 'team',
      targetId: teamId,
      ip,
    });
    return createSession(tx, (await findUserById(tx, userId))!, ip);
  });
}
