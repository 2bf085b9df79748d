import type { RelaisModule } from '../platform/module.js';
import { communityModule } from './community/index.js';
import { crmModule, crmPushSource, crmReads } from './crm/index.js';
import { identityModule } from './identity/index.js';
import { knowledgeModule, knowledgePushSource, readCrmThrough } from './knowledge/index.js';
import { createPushModule, findVisibleAck, findVisibleBroadcast } from './push/index.js';
import { systemModule } from './system/index.js';
import { createWebhooksModule } from './webhooks/index.js';

export type { DemoOptions, RelaisModule } from '../platform/module.js';

/** Registration order matters only for seeding: later modules use earlier modules' data. */
/** Knowledge reads CRM records only through the functions the CRM publishes. */
readCrmThrough(crmReads);
/** Push reads CRM and knowledge records only through the sources those modules export. */
const pushModule = createPushModule({ crm: crmPushSource, knowledge: knowledgePushSource });

/**
 * Webhook payloads read each record as the endpoint's owner through its module. Only fields
 * that name nothing else the owner might not see: no contact on an offer, no accounts on an item.
 */
const webhooksModule = createWebhooksModule({
  account: (tx, id) => crmReads.findVisibleAccount(tx, id),
  contact: async (tx, id) => {
    const contact = await crmReads.findVisibleContact(tx, id);
    return (
      contact && { ...contact, emails: contact.emails.map((email) => ({ address: email.address ?? null })) }
    );
  },
  offer: (tx, id) => crmReads.findVisibleOffer(tx, id),
  activity: async (tx, id) => {
    const [activity] = await crmReads.activitiesByIds(tx, [id]);
    return activity ?? null;
  },
  knowledge_item: async (tx, id) => {
    const item = await knowledgePushSource.knowledgeItemFacts(tx, id);
    return item && { id: item.id, type: item.type, status: item.status, title: item.title, tags: item.tags };
  },
  broadcast: findVisibleBroadcast,
  alert_acknowledgment: findVisibleAck,
});

export const modules: RelaisModule[] = [
  systemModule,
  identityModule,
  crmModule,
  knowledgeModule,
  pushModule,
  communityModule,
  webhooksModule,
];
