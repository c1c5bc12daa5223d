import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type ConfigOf, InjectConfig, databaseConfig, redisConfig } from './config-slice';
import { AppConfigModule } from './config.module';
import { InvalidConfigError } from './validate-env';

@Injectable()
class ReadsDatabase {
  constructor(@InjectConfig(databaseConfig) readonly config: ConfigOf<typeof databaseConfig>) {}
}

@Injectable()
class ReadsRedis {
  constructor(@InjectConfig(redisConfig) readonly config: ConfigOf<typeof redisConfig>) {}
}

describe('AppConfigModule: one token per configuration slice', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    for (const name of ['DATABASE_URL', 'DATABASE_POOL_SIZE', 'REDIS_URL', 'QUEUE_PREFIX'])
      delete process.env[name];
    // No `.env` from the working directory may fill in what a test leaves out.
    jest.spyOn(process, 'loadEnvFile').mockImplementation(() => {
      throw Object.assign(new Error('no .env in tests'), { code: 'ENOENT' });
    });
  });
  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
  });

  it('injects a declared slice with its parsed value, defaults and coercions applied', async () => {
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cordage';
    process.env.DATABASE_POOL_SIZE = '4';
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(databaseConfig)],
      providers: [ReadsDatabase],
    }).compile();
    expect(moduleRef.get(ReadsDatabase).config).toEqual({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cordage',
      DATABASE_POOL_SIZE: 4,
      DATABASE_LOG_QUERIES: false,
    });
    // The slice's value only: nothing of another concern rides along.
    expect(moduleRef.get(databaseConfig.token)).not.toHaveProperty('REDIS_URL');
  });

  it('refuses to boot a process whose class injects a slice it did not declare', async () => {
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cordage';
    process.env.REDIS_URL = 'redis://127.0.0.1:6379'; // set, but never validated: not injectable
    const compiling = Test.createTestingModule({
      imports: [AppConfigModule.forRoot(databaseConfig)],
      providers: [ReadsRedis],
    }).compile();
    // Nest names the class and the token it cannot resolve: Symbol(config:redis).
    await expect(compiling).rejects.toThrow(
      /can't resolve dependencies of the ReadsRedis \(\?\)[\s\S]*Symbol\(config:redis\)/,
    );
  });

  it('validates every declared slice at once and lists every bad variable', async () => {
    process.env.DATABASE_URL = 'mysql://localhost/cordage';
    const compiling = Test.createTestingModule({
      imports: [AppConfigModule.forRoot(databaseConfig, redisConfig)],
      providers: [ReadsDatabase],
    }).compile();
    const error: unknown = await compiling.then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(InvalidConfigError);
    const { problems } = error as InvalidConfigError;
    expect(problems).toEqual([
      expect.stringMatching(/^DATABASE_URL \(valeur "mysql:\/\/localhost\/cordage"\) : /),
      expect.stringMatching(/^REDIS_URL \(absente\) : /),
    ]);
  });
});
