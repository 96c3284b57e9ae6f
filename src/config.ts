/**
 * Configuration, read once at boot and validated. A wrong or missing value stops the process
 * with one sentence naming the variable.
 */

import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { NO_PROXY, parseTrustProxy, type TrustProxy } from './http/client-address.ts';

const bool01 = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must start with postgres:// or postgresql://')
    .optional(),
  SIMPUL_ENCRYPTION_KEY: z
    .string()
    .refine(
      (s) => Buffer.from(s, 'base64').length === 32,
      'must be 32 bytes encoded in base64 (openssl rand -base64 32)',
    )
    .optional(),
  SIMPUL_KEY_FILE: z.string().min(1).optional(),
  // checkpoints of the audit chain head (decision 017); default: DATA_DIR's sibling folder
  SIMPUL_AUDIT_ANCHOR_DIR: z.string().min(1).optional(),
  SIMPUL_DEMO: bool01.default(true),
  SIMPUL_DEMO_PASSWORD: z.string().min(12, 'must be at least 12 characters').default('Simpul-Demo-2026'),
  SIMPUL_PUBLIC_URL: z.url('must be a URL such as https://simpul.example.go.id').optional(),
  SIMPUL_TRUST_PROXY: z
    .string()
    .transform((v, ctx) => {
      const t = parseTrustProxy(v);
      if (t === null)
        ctx.addIssue({
          code: 'custom',
          message:
            "must be 0 (no proxy), 1 (one reverse proxy), the number of proxies in a row (at most 10), or a comma-separated list of the proxies' addresses such as 10.0.0.5,10.1.0.0/16",
        });
      return t ?? NO_PROXY;
    })
    .default(NO_PROXY),
  SIMPUL_REGIONS: z
    .string()
    .regex(/^\d{2}(,\d{2})*$/, 'must be a comma-separated list of province codes such as 36,32')
    .optional(),
  SIMPUL_QUICK_EXIT_URL: z
    .url({
      protocol: /^https?$/,
      message: 'must be an http(s) URL such as https://www.google.com/search?q=cuaca',
    })
    .default('https://www.google.com/search?q=cuaca'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // WhatsApp Business Cloud API: off unless set (then all but WHATSAPP_GRAPH_URL are required)
  WHATSAPP_VERIFY_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
  WHATSAPP_APP_SECRET: z.string().min(8, 'must be at least 8 characters').optional(),
  WHATSAPP_ACCESS_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
  WHATSAPP_PHONE_NUMBER_ID: z
    .string()
    .regex(/^\d{1,30}$/, 'must be the numeric phone number ID')
    .optional(),
  WHATSAPP_GRAPH_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://graph.facebook.com/v21.0' })
    .default('https://graph.facebook.com/v21.0'),
  WHATSAPP_DEFAULT_REGION: z
    .string()
    .regex(/^\d{2}\.\d{2}$/, 'must be a kab/kota code such as 36.02')
    .optional(),
  // notifications: approved WhatsApp template ({{1}} what happened, {{2}} the link), optional
  WHATSAPP_NOTIFY_TEMPLATE: z
    .string()
    .regex(/^[a-z0-9_]{1,512}$/, 'must be an approved template name (lowercase letters, digits, _)')
    .optional(),
  WHATSAPP_NOTIFY_LANGUAGE: z
    .string()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be a template language code such as id or en_US')
    .default('id'),
  // notification e-mail (off unless SMTP_URL is set) and the background job worker
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      message: 'must be an smtp:// or smtps:// URL such as smtp://user:pass@host:587',
    })
    .optional(),
  SMTP_FROM: z.string().trim().min(3).max(300).default('Simpul <no-reply@localhost>'),
  SIMPUL_JOBS: bool01.default(true),
  // public statistics (decision 026): counts below this are shown as "<N"; never below 3
  SIMPUL_PUBLIC_STATS_MIN_CELL: z.coerce
    .number()
    .int('must be a whole number of 3 or more, such as 5')
    .min(3, 'must be 3 or more (below 3 a suppressed count could be worked out)')
    .max(100, 'must be at most 100')
    .default(5),
});

/** WhatsApp Business Cloud API settings; absent when WhatsApp intake is switched off. */
export type WhatsAppSettings = {
  verifyToken: string;
  appSecret: string;
  accessToken: string;
  phoneNumberId: string;
  /** Graph API base, e.g. https://graph.facebook.com/v21.0 (no trailing slash) */
  graphUrl: string;
  /** the kab/kota whose inbox receives new conversations */
  defaultRegion: string;
  /** approved template for notifications to staff (WHATSAPP_NOTIFY_TEMPLATE); absent = none sent */
  notifyTemplate?: { name: string; language: string } | undefined;
};

/** SMTP for notification e-mail; absent when SMTP_URL is not set (e-mail off). */
export type MailSettings = {
  /** nodemailer connection URL, e.g. smtp://user:pass@host:587 */
  url: string;
  /** the From header */
  from: string;
};

const WHATSAPP_REQUIRED = [
  'WHATSAPP_VERIFY_TOKEN',
  'WHATSAPP_APP_SECRET',
  'WHATSAPP_ACCESS_TOKEN',
  'WHATSAPP_PHONE_NUMBER_ID',
  'WHATSAPP_DEFAULT_REGION',
] as const;

