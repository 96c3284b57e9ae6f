/**
 * Configuration, read once at boot and validated. A wrong or missing value stops the process
 * with one sentence naming the variable.
 */
import { z } from 'zod';

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
  SIMPUL_DEMO: bool01.default(true),
  SIMPUL_DEMO_PASSWORD: z.string().min(12, 'must be at least 12 characters').default('Simpul-Demo-2026'),
  SIMPUL_PUBLIC_URL: z.url('must be a URL such as https://simpul.example.go.id').optional(),
  SIMPUL_TRUST_PROXY: bool01.default(false),
  SIMPUL_REGIONS: z
    .string()
    .regex(/^\d{2}(,\d{2})*$/, 'must be a comma-separated list of province codes such as 36,32')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  encryptionKey: string | undefined;
  keyFile: string | undefined;
  demo: boolean;
  demoPassword: string;
  publicUrl: string | undefined;
  trustProxy: boolean;
  regions: string[] | undefined;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
};

export class ConfigError extends Error {}

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
    databaseUrl: e.DATABASE_URL,
    encryptionKey: e.SIMPUL_ENCRYPTION_KEY,
    keyFile: e.SIMPUL_KEY_FILE,
    demo: e.SIMPUL_DEMO,
    demoPassword: e.SIMPUL_DEMO_PASSWORD,
    publicUrl: e.SIMPUL_PUBLIC_URL,
    trustProxy: e.SIMPUL_TRUST_PROXY,
    regions: e.SIMPUL_REGIONS?.split(','),
    logLevel: e.LOG_LEVEL,
  };
}
