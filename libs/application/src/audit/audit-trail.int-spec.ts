import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { type Actor, type AuditChange, required } from '@cordage/domain';
import { type Db, TransactionHost } from '@cordage/persistence';
import { REPO_ROOT, testPersistence } from '@cordage/testing';
import { AuditTrail } from './audit-trail';

/** The real command an operator runs. */
function cordageAuditVerify() {
  const run = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, 'bin', 'cordage.js'), 'audit', 'verify'],
    {
      cwd: REPO_ROOT,
      env: process.env,
      encoding: 'utf8',
    },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** What someone with database access could do behind the application's back. */
async function asIntruder<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  await dataSource.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
  try {
    return await work();
  } finally {
    await dataSource.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
  }
}

describe('the audit log on Postgres', () => {
  const context = testPersistence();
  let audit: AuditTrail;
  /** An event that changes nothing else: its own unit of work, as a use case opens one. */
  const record = (actor: Actor, change: AuditChange) =>
    context.get<Db>(TransactionHost).withTransaction(() => audit.append(actor, change));
  const actor = { userId: null, label: 'directrice@insertion.test', requestId: 'req-1' };

  beforeAll(async () => {
    audit = context.get(AuditTrail);
    for (let i = 0; i < 5; i++) {
      await record(actor, {
        action: 'member.offers_declared',
        entityType: 'member',
        entityId: `m-${i}`,
        before: { hours: i, at: new Date(Date.UTC(2026, 0, i + 1)) },
        after: { hours: i + 10, nested: { b: 1, a: [1, 2, { z: true }] } },
      });
    }
  });

  const lastSeq = async () => {
    const [last] = await context.dataSource.query<{ seq: string }[]>(
      'SELECT max(seq)::text AS seq FROM audit_events',
    );
    return required(last, 'the max(seq) row').seq;
  };

  it('chains every entry, and verifies intact', async () => {
    expect(await audit.verify()).toMatchObject({ ok: true });
    const check = cordageAuditVerify();
    expect(check.output).toMatch(/Journal d’audit intact : \d+ entrées vérifiées/);
    expect(check.status).toBe(0);
  });

  it('appends a batch in one write, each entry chained to the one before, as one by one', async () => {
    const before = Number(await lastSeq());
    const changes = Array.from({ length: 1_200 }, (_, i) => ({
      action: 'contract.realised_declared',
      entityType: 'member',
      entityId: `m-${i}`,
      after: { entries: i, nested: { b: 1, a: [i] } },
    }));
    await context.get<Db>(TransactionHost).withTransaction(() => audit.appendAll(actor, changes));
    expect(Number(await lastSeq())).toBe(before + changes.length);
    const rows = await context.dataSource.query<{ entity_id: string }[]>(
      'SELECT entity_id FROM audit_events WHERE seq > $1 ORDER BY seq',
      [before],
    );
    expect(rows.map((row) => row.entity_id)).toEqual(changes.map((change) => change.entityId));
    expect(await audit.verify()).toMatchObject({ ok: true });
    // Nothing is written outside a unit of work.
    await expect(audit.appendAll(actor, changes)).rejects.toThrow(/transaction/);
  });

  it('refuses edits and deletions at the database itself', async () => {
    await expect(
      context.dataSource.query(`UPDATE audit_events SET actor = 'quelqu’un'`),
    ).rejects.toThrow(/append-only/);
    await expect(context.dataSource.query('DELETE FROM audit_events')).rejects.toThrow(
      /append-only/,
    );
    await expect(context.dataSource.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
  });

  it('detects an edited row, at that row', async () => {
    const seq = String(Number(await lastSeq()) - 2);
    const [found] = await context.dataSource.query<{ after: unknown }[]>(
      'SELECT after FROM audit_events WHERE seq = $1',
      [seq],
    );
    const original = required(found, `the audit entry ${seq}`);
    await asIntruder(context.dataSource, () =>
      context.dataSource.query(`UPDATE audit_events SET after = '{"hours": 9999}' WHERE seq = $1`, [
        seq,
      ]),
    );
    try {
      expect(await audit.verify()).toMatchObject({
        ok: false,
        brokenAt: seq,
        reason: 'le contenu a été modifié',
      });
      const check = cordageAuditVerify();
      expect(check.status).toBe(3);
      expect(check.output).toContain(`ALTÉRÉ à l’entrée ${seq}`);
    } finally {
      await asIntruder(context.dataSource, () =>
        context.dataSource.query('UPDATE audit_events SET after = $2 WHERE seq = $1', [
          seq,
          JSON.stringify(original.after),
        ]),
      );
    }
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('detects a removed row, and a forged hash that does not chain', async () => {
    const seq = String(Number(await lastSeq()) - 1);
    const [found] = await context.dataSource.query<Record<string, unknown>[]>(
      'SELECT * FROM audit_events WHERE seq = $1',
      [seq],
    );
    const row = required(found, `the audit entry ${seq}`);
    await asIntruder(context.dataSource, () =>
      context.dataSource.query('DELETE FROM audit_events WHERE seq = $1', [seq]),
    );
    expect(await audit.verify()).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/manquante/),
    });
    await context.dataSource.query(
      `INSERT INTO audit_events SELECT * FROM json_populate_record(null::audit_events, $1)`,
      [JSON.stringify(row)],
    );
    expect(await audit.verify()).toMatchObject({ ok: true });

    // Rewriting a row and its own hash is not enough: the next row still points at the old one.
    await asIntruder(context.dataSource, () =>
      context.dataSource.query(
        `UPDATE audit_events SET actor = 'faussaire', hash = repeat('a', 64) WHERE seq = $1`,
        [seq],
      ),
    );
    try {
      expect((await audit.verify()).ok).toBe(false);
    } finally {
      await asIntruder(context.dataSource, () =>
        context.dataSource.query('UPDATE audit_events SET actor = $2, hash = $3 WHERE seq = $1', [
          seq,
          row.actor,
          row.hash,
        ]),
      );
    }
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('keeps appending in order under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        record(actor, { action: 'concurrent', entityType: 'test', entityId: String(i) }),
      ),
    );
    expect(await audit.verify()).toMatchObject({ ok: true });
  });
});