function whatsAppSettings(e: z.infer<typeof Env>): WhatsAppSettings | undefined {
  if (!WHATSAPP_REQUIRED.some((k) => e[k] !== undefined)) return undefined;
  const missing = WHATSAPP_REQUIRED.find((k) => e[k] === undefined);
  if (missing)
    throw new ConfigError(
      `Configuration error: ${missing} is required when WhatsApp is switched on (another WHATSAPP_ variable is set).`,
    );
  return {
    verifyToken: e.WHATSAPP_VERIFY_TOKEN!,
    appSecret: e.WHATSAPP_APP_SECRET!,
    accessToken: e.WHATSAPP_ACCESS_TOKEN!,
    phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID!,
    graphUrl: e.WHATSAPP_GRAPH_URL.replace(/\/+$/, ''),
    defaultRegion: e.WHATSAPP_DEFAULT_REGION!,
    notifyTemplate: e.WHATSAPP_NOTIFY_TEMPLATE
      ? { name: e.WHATSAPP_NOTIFY_TEMPLATE, language: e.WHATSAPP_NOTIFY_LANGUAGE }
      : undefined,
  };
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /**
   * Where the embedded database's key file is created, outside DATA_DIR (decision 018):
   * $XDG_CONFIG_HOME/simpul/keys, ~/.config/simpul/keys, or %APPDATA%\simpul\keys on Windows.
   */
  keyDir: string;
  databaseUrl: string | undefined;
  encryptionKey: string | undefined;
  keyFile: string | undefined;
  /** where checkpoints of the audit chain head are written: outside DATA_DIR, never inside it */
  auditAnchorDir: string;
  demo: boolean;
  demoPassword: string;
  publicUrl: string | undefined;
  /** where the client address comes from behind reverse proxies (src/http/client-address.ts) */
  trustProxy: TrustProxy;
  regions: string[] | undefined;
  /** where the quick-exit control of the public pages goes (a neutral site) */
  quickExitUrl: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  whatsapp: WhatsAppSettings | undefined;
  mail: MailSettings | undefined;
  /** run the background job worker in this process (SIMPUL_JOBS, default on) */
  jobs: boolean;
  /** public statistics: the smallest count shown as a number (SIMPUL_PUBLIC_STATS_MIN_CELL, ≥ 3) */
  publicStatsMinCell: number;
};

export class ConfigError extends Error {}

/**
 * The audit anchor folder (decision 017): SIMPUL_AUDIT_ANCHOR_DIR, or `<DATA_DIR>-audit-anchor`
 * next to the data directory. Never inside DATA_DIR: a copy or a restore of the data directory
 * must not carry the checkpoints along (or bring older ones back).
 */
function auditAnchorDir(dataDir: string, configured: string | undefined): string {
  const data = resolve(dataDir);
  const dir = configured ? resolve(configured) : `${data.replace(/[\\/]+$/, '')}-audit-anchor`;
  // compared as the file system resolves them: a symbolic link into DATA_DIR is inside it
  const rel = relative(realPath(data), realPath(dir));
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)))
    throw new ConfigError(
      `Configuration error: SIMPUL_AUDIT_ANCHOR_DIR must be outside DATA_DIR (${data}): checkpoints of the audit log must not travel with a copy of the data.`,
    );
  return dir;
}

/** The path with every symbolic link of its existing part resolved (the rest kept as written). */
function realPath(p: string): string {
  const missing: string[] = [];
  let at = p;
  for (;;) {
    try {
      return join(realpathSync(at), ...missing.reverse());
    } catch {
      const up = dirname(at);
      if (up === at) return p;
      missing.push(basename(at));
      at = up;
    }
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = Env.safeParse(clean);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Configuration error: ${name} ${issue.message}.`);
  }
  const e = r.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    keyDir: keyDirOf(clean),
    databaseUrl: e.DATABASE_URL,
    encryptionKey: e.SIMPUL_ENCRYPTION_KEY,
    keyFile: e.SIMPUL_KEY_FILE,
    auditAnchorDir: auditAnchorDir(e.DATA_DIR, e.SIMPUL_AUDIT_ANCHOR_DIR),
    demo: e.SIMPUL_DEMO,
    demoPassword: e.SIMPUL_DEMO_PASSWORD,
    publicUrl: e.SIMPUL_PUBLIC_URL,
    trustProxy: e.SIMPUL_TRUST_PROXY,
    regions: e.SIMPUL_REGIONS?.split(','),
    quickExitUrl: e.SIMPUL_QUICK_EXIT_URL,
    logLevel: e.LOG_LEVEL,
    whatsapp: whatsAppSettings(e),
    mail: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : undefined,
    jobs: e.SIMPUL_JOBS,
    publicStatsMinCell: e.SIMPUL_PUBLIC_STATS_MIN_CELL,
  };
}

/** SIMPUL_PUBLIC_STATS_MIN_CELL alone (the job worker's snapshot); loadConfig has refused a wrong value at boot. */
export function publicStatsMinCell(env: Record<string, string | undefined> = process.env): number {
  const v = env.SIMPUL_PUBLIC_STATS_MIN_CELL;
  const r = Env.shape.SIMPUL_PUBLIC_STATS_MIN_CELL.safeParse(v === '' ? undefined : v);
  if (!r.success)
    throw new ConfigError(
      `Configuration error: SIMPUL_PUBLIC_STATS_MIN_CELL ${r.error.issues[0]?.message ?? 'is wrong'}.`,
    );
  return r.data;
}

/** The per-user configuration folder's `simpul/keys` (XDG base directories; %APPDATA% on Windows). */
function keyDirOf(env: Record<string, string | undefined>): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base =
    xdg && isAbsolute(xdg)
      ? xdg
      : process.platform === 'win32' && env.APPDATA
        ? env.APPDATA
        : join(env.HOME || homedir(), '.config');
  return join(base, 'simpul', 'keys');
}
