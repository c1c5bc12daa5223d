import { QueueUnavailableError } from '@cordage/queue';

/** What the api depends on at request time. */
export type Dependency = 'database' | 'redis';

/** Socket errors of a connection that cannot be made or was cut: only pg raises them here. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** SQLSTATEs of a server that cannot serve now: connection exceptions, shutdown, too many clients. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/** pg and pg-pool messages when a connection ends, cannot be made in time, or the pool is closed. */
const PG_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end)/;

/** ioredis's rejections while Redis is away (no offline queue, retries spent, command timeout). */
const REDIS_MESSAGES =
  /^(Stream isn't writeable and enableOfflineQueue options is false|Command timed out|Connection is closed\.)/;

/**
 * The dependency an error says is unreachable, or null for any other error. Driver errors arrive
 * raw (a pool that cannot connect) or wrapped by TypeORM (QueryFailedError.driverError).
 */
export function unavailableDependency(error: unknown): Dependency | null {
  if (error instanceof QueueUnavailableError) return 'redis';
  if (typeof error !== 'object' || error === null) return null;
  const { name, message, code, driverError } = error as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    driverError?: unknown;
  };
  if (name === 'MaxRetriesPerRequestError') return 'redis';
  if (typeof message === 'string' && REDIS_MESSAGES.test(message)) return 'redis';
  if (driverError !== undefined && driverError !== error) return unavailableDependency(driverError);
  if (name === 'CannotExecuteNotConnectedError') return 'database';
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code)))
    return 'database';
  if (typeof message === 'string' && PG_MESSAGES.test(message)) return 'database';
  return null;
}
