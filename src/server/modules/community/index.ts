import type { RelaisModule } from '../../platform/module.js';
import { spacesRoutes } from './spaces/spaces.routes.js';

/**
 * Community (04xx migrations): spaces where staff discuss and share. Other modules use only
 * what this file exports; the module's SQL names only its own tables.
 */
export const communityModule: RelaisModule = {
  name: 'community',
  async register(app) {
    await app.register(spacesRoutes, { prefix: '/api/v1/community/spaces' });
  },
};
