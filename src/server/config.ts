import { z } from 'zod';
import path from 'node:path';

const booleanFlag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value === '' ? fallback : !['0', 'false', 'no', 'off'].includes(value.toLowerCase())));

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  RELAIS_DEMO: booleanFlag(true),
  RELAIS_DEMO_SIZE: z.enum(['small', 'full']).default('full'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Relais <relais@localhost>'),
  PUBLIC_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  UPLOAD_LIMIT_BYTES: z.coerce.number().int().positive().default(25 * 1_048_576),
  TRUST_PROXY: booleanFlag(false),
});

/** Parsed configuration; the only place that reads process.env. */
export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  demo: boolean;
  /** `full` is the demo company; `small` the fixture used by tests and end-to-end runs. */
  demoSize: 'small' | 'full';
  smtpUrl?: string;
  mailFrom: string;
  publicUrl: string;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  trustProxy: boolean;
  version: string;
};

/** Reads the environment once. Tests build a Config directly with `testConfig`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.parse(env);
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    dataDir: path.resolve(parsed.DATA_DIR),
    databaseUrl: parsed.DATABASE_URL || undefined,
    demo: parsed.RELAIS_DEMO,
    demoSize: parsed.RELAIS_DEMO_SIZE,
    smtpUrl: parsed.SMTP_URL || undefined,
    mailFrom: parsed.MAIL_FROM,
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/$/, ''),
    logLevel: parsed.LOG_LEVEL,
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    uploadLimitBytes: parsed.UPLOAD_LIMIT_BYTES,
    trustProxy: parsed.TRUST_PROXY,
    version: process.env.npm_package_version ?? '0.1.0',
  };
}
