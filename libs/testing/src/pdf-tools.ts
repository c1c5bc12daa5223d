import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { at } from '@cordage/domain';
import { REPO_ROOT } from './test-env';

/** Poppler and qpdf run on the real files: what a reader's tools see, not what pdfkit meant. */
export class PdfFile {
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'cordage-pdf-'));
  readonly file: string;

  constructor(readonly bytes: Buffer) {
    this.file = path.join(this.dir, 'document.pdf');
    writeFileSync(this.file, bytes);
  }

  /** pdftotext's reading order; `pages` limits it to [first, last]. */
  text(pages?: [number, number]): string {
    const range = pages ? ['-f', String(pages[0]), '-l', String(pages[1])] : [];
    return execFileSync('pdftotext', ['-enc', 'UTF-8', ...range, this.file, '-'], {
      encoding: 'utf8',
    });
  }

  pageCount(): number {
    const info = execFileSync('pdfinfo', [this.file], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
  }

  info(): string {
    return execFileSync('pdfinfo', [this.file], { encoding: 'utf8' });
  }

  /** pdffonts' rows: name and whether the font is embedded. */
  fonts(): { name: string; embedded: boolean }[] {
    const out = execFileSync('pdffonts', [this.file], { encoding: 'utf8' });
    return out
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const columns = line.trim().split(/\s+/);
        // name type... encoding emb sub uni object ID: emb is the sixth field from the end.
        return { name: at(columns, 0), embedded: columns[columns.length - 5] === 'yes' };
      });
  }

  /** pdfsig's report of every signature (it exits 0 even on a digest mismatch: read it). */
  pdfsig(): string {
    const run = spawnSync('pdfsig', ['-nocert', this.file], { encoding: 'utf8' });
    return run.stdout + run.stderr;
  }

  qpdfCheck(): { status: number | null; output: string } {
    const run = spawnSync('qpdf', ['--check', this.file], { encoding: 'utf8' });
    return { status: run.status, output: run.stdout + run.stderr };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Text compared the way a reader sees it, on both sides of every comparison: pdftotext writes
 * the no-break and narrow no-break spaces of the French figures as plain spaces (the file maps
 * them to U+00A0 and U+202F, as a test checks on the ToUnicode maps), and it drops the hyphen of
 * a word split at a line end ("Saint-" + "Étienne" -> "SaintÉtienne"). So whitespace runs become
 * one space and hyphens are dropped; digits, commas, signs and letters are compared as printed.
 */
export function normalise(text: string): string {
  return text
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/-\s?/g, '')
    .trim();
}

/**
 * The shared checker of signed PDFs (pdfsig, qpdf, openssl): shared/tools beside the repository
 * holds the reference copy; tools/ keeps one for a clone that stands alone (as examples/ does).
 */
const SHARED_VERIFY_TOOL = path.resolve(
  REPO_ROOT,
  '..',
  'shared',
  'tools',
  'verify-pdf-signatures',
);
export const VERIFY_TOOL = existsSync(SHARED_VERIFY_TOOL)
  ? SHARED_VERIFY_TOOL
  : path.join(REPO_ROOT, 'tools', 'verify-pdf-signatures');

/** Runs the shared checker; its absence fails the test, never skips it. */
export function verifyWithSharedTool(
  pdfPath: string,
  caPath: string,
  expect: number,
): { status: number | null; output: string } {
  if (!existsSync(VERIFY_TOOL)) {
    throw new Error(`The shared checker is missing: ${VERIFY_TOOL} (from shared/tools).`);
  }
  const run = spawnSync(VERIFY_TOOL, [pdfPath, caPath, '--expect', String(expect)], {
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
