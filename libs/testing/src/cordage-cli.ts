import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './test-env';

/**
 * `cordage …` as a user runs it: its own process from the repository's root, with only what
 * finding programs needs in its environment (no DATABASE_URL, no REDIS_URL).
 */
export function runCordage(args: string[]): {
  status: number | null;
  stdout: string;
  stderr: string;
} {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'cordage.js'), ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
