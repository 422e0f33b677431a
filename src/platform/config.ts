import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SIGN_IN_LIMITS, type SignInLimits } from './auth/limits.js';

const port = z.coerce.number().int().min(1).max(65535);

const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_APP_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  HEARTH_DATA_DIR: z.string().min(1).default('./data'),
  HEARTH_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  HEARTH_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('hearth-demo-2026'),
  HEARTH_DEMO: z.enum(['auto', 'off']).default('auto'),
  HEARTH_SECURE_COOKIES: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HEARTH_BASE_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+\/?$/, 'must be the address people use, like https://hearth.example.org')
    .optional(),
  HEARTH_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  HEARTH_SMTP_HOST: z.string().min(1).optional(),
  HEARTH_SMTP_PORT: port.optional(),
  HEARTH_SMTP_USER: z.string().min(1).optional(),
  HEARTH_SMTP_PASS: z.string().min(1).optional(),
  HEARTH_SMTP_FROM: z.string().min(3).optional(),
  HEARTH_POSTCODE_LOOKUP_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+(\/[^\s]*)?$/, 'must be the address of a postcodes.io-compatible service, like https://api.postcodes.io')
    .optional(),
  HEARTH_POSTCODE_LOOKUP_TIMEOUT_MS: z.coerce
    .number()
    .int('must be a whole number of milliseconds')
    .min(100, 'must be at least 100 milliseconds')
    .max(10_000, 'must be 10000 milliseconds or fewer: a save waits for it')
    .default(2000),
  HEARTH_SIGN_IN_FAILURES_PER_ACCOUNT: z.coerce
    .number()
    .int()
    .min(1, 'must be a whole number, 1 or more')
    .default(SIGN_IN_LIMITS.perAccount),
  HEARTH_SIGN_IN_FAILURES_PER_ADDRESS: z.coerce
    .number()
    .int()
    .min(1, 'must be a whole number, 1 or more')
    .default(SIGN_IN_LIMITS.perAddress),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  database: { url: string; appUrl?: string | undefined } | { dataDir: string };
  dataDir: string;
  sessionSecret: string;
  demoPassword: string;
  loadDemo: boolean;
  secureCookies: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** The address people use to reach Hearth, for links in emails and passkeys; null: taken from localhost requests. */
  baseUrl: string | null;
  /** How email goes out; null: it waits in the outbox. */
  mail: MailSettings | null;
  /** A postcodes.io-compatible service to ask about postcodes the table does not know; null: none. */
  postcodeLookup: { url: string; timeoutMs: number } | null;
  /** Failed sign-ins allowed per account and per address, each in 15 minutes. */
  signInLimits: SignInLimits;
}

export interface MailSettings {
  transport: string | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };
  from: string;
}

export class ConfigError extends Error {}

/** Reads and checks the settings; a bad one stops Hearth with one line saying which and how to fix it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'setting');
    throw new ConfigError(`Setting ${name} ${describe(issue)}: fix it in the environment, or remove it to use the default.`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.HEARTH_DATA_DIR);
  if (e.DATABASE_APP_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      'Setting DATABASE_APP_URL needs DATABASE_URL too: DATABASE_URL is the owner that runs migrations, DATABASE_APP_URL the login requests use.',
    );
  }
  if (e.DATABASE_URL && !e.HEARTH_SESSION_SECRET) {
    throw new ConfigError(
      'Setting HEARTH_SESSION_SECRET is missing: with DATABASE_URL set, give it a random value of at least 32 characters (for example from `openssl rand -hex 32`).',
    );
  }
  return {
    baseUrl: e.HEARTH_BASE_URL?.replace(/\/$/, '') ?? null,
    mail: mailSettings(e),
    postcodeLookup: e.HEARTH_POSTCODE_LOOKUP_URL
      ? { url: e.HEARTH_POSTCODE_LOOKUP_URL, timeoutMs: e.HEARTH_POSTCODE_LOOKUP_TIMEOUT_MS }
      : null,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { url: e.DATABASE_URL, appUrl: e.DATABASE_APP_URL } : { dataDir: path.join(dataDir, 'pg') },
    dataDir,
    sessionSecret: e.HEARTH_SESSION_SECRET ?? embeddedSecret(dataDir),
    demoPassword: e.HEARTH_DEMO_PASSWORD,
    loadDemo: e.HEARTH_DEMO === 'auto',
    secureCookies: e.HEARTH_SECURE_COOKIES,
    logLevel: e.LOG_LEVEL,
    signInLimits: { perAccount: e.HEARTH_SIGN_IN_FAILURES_PER_ACCOUNT, perAddress: e.HEARTH_SIGN_IN_FAILURES_PER_ADDRESS },
  };
}

function mailSettings(e: z.infer<typeof envSchema>): MailSettings | null {
  const smtp = e.HEARTH_SMTP_URL ?? e.HEARTH_SMTP_HOST;
  if (!smtp) {
    if (e.HEARTH_SMTP_FROM || e.HEARTH_SMTP_USER || e.HEARTH_SMTP_PASS || e.HEARTH_SMTP_PORT) {
      throw new ConfigError('Setting HEARTH_SMTP_HOST (or HEARTH_SMTP_URL) is missing: the other HEARTH_SMTP_ settings need it.');
    }
    return null;
  }
  if (e.HEARTH_SMTP_URL && e.HEARTH_SMTP_HOST)
    throw new ConfigError('Settings HEARTH_SMTP_URL and HEARTH_SMTP_HOST are both set: use one of them.');
  if (!e.HEARTH_SMTP_FROM)
    throw new ConfigError('Setting HEARTH_SMTP_FROM is missing: give the address Hearth sends from, like "Hearth <hearth@example.org>".');
  if (!e.HEARTH_BASE_URL)
    throw new ConfigError(
      'Setting HEARTH_BASE_URL is missing: links in emails need the address people use, like https://hearth.example.org.',
    );
  if (!e.HEARTH_SMTP_USER !== !e.HEARTH_SMTP_PASS)
    throw new ConfigError('Settings HEARTH_SMTP_USER and HEARTH_SMTP_PASS go together: set both, or neither.');
  if (e.HEARTH_SMTP_URL) return { transport: e.HEARTH_SMTP_URL, from: e.HEARTH_SMTP_FROM };
  const port = e.HEARTH_SMTP_PORT ?? 587;
  const auth = e.HEARTH_SMTP_USER && e.HEARTH_SMTP_PASS ? { auth: { user: e.HEARTH_SMTP_USER, pass: e.HEARTH_SMTP_PASS } } : {};
  return { transport: { host: e.HEARTH_SMTP_HOST!, port, secure: port === 465, ...auth }, from: e.HEARTH_SMTP_FROM };
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && 'values' in issue) return `must be one of ${issue.values.join(', ')}`;
  if (issue.code === 'too_small' || issue.code === 'too_big' || issue.code === 'invalid_format') return issue.message;
  if (issue.code === 'invalid_type') return 'must be a whole number';
  return issue.message;
}

function stripEmpty(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
}

/** In embedded mode the secret is made once and kept beside the data, so sessions survive restarts. */
function embeddedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
