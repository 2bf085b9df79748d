import { z } from 'zod';
import { NOTIFICATION_KINDS } from '../notifications/notify.js';

const channelSchema = z.strictObject({ email: z.enum(['off', 'immediate', 'digest']), webpush: z.boolean() });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const preferencesSchema = z.object({
  channels: z.record(z.enum(NOTIFICATION_KINDS), channelSchema),
  quietHours: z.strictObject({ start: hhmm, end: hhmm }).nullable(),
  timeZone: z.string(),
});

export const preferencesInputSchema = z.strictObject({
  channels: z.partialRecord(z.enum(NOTIFICATION_KINDS), channelSchema).default({}),
  quietHours: z
    .strictObject({ start: hhmm, end: hhmm })
    .refine((q) => q.start !== q.end, 'Start and end differ.')
    .nullable()
    .default(null),
  timeZone: z.string().max(64).refine(isTimeZone, 'Unknown time zone.').default('Europe/Paris'),
});
export type PreferencesInput = z.infer<typeof preferencesInputSchema>;
