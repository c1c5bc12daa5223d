import { databaseEnv, httpEnv, mailEnv, redisEnv, workerEnv } from './env.schema';
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

  it('reads which proxies to trust: none by default, hops, or addresses', () => {
    expect(validateEnv(valid, httpEnv).TRUST_PROXY).toBe(false);
    expect(validateEnv({ TRUST_PROXY: '1' }, httpEnv).TRUST_PROXY).toBe(1);
    expect(validateEnv({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }, httpEnv).TRUST_PROXY).toBe(
      '10.0.0.0/8, 127.0.0.1',
    );
    expect(() => validateEnv({ TRUST_PROXY: 'tout le monde' }, httpEnv)).toThrow(/TRUST_PROXY/);
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

  describe('mail kept for the admins (MAIL_MODE=log)', () => {
    const smtp = { MAIL_MODE: 'smtp', MAIL_SMTP_URL: 'smtp://relais.example:587' };
    const refusal = (env: Record<string, string | undefined>) => {
      try {
        validateEnv(env, mailEnv);
      } catch (error) {
        return (error as InvalidConfigError).problems;
      }
      return [];
    };

    it('refuses to start in production, naming the variables that would allow it', () => {
      for (const env of [
        { NODE_ENV: 'production' },
        { NODE_ENV: 'production', MAIL_MODE: 'log' },
      ]) {
        const problems = refusal(env);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/^MAIL_MODE \((absente|valeur "log")\) : /);
        for (const name of ['NODE_ENV=production', 'MAIL_SMTP_URL', 'DEMO_MODE=true'])
          expect(problems[0]).toContain(name);
      }
      expect(refusal({ NODE_ENV: 'production', DEMO_MODE: 'false' })).toHaveLength(1);
    });

    it('starts a declared demo in production, and anything outside production', () => {
      expect(validateEnv({ NODE_ENV: 'production', DEMO_MODE: 'true' }, mailEnv)).toMatchObject({
        MAIL_MODE: 'log',
        DEMO_MODE: true,
      });
      expect(validateEnv({ NODE_ENV: 'development' }, mailEnv).MAIL_MODE).toBe('log');
      expect(validateEnv({ NODE_ENV: 'test' }, mailEnv).MAIL_MODE).toBe('log');
      expect(validateEnv({ NODE_ENV: 'production', ...smtp }, mailEnv).MAIL_MODE).toBe('smtp');
    });

    it('still asks for the SMTP server when mail is sent', () => {
      expect(refusal({ NODE_ENV: 'production', MAIL_MODE: 'smtp' })).toEqual([
        expect.stringMatching(/^MAIL_SMTP_URL \(absente\) : obligatoire quand MAIL_MODE=smtp/),
      ]);
    });
  });
});
