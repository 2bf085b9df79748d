import type { RelaisApp } from '../../../platform/http/relais-app.js';
import type { Ctx } from '../../../platform/context.js';
import { loadPreferences, toPreferences } from './preferences.js';
import { upsertPreferences } from './preferences.repository.js';
import { preferencesInputSchema, preferencesSchema, type PreferencesInput } from './preferences.schemas.js';

const TAG = 'push';

const myPreferences = async (ctx: Ctx) =>
  (await loadPreferences(ctx.tx, [ctx.actor.userId])).get(ctx.actor.userId)!;

async function saveMyPreferences(ctx: Ctx, input: PreferencesInput) {
  const row = await upsertPreferences(ctx.tx, {
    userId: ctx.actor.userId,
    channels: input.channels,
    quietStart: input.quietHours?.start ?? null,
    quietEnd: input.quietHours?.end ?? null,
    timeZone: input.timeZone,
  });
  return toPreferences(row);
}

/** My channels and quiet hours (PUSH-6), registered under `/notifications/preferences`. */
export async function preferenceRoutes(app: RelaisApp) {
  app.get('', {
    schema: {
      tags: [TAG],
      summary: 'My channels per kind of notification and my quiet hours',
      response: { 200: preferencesSchema },
    },
    handler: async (request) => request.run(myPreferences),
  });

  app.put('', {
    schema: {
      tags: [TAG],
      summary: 'Choose my channels per kind (e-mail off/immediate/digest, web push) and quiet hours',
      body: preferencesInputSchema,
      response: { 200: preferencesSchema },
    },
    handler: async (request) => request.run((ctx) => saveMyPreferences(ctx, request.body)),
  });
}
