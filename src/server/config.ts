import { z } from 'zod';
import path from 'node:path';

const booleanFlag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value) =>
      value === undefined || value === ''
        ? fallback
        : !['0', 'false', 'no', 'off'].includes(value.toLowerCase()),
    );

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  /** PGlite's buffer cache (resident from the start); ignored with DATABASE_URL. */
  PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^\d{1,6}(kB|MB|GB)$/)
    .default('32MB'),
  RELAIS_DEMO: booleanFlag(true),
  RELAIS_DEMO_SIZE: z.enum(['small', 'full']).default('full'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Relais <relais@localhost>'),
  PUBLIC_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1_048_576),
  TRUST_PROXY: booleanFlag(false),
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  PUSH_ACK_VALID_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(10),
  OUTBOUND_TRUSTED_HOSTS: z.string().default(''),
  /** Seconds before each retry of a failed webhook delivery (then it has failed for good). */
  WEBHOOK_RETRY_SECONDS: z
    .string()
    .regex(/^\d{1,6}(,\d{1,6}){0,9}$/)
    .default('10,60,300,1800,7200'),
  /** Deliveries failed for good in a row after which an endpoint is disabled. */
  WEBHOOK_DISABLE_AFTER: z.coerce.number().int().min(1).max(1000).default(5),
});

/** Parsed configuration; the only place that reads process.env. */
export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL's shared_buffers for the embedded database, e.g. `32MB`. */
  pgliteSharedBuffers: string;
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
  /** Absolute lifetime of a session from sign-in, however active (idle expiry is 14 days). */
  sessionMaxDays: number;
  /** How long acknowledging a blocking alert lets the same action through (PUSH-2). */
  pushAckValidMinutes: number;
  /**
   * Hosts the server may call although they are not public (and over plain http): a test
   * receiver or an on-premise relay. Empty by default: outgoing calls reach public hosts only.
   */
  outboundTrustedHosts: string[];
  webhookRetrySeconds: number[];
  webhookDisableAfter: number;
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
    pgliteSharedBuffers: parsed.PGLITE_SHARED_BUFFERS,
    demo: parsed.RELAIS_DEMO,
    demoSize: parsed.RELAIS_DEMO_SIZE,
    smtpUrl: parsed.SMTP_URL || undefined,
    mailFrom: parsed.MAIL_FROM,
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/$/, ''),
    logLevel: parsed.LOG_LEVEL,
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    uploadLimitBytes: parsed.UPLOAD_LIMIT_BYTES,
    trustProxy: parsed.TRUST_PROXY,
    sessionMaxDays: parsed.SESSION_MAX_DAYS,
    pushAckValidMinutes: parsed.PUSH_ACK_VALID_MINUTES,
    outboundTrustedHosts: parsed.OUTBOUND_TRUSTED_HOSTS.split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
    webhookRetrySeconds: parsed.WEBHOOK_RETRY_SECONDS.split(',').map(Number),
    webhookDisableAfter: parsed.WEBHOOK_DISABLE_AFTER,
    version: process.env.npm_package_version ?? '0.1.0',
  };
}
