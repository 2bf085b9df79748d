import { z } from 'zod';

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'choice'] as const;
export const CUSTOM_FIELD_ENTITIES = ['account', 'contact', 'offer'] as const;

export const customFieldSchema = z.object({
  id: z.string(),
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  key: z.string(),
  labelFr: z.string(),
  labelEn: z.string(),
  fieldType: z.enum(CUSTOM_FIELD_TYPES),
  choices: z.array(z.string()),
  position: z.number().int(),
  createdAt: z.string(),
});
export type CustomField = z.infer<typeof customFieldSchema>;

export const customFieldBody = z.strictObject({
  entity: z.enum(CUSTOM_FIELD_ENTITIES).default('account'),
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Lower-case letters, digits and _, starting with a letter.'),
  labelFr: z.string().trim().min(1).max(120),
  labelEn: z.string().trim().min(1).max(120),
  fieldType: z.enum(CUSTOM_FIELD_TYPES),
  choices: z.array(z.string().trim().min(1).max(120)).max(100).default([]),
  position: z.number().int().min(0).max(10_000).default(0),
});
export type CustomFieldInput = z.infer<typeof customFieldBody>;
