import { createHash } from 'node:crypto';

/** Who made a change, as the audit log records it. */
export interface Actor {
  userId: string | null;
  /** Readable: an address, `cli`, `worker`. */
  label: string;
  requestId: string | null;
}

export interface AuditEntry {
  seq: string;
  occurredAt: string;
  actorUserId: string | null;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  bidId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** The hash that precedes the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** hash(n) = SHA-256(hash(n-1) + canonical entry n): changing or removing a row breaks the chain. */
export function chainHash(prevHash: string, entry: AuditEntry): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}

export interface ChainedEntry extends AuditEntry {
  prevHash: string;
  hash: string;
}

export type ChainVerification =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenAt: string; reason: string };

/** Walks the chain from `start` in order; stops at the first entry that does not fit. */
export function verifyChain(
  entries: Iterable<ChainedEntry>,
  start: { prevHash: string; seq: bigint } = { prevHash: GENESIS_HASH, seq: 0n },
): ChainVerification {
  let prevHash = start.prevHash;
  let expectedSeq = start.seq + 1n;
  let checked = 0;
  for (const entry of entries) {
    const { prevHash: storedPrev, hash, ...content } = entry;
    if (BigInt(entry.seq) !== expectedSeq) {
      return { ok: false, checked, brokenAt: entry.seq, reason: `entrée ${expectedSeq} manquante` };
    }
    if (storedPrev !== prevHash) {
      return {
        ok: false,
        checked,
        brokenAt: entry.seq,
        reason: 'le lien avec l’entrée précédente est rompu',
      };
    }
    if (chainHash(prevHash, content) !== hash) {
      return { ok: false, checked, brokenAt: entry.seq, reason: 'le contenu a été modifié' };
    }
    prevHash = hash;
    expectedSeq += 1n;
    checked += 1;
  }
  return { ok: true, checked, lastHash: prevHash };
}

/** A change as a use case reports it to the audit log. */
export interface AuditChange {
  action: string;
  entityType: string;
  entityId?: string | null;
  bidId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** The chain's last entry, as read under the append lock; null before the first entry. */
export interface ChainHead {
  seq: string;
  hash: string;
}

/** The value as jsonb will give it back (dates become strings, undefined disappears). */
function asStoredJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/**
 * The entry that follows `head`: the next seq, linked to the head's hash (or the genesis hash),
 * its content as the database will store it, and its own hash. Pure: the caller must hold the
 * append lock from reading `head` to writing the entry, or two entries could follow one head.
 */
export function nextChainedEntry(
  head: ChainHead | null,
  occurredAt: Date,
  actor: Actor,
  change: AuditChange,
): ChainedEntry {
  const entry: AuditEntry = {
    seq: String(BigInt(head?.seq ?? '0') + 1n),
    // Millisecond precision: what is hashed is exactly what Postgres gives back.
    occurredAt: new Date(occurredAt.getTime()).toISOString(),
    actorUserId: actor.userId,
    actor: actor.label,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId ?? null,
    bidId: change.bidId ?? null,
    before: asStoredJson(change.before),
    after: asStoredJson(change.after),
    requestId: actor.requestId,
  };
  // Stored as given; jsonb normalises key order, so hashes use canonical JSON on both sides.
  const prevHash = head?.hash ?? GENESIS_HASH;
  return { ...entry, prevHash, hash: chainHash(prevHash, entry) };
}
