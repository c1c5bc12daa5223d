// `cordage allocate` as a user runs it: its own process, no database, no Redis, no .env.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCordage } from '@cordage/testing';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const EXAMPLE = path.join(REPO_ROOT, 'examples', 'colleges-93.json');

describe('cordage allocate', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'cordage-allocate-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('writes the same bytes for the same file, run after run', () => {
    const first = path.join(folder, 'first.json');
    const second = path.join(folder, 'second.json');
    const run = runCordage(['allocate', EXAMPLE, '--out', first]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Répartition écrite dans ${first}`);
    expect(runCordage(['allocate', EXAMPLE, '--out', second]).status).toBe(0);

    const bytes = readFileSync(first);
    expect(readFileSync(second).equals(bytes)).toBe(true);
    const result = JSON.parse(bytes.toString('utf8'));
    expect(Object.keys(result)).toEqual([
      'lines',
      'members',
      'uncovered',
      'optima',
      'rules',
      'warnings',
      'explanations',
    ]);
    expect(result.optima.coverage).toBe(3500);
  });

  it('writes the three stage models as LP files with --emit-lp', () => {
    const models = path.join(folder, 'models');
    const out = path.join(folder, 'result.json');
    expect(runCordage(['allocate', EXAMPLE, '--out', out, '--emit-lp', models]).status).toBe(0);
    expect(readdirSync(models).sort()).toEqual(['stage1.lp', 'stage2.lp', 'stage3.lp']);
    const stage3 = readFileSync(path.join(models, 'stage3.lp'), 'utf8');
    expect(stage3).toMatch(/^Maximize\n obj: u\nSubject To\n/m);
    expect(stage3.trimEnd().endsWith('End')).toBe(true);
  });

  it('refuses a bad file with every problem and its place, and writes nothing', () => {
    const scenario = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    scenario.offers[3].hours = -10;
    scenario.tender.lots[0].amountCents = 100.5;
    const bad = path.join(folder, 'bad.json');
    writeFileSync(bad, JSON.stringify(scenario));
    const out = path.join(folder, 'result.json');

    const run = runCordage(['allocate', bad, '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'Le fichier de scénario contient 2 erreurs ; rien n’a été calculé.',
    );
    expect(run.stderr).toContain('tender.lots[0].amountCents : un montant s’écrit en centimes');
    expect(run.stderr).toContain('offers[3].hours : ');
    expect(existsSync(out)).toBe(false);
  });
});
