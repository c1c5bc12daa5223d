import { QueryFailedError } from 'typeorm';
import { testPersistence } from '@cordage/testing';
import { preparedQuery } from './prepared-query';
import { type Db, TransactionHost } from './unit-of-work';

describe('preparedQuery on Postgres', () => {
  const persistence = testPersistence();
  let db: Db;

  beforeAll(() => {
    db = persistence.get(TransactionHost);
  });

  it('answers the same text again and again, with other values each time', async () => {
    for (let value = 0; value < 12; value++) {
      expect(await preparedQuery(db.tx, 'SELECT $1::int + 1 AS next', [value])).toEqual([
        { next: value + 1 },
      ]);
    }
    // The pool's connections each prepared it once: Postgres lists it on the ones that did.
    const prepared = await preparedQuery<{ count: number }>(
      db.tx,
      `SELECT count(*)::int AS count FROM pg_prepared_statements WHERE statement LIKE 'SELECT $1::int + 1%'`,
      [],
    );
    expect(prepared).toEqual([{ count: 1 }]);
  });

  it('runs inside the unit of work on its transaction: it sees what the transaction wrote', async () => {
    const seen = await db.withTransaction(async () => {
      await db.tx.query('SELECT set_config($1, $2, true)', ['cordage.probe', 'inside']);
      return preparedQuery<{ value: string }>(
        db.tx,
        `SELECT current_setting('cordage.probe', true) AS value`,
        [],
      );
    });
    expect(seen).toEqual([{ value: 'inside' }]);
  });

  it('fails as TypeORM does, the driver’s error inside', async () => {
    const failure = await preparedQuery(db.tx, 'SELECT $1::uuid AS id', ['not a uuid']).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe(
      '22P02',
    );
  });
});
