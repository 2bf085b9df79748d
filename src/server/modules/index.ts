import type { RelaisModule } from '../platform/module.js';
import { communityModule } from './community/index.js';
import { crmModule, crmPushSource, crmReads } from './crm/index.js';
import { identityModule } from './identity/index.js';
import { knowledgeModule, knowledgePushSource, readCrmThrough } from './knowledge/index.js';
import { createPushModule } from './push/index.js';
import { systemModule } from './system/index.js';

export type { DemoOptions, RelaisModule } from '../platform/module.js';

/** Registration order matters only for seeding: later modules use earlier modules' data. */
/** Knowledge reads CRM records only through the functions the CRM publishes. */
readCrmThrough(crmReads);
/** Push reads CRM and knowledge records only through the sources those modules export. */
const pushModule = createPushModule({ crm: crmPushSource, knowledge: knowledgePushSource });

export const modules: RelaisModule[] = [
  systemModule,
  identityModule,
  crmModule,
  knowledgeModule,
  pushModule,
  communityModule,
];
