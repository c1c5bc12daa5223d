import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { at, hashSecret, required } from '@cordage/domain';
import {
  bidTableCounts,
  exampleScenario,
  exampleScenarioFile,
  openTestDataSource,
  clearData,
} from '@cordage/testing';
import { REPO_ROOT } from './support/harness';

/** Runs the `cordage` command the way a user does, in its own process. */
function cordage(args: string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'cordage.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the cordage command line', () => {
  let dataSource: DataSource;
  let folder: string; // this run's own files: two runs side by side never share one

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    folder = mkdtempSync(path.join(tmpdir(), 'cordage-cli-'));
  });
  beforeEach(() => clearData(dataSource));
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await dataSource.destroy();
  });

  it('imports the example file and prints what it wrote', () => {
    const run = cordage(['import', exampleScenarioFile()]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      bidId: expect.any(String),
      counts: { lots: 4, members: 19, offers: 142 },
    });
  });

  it('refuses an invalid file with each problem and its path, exit code 2, nothing written', async () => {
    const file = exampleScenario();
    at(file.offers as Record<string, unknown>[], 7).org = 'inconnue';
    const target = path.join(folder, 'invalide.json');
    writeFileSync(target, JSON.stringify(file));
    const before = await bidTableCounts(dataSource);

    const run = cordage(['import', target]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('offers[7].org : organisation inconnue inconnue');
    expect(await bidTableCounts(dataSource)).toEqual(before);
  });

  it('says so when the file is not JSON', () => {
    const target = path.join(folder, 'tronque.json');
    writeFileSync(target, '{ "format": ');
    const run = cordage(['import', target]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/JSON invalide/);
  });

  it('refuses to start on a bad environment with the variable named, exit code 78', () => {
    const run = cordage(['import', exampleScenarioFile()], { DATABASE_URL: 'not a url' });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('Configuration invalide');
    expect(run.stderr).toContain('DATABASE_URL (valeur "not a url")');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('prints a working login link for an existing user, and records it in the audit log', async () => {
    const [user] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO users (email, display_name) VALUES ('support@reseau.test', 'Support') RETURNING id`,
    );
    const { id } = required(user, 'the inserted user');
    const run = cordage(['login-link', '--email', 'support@reseau.test']);
    expect(run.status).toBe(0);
    const token = required(
      new URL(run.stdout.trim()).searchParams.get('token'),
      'the token of the printed link',
    );
    // A valid sign-in link of that user: unused, unexpired.
    const valid = await dataSource.query<{ user_id: string }[]>(
      'SELECT user_id FROM login_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()',
      [hashSecret(token)],
    );
    expect(valid).toEqual([{ user_id: id }]);
    const [entry] = await dataSource.query<{ actor: string; action: string }[]>(
      'SELECT actor, action FROM audit_events ORDER BY seq DESC LIMIT 1',
    );
    expect(entry).toEqual({ actor: 'cli', action: 'login_link.issued_by_operator' });
    const unknown = cordage(['login-link', '--email', 'personne@nulle-part.test']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Aucun utilisateur');
  });

  it('prepares the demo idempotently', () => {
    const first = cordage(['demo']);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Candidature exemple importée/);
    expect(first.stdout).toMatch(
      /Lien de connexion du coordinateur \(15 min\) : http:\/\/localhost:3000\/api\/auth\/callback\?token=/,
    );
    const second = cordage(['demo']);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/Candidature exemple déjà présente/);
  });
});
