import type { RelaisModule } from '../../platform/module.js';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes, invitesRoutes } from './auth/auth.routes.js';
import { setupRoutes } from './setup/setup.routes.js';
import { adminSsoRoutes, ssoRoutes } from './sso/sso.routes.js';
import { meRoutes } from './me/me.routes.js';
import { tokensRoutes } from './tokens/tokens.routes.js';
import { adminUsersRoutes } from './users/users.routes.js';
import { searchPeople } from './people/people.search.js';
import { adminTeamsRoutes, teamsRoutes } from './teams/teams.routes.js';

export { createAuthenticator } from './auth/authenticator.js';
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demo.js';
export { hashPassword } from './shared/credentials.js';

/** Identity and access (ID-1, ID-2, ID-4): sign-in (password, single sign-on), sessions, tokens, users, teams, audit. */
export const identityModule: RelaisModule = {
  name: 'identity',
  async register(app, deps) {
    await app.register(authRoutes, { prefix: '/api/v1/auth', deps });
    await app.register(ssoRoutes, { prefix: '/api/v1/auth/sso', deps });
    await app.register(adminSsoRoutes, { prefix: '/api/v1/admin/sso', deps });
    await app.register(setupRoutes, { prefix: '/api/v1/setup', deps });
    await app.register(invitesRoutes, { prefix: '/api/v1/invites', deps });
    await app.register(meRoutes, { prefix: '/api/v1/me', deps });
    await app.register(tokensRoutes, { prefix: '/api/v1/me/tokens', deps });
    await app.register(adminUsersRoutes, { prefix: '/api/v1/admin/users', deps });
    await app.register(teamsRoutes, { prefix: '/api/v1/teams' });
    await app.register(adminTeamsRoutes, { prefix: '/api/v1/admin/teams' });
    await app.register(auditRoutes, { prefix: '/api/v1/audit' });
    deps.search.register('person', searchPeople);
  },
  async seedDemo(db) {
    const { seedDemoOrganisation } = await import('./demo/demo.js');
    await seedDemoOrganisation(db);
  },
};
