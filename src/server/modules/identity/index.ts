import type { RelaisModule } from '../../platform/module.js';
import { registerAdminUserRoutes } from './admin.routes.js';
import { registerAuditRoutes } from './audit.routes.js';
import { registerAuthRoutes } from './auth.routes.js';
import { seedDemoOrganisation } from './demo.js';
import { registerMeRoutes } from './me.routes.js';
import { searchPeople } from './people.search.js';
import { adminTeamsRoutes, teamsRoutes } from './teams/teams.routes.js';

export { createAuthenticator } from './authenticator.js';
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';
export { hashPassword } from './credentials.js';

/** Identity and access (ID-1, ID-2, ID-4): sign-in, sessions, tokens, users, teams, audit. */
export const identityModule: RelaisModule = {
  name: 'identity',
  async register(app, deps) {
    await registerAuthRoutes(app, deps);
    await registerMeRoutes(app, deps);
    await registerAdminUserRoutes(app, deps);
    await app.register(teamsRoutes, { prefix: '/api/v1/teams' });
    await app.register(adminTeamsRoutes, { prefix: '/api/v1/admin/teams' });
    await registerAuditRoutes(app);
    deps.search.register('person', searchPeople);
  },
  async seedDemo(db) {
    await seedDemoOrganisation(db);
  },
};
