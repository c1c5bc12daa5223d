// Benchmarks that cannot rot: each `npm run bench:*` runs at its smallest size (--size=xs) in its
// own process, as a person runs it, and must finish and print its comparison with its baseline.
// Its figures are not judged here (a loaded machine makes any time meaningless); the full sizes
// stay manual.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { REPO_ROOT } from '@cordage/testing';

/** The line each bench prints to compare itself with its baseline, measured in the same run. */
const RATIO_LINES: Record<string, RegExp> = {
  'bench:api': /^bid, coordinator\s+\d+\s+\d+\s+\d+\s+\d+ %/m,
  'bench:allocation': /^\s*XS\s+\d+\.\d+ s\s.*\s\d+\.\dx\s+equal/m,
  'bench:documents': /^\s*ratio convention \/ baseline\s+\d+\.\d+x$/m,
  'bench:import': /^\s*ratio baseline \/ cordage: total \d+\.\dx, write \d+\.\dx$/m,
  'bench:signing': /; ratio \d+\.\d+ \(target < 2\)/,
  'bench:realised':
    /^\s*ratio baseline \/ cordage: bid \d+\.\dx, lot \d+\.\dx, member \d+\.\dx, cells \d+\.\dx, import \d+\.\dx$/m,
  'bench:reports': /^\s*ratio cordage \/ baseline: xlsx \d+\.\dx, pdf \d+\.\dx$/m,
  'bench:territories': /^saint\s+\d+\.\d\s+\d+\.\d\s+\d+\.\d+x$/m,
};

const scripts = Object.keys(
  (JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as { scripts: object }).scripts,
).filter((name) => name.startsWith('bench:'));

function runBench(script: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', '--size=xs'], {
      cwd: REPO_ROOT,
      env: process.env,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the benchmarks, at their smallest size', () => {
  it('names the ratio line of every bench:* script of package.json', () => {
    expect(Object.keys(RATIO_LINES).sort()).toEqual([...scripts].sort());
  });

  it.each(scripts)('%s runs to the end and prints its ratio', async (script) => {
    const { code, output } = await runBench(script);
    if (code !== 0) throw new Error(`${script} exited with ${code}:\n${output}`);
    expect(output).toMatch(RATIO_LINES[script] ?? /(?!)/);
  });
});
