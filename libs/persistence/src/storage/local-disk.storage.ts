import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentStorage } from '@cordage/domain';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/**
 * Documents in a folder, each file named by its SHA-256 under a two-level fan-out (ab/cd/abcd…),
 * written through a temporary file so that a reader never sees half of one.
 */
export class LocalDiskDocumentStorage implements DocumentStorage {
  constructor(private readonly root: string) {}

  async put(content: Buffer): Promise<{ key: string; sha256: string }> {
    const digest = sha256(content);
    const key = `${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`;
    const file = this.pathOf(key);
    const existing = await stat(file).catch(() => null);
    if (existing?.size === content.length) return { key, sha256: digest };
    await mkdir(path.dirname(file), { recursive: true });
    const partial = `${file}.${randomUUID()}.partial`;
    await writeFile(partial, content);
    await rename(partial, file);
    return { key, sha256: digest };
  }

  async get(key: string): Promise<Buffer> {
    const content = await readFile(this.pathOf(key));
    if (sha256(content) !== path.basename(key)) {
      throw new Error(`stored document ${key} does not match its SHA-256: it was altered`);
    }
    return content;
  }

  private pathOf(key: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new Error(`bad key ${key}`);
    return path.resolve(this.root, key);
  }
}
