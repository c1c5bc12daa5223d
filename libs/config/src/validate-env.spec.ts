import { databaseEnv, httpEnv, redisEnv, workerEnv } from './env.schema';
import { InvalidConfigError, validateEnv } from './validate-env';

describe('validateEnv', () => {
  const valid = {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cordage',
    REDIS_URL: 'redis://127.0.0.1:6379',
  };

  it('returns typed values with their defaults', () => {
    const config = validateEnv(valid, databaseEnv, redisEnv, httpEnv, workerEnv);
    expect(config).toMatchObject({
      DATABASE_URL: valid.DATABASE_URL,
      DATABASE_POOL_SIZE: 10,
      QUEUE_PREFIX: 'cordage',
      HTTP_PORT: 3000,
      HTTP_BODY_LIMIT: '1mb',
      JOB_LOCK_MS: 30_000,
    });
  });

  it('coerces numbers and booleans from their text', () => {
    const config = validateEnv(
      { ...valid, HTTP_PORT: '8080', DATABASE_LOG_QUERIES: 'true' },
      databaseEnv,
      httpEnv,
    );
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.DATABASE_LOG_QUERIES).toBe(true);
  });

  it('lists every missing or malformed variable, by name, before failing', () => {
    const attempt = () =>
      validateEnv(
        { DATABASE_URL: 'mysql://localhost/cordage', HTTP_PORT: '99999', HTTP_BODY_LIMIT: 'big' },
        databaseEnv,
        redisEnv,
        httpEnv,
      );
    expect(attempt).toThrow(InvalidConfigError);
    try {
      attempt();
    } catch (error) {
      const { problems, message } = error as InvalidConfigError;
      expect(problems).toHaveLength(4);
      expect(message).toContain('DATABASE_URL (valeur "mysql://localhost/cordage")');
      expect(message).toContain('REDIS_URL (absente)');
      expect(message).toContain('HTTP_PORT (valeur "99999")');
      expect(message).toContain(
        'HTTP_BODY_LIMIT (valeur "big") : attendu une taille comme 512kb ou 200mb',
      );
      expect(message).toContain('.env.example');
    }
  });
});
