import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './test-env';

// examples/ ships the demo bid with the repository; shared/ (beside it, when present) holds the
// reference copy. A change there must reach the copy, or the demo and the tests drift apart.
const SHARED = path.resolve(REPO_ROOT, '..', 'shared', 'scenarios');
const names = ['colleges-93.json', 'colleges-93.expected.json'];

(existsSync(SHARED) ? describe : describe.skip)('examples/ copies of shared/scenarios', () => {
  it.each(names)('%s has the same content', (name) => {
    const read = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
    expect(read(path.join(REPO_ROOT, 'examples', name))).toEqual(read(path.join(SHARED, name)));
  });
});

const SHARED_TOOL = path.resolve(REPO_ROOT, '..', 'shared', 'tools', 'verify-pdf-signatures');

(existsSync(SHARED_TOOL) ? describe : describe.skip)('tools/ copy of shared/tools', () => {
  it('verify-pdf-signatures has the same content', () => {
    const own = readFileSync(path.join(REPO_ROOT, 'tools', 'verify-pdf-signatures'), 'utf8');
    expect(own).toBe(readFileSync(SHARED_TOOL, 'utf8'));
  });
});
