import { z } from 'zod';
import { SEVERITIES } from '../rules/rules.schemas.js';

/** Schemas of "for me" (PUSH-1). */

const pushedKnowledgeSchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string(),
  url: z.string(),
  pushedAt: z.string(),
  read: z.boolean(),
  /** Why it reached me: the notification's reason, or the broadcast that linked it. */
  reason: z.string().nullable(),
  broadcastTitle: z.string().nullable(),
});
export type PushedKnowledge = z.infer<typeof pushedKnowledgeSchema>;

const myBroadcastSchema = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  receivedAt: z.string(),
  authorName: z.string().nullable(),
  requiresAck: z.boolean(),
  ackDue: z.string().nullable(),
  readAt: z.string().nullable(),
  ackedAt: z.string().nullable(),
});
export type MyBroadcast = z.infer<typeof myBroadcastSchema>;

const myAlertSchema = z.object({
  ruleId: z.string(),
  name: z.string(),
  severity: z.enum(SEVERITIES),
  actionLabel: z.string(),
  html: z.string(),
  acknowledgedAt: z.string().nullable(),
});
export type MyAlert = z.infer<typeof myAlertSchema>;

export const forMeSchema = z.object({
  knowledge: z.array(pushedKnowledgeSchema),
  broadcasts: z.array(myBroadcastSchema),
  alerts: z.array(myAlertSchema),
});
export type ForMe = z.infer<typeof forMeSchema>;
