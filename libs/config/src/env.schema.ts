import { z } from 'zod';

/**
 * Environment variables, one schema per concern. Each process validates the concerns it needs at
 * start-up and refuses to start, listing every missing or malformed variable.
 */
const postgresUrl = z
  .url({
    protocol: /^postgres(ql)?$/,
    error: 'attendu une URL postgres://utilisateur@hôte:port/base',
  })
  .describe('postgres://user@host:5432/database');
const redisUrl = z
  .url({ protocol: /^rediss?$/, error: 'attendu une URL redis://hôte:port' })
  .describe('redis://host:6379');
const positiveInt = z.coerce.number().int().positive();
const nodeEnv = z.enum(['development', 'production', 'test']).default('development');
const byteSize = z.string().regex(/^\d+(b|kb|mb|gb)$/i, 'attendu une taille comme 512kb ou 200mb');

export const databaseEnv = z.object({
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_SIZE: positiveInt.default(10),
  DATABASE_LOG_QUERIES: z.stringbool().default(false),
});

export const redisEnv = z.object({
  REDIS_URL: redisUrl,
  /** Namespaces BullMQ keys so that several installs (or test runs) can share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i)
    .default('cordage'),
});

export const httpEnv = z.object({
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HTTP_BODY_LIMIT: byteSize.default('1mb'),
  /** Scenario files carry every offer of a bid: 400,000 offers weigh about 40 MB. */
  HTTP_SCENARIO_BODY_LIMIT: byteSize.default('200mb'),
  /**
   * Requests per minute and IP on every route (login links have stricter limits of their own).
   * Wide enough for a training room of 30 behind one office IP, several of them watching a job's
   * progress (the web app asks 2.5 times a second); a flood from one IP is still cut.
   */
  RATE_LIMIT_PER_MINUTE: positiveInt.default(3000),
  /**
   * Seconds between two heartbeats (an SSE comment) on a bid's event stream: proxies close a
   * connection silent for a minute or so (nginx's proxy_read_timeout is 60 s).
   */
  HTTP_EVENTS_HEARTBEAT_SECONDS: positiveInt.max(300).default(25),
  /**
   * How long a request waits for Postgres's health ping or for one Redis answer before it answers
   * 503 (the health probe, a job's status). Short, so that a probe sees an outage at once; a
   * machine too busy to answer in time is, for its probe, not ready.
   */
  DEPENDENCY_TIMEOUT_MS: positiveInt.max(60_000).default(1_000),
  /**
   * Which reverse proxies to believe about the client's address (Express's "trust proxy": a
   * number of hops, or addresses and subnets separated by commas). Off by default: behind a proxy
   * without it, every person shares the proxy's address and its limits.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(\d+|[0-9a-f.:/]+(\s*,\s*[0-9a-f.:/]+)*|loopback|linklocal|uniquelocal)?$/i, {
      message: 'un nombre de relais, ou des adresses et sous-réseaux séparés par des virgules',
    })
    .default('')
    .transform((value): number | string | false =>
      value === '' ? false : /^\d+$/.test(value) ? Number(value) : value,
    ),
});

/** Where people reach Cordage: the base of the links sent by mail and of the OCDS URIs. */
export const publicUrlEnv = z.object({
  PUBLIC_URL: z.url().default('http://localhost:3000'),
});

export const authEnv = publicUrlEnv.extend({
  SESSION_TTL_HOURS: positiveInt.default(168),
  /** Cookies only over HTTPS (browsers accept them on http://localhost too). */
  COOKIE_SECURE: z.stringbool().default(true),
  /**
   * Login links that may be asked in 15 minutes, per address and per IP. The IP's limit fits a
   * training room of 30 people signing in from one office IP, each up to their own limit, twice.
   */
  LOGIN_LINKS_PER_ADDRESS: positiveInt.default(5),
  LOGIN_LINKS_PER_IP: positiveInt.default(300),
  /** Days an invitation's link stays valid (once; a coordinator may send a new one). */
  INVITATION_LINK_TTL_DAYS: positiveInt.max(60).default(7),
});

export const mailEnv = z
  .object({
    /** smtp: send through MAIL_SMTP_URL. log: print and keep them for the admins' page (demo). */
    MAIL_MODE: z.enum(['smtp', 'log']).default('log'),
    MAIL_SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().min(3).default('Cordage <ne-pas-repondre@cordage.local>'),
    NODE_ENV: nodeEnv,
    /** Declares a demonstration install: the only case where production may keep mails (log). */
    DEMO_MODE: z.stringbool().default(false),
  })
  .refine((env) => env.MAIL_MODE !== 'smtp' || env.MAIL_SMTP_URL !== undefined, {
    path: ['MAIL_SMTP_URL'],
    message: 'obligatoire quand MAIL_MODE=smtp (smtp://utilisateur:motdepasse@hôte:587)',
  })
  // Kept mails hold sign-in links and signing codes: whoever reads them can sign for anyone.
  .refine((env) => env.MAIL_MODE !== 'log' || env.NODE_ENV !== 'production' || env.DEMO_MODE, {
    path: ['MAIL_MODE'],
    message:
      'MAIL_MODE=log (mails gardés et lisibles par les administrateurs, liens de connexion et ' +
      'codes de signature compris) est refusé avec NODE_ENV=production : choisir MAIL_MODE=smtp ' +
      'avec MAIL_SMTP_URL, ou, pour une démonstration seulement, DEMO_MODE=true',
  });

export const workerEnv = z.object({
  WORKER_CONCURRENCY: positiveInt.default(2),
  OUTBOX_POLL_MS: positiveInt.default(250),
  /** How long a job stays locked without a heartbeat before another worker takes it over. */
  JOB_LOCK_MS: positiveInt.default(30_000),
  /**
   * How often the worker compares what Postgres says must happen with what Redis holds, and
   * re-enqueues what Redis lost (it also does so on start).
   */
  RECONCILE_INTERVAL_MS: positiveInt.default(30_000),
});

export const documentsEnv = z.object({
  /** Folder of the generated documents (the worker writes, the api reads); made when missing. */
  DOCUMENTS_DIR: z.string().min(1).default('var/documents'),
});

export const signingEnv = z.object({
  /**
   * 32 random bytes in base64 (`openssl rand -base64 32`): seals the platform's and the signers'
   * private keys and keys the one-time codes' hashes. Losing it loses every key; keep it safe.
   */
  SIGNING_MASTER_KEY: z
    .string()
    .refine(
      (value) => Buffer.from(value, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(value),
      {
        message: 'attendu 32 octets en base64 (openssl rand -base64 32)',
      },
    )
    .transform((value) => Buffer.from(value, 'base64')),
});

export const logEnv = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: nodeEnv,
});

export type DatabaseEnv = z.output<typeof databaseEnv>;
export type RedisEnv = z.output<typeof redisEnv>;
export type HttpEnv = z.output<typeof httpEnv>;
export type WorkerEnv = z.output<typeof workerEnv>;
export type LogEnv = z.output<typeof logEnv>;
export type AuthEnv = z.output<typeof authEnv>;
export type MailEnv = z.output<typeof mailEnv>;
export type PublicUrlEnv = z.output<typeof publicUrlEnv>;
export type DocumentsEnv = z.output<typeof documentsEnv>;
export type SigningEnv = z.output<typeof signingEnv>;
