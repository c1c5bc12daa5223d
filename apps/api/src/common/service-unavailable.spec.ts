import { QueueUnavailableError } from '@cordage/queue';
import { unavailableDependency } from './service-unavailable';

const socketError = (code: string) =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect' });

describe('unavailableDependency', () => {
  it('names the database for pg and pool errors, raw or wrapped by TypeORM', () => {
    expect(unavailableDependency(socketError('ECONNREFUSED'))).toBe('database');
    expect(unavailableDependency(new Error('Connection terminated unexpectedly'))).toBe('database');
    expect(unavailableDependency(new Error('timeout exceeded when trying to connect'))).toBe(
      'database',
    );
    const shutdown = Object.assign(new Error('terminating connection'), { code: '57P01' });
    expect(unavailableDependency({ name: 'QueryFailedError', driverError: shutdown })).toBe(
      'database',
    );
    expect(unavailableDependency(Object.assign(new Error('x'), { code: '08006' }))).toBe(
      'database',
    );
  });

  it('names Redis for ioredis rejections and a status read past its deadline', () => {
    expect(unavailableDependency(new QueueUnavailableError())).toBe('redis');
    expect(unavailableDependency(new Error('Command timed out'))).toBe('redis');
    const retries = new Error('Reached the max retries per request limit (which is 1).');
    Object.defineProperty(retries, 'name', { value: 'MaxRetriesPerRequestError' });
    expect(unavailableDependency(retries)).toBe('redis');
  });

  it('leaves every other error to be a 500: a query error, a bug, a non-error', () => {
    const constraint = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(unavailableDependency({ name: 'QueryFailedError', driverError: constraint })).toBeNull();
    expect(unavailableDependency(new TypeError('undefined is not a function'))).toBeNull();
    expect(unavailableDependency('ECONNREFUSED')).toBeNull();
    expect(unavailableDependency(null)).toBeNull();
  });
});
