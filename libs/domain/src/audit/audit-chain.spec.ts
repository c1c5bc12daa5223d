import {
  type AuditEntry,
  type ChainedEntry,
  GENESIS_HASH,
  canonicalJson,
  chainHash,
  nextChainedEntry,
  verifyChain,
} from './audit-chain';

const entry = (seq: number, after: unknown = { n: seq }): AuditEntry => ({
  seq: String(seq),
  occurredAt: `2026-11-22T10:00:0${seq}.000Z`,
  actorUserId: null,
  actor: 'cli',
  action: 'test',
  entityType: 'test',
  entityId: null,
  bidId: null,
  before: null,
  after,
  requestId: null,
});

function chain(entries: AuditEntry[]): ChainedEntry[] {
  let prevHash = GENESIS_HASH;
  return entries.map((e) => {
    const hash = chainHash(prevHash, e);
    const chained = { ...e, prevHash, hash };
    prevHash = hash;
    return chained;
  });
}

describe('the audit chain', () => {
  it('hashes content, not key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(chainHash(GENESIS_HASH, entry(1, { a: 1, b: 2 }))).toBe(
      chainHash(GENESIS_HASH, entry(1, { b: 2, a: 1 })),
    );
  });

  it('verifies an intact chain and points at the first broken entry', () => {
    const entries = chain([1, 2, 3, 4].map((n) => entry(n)));
    expect(verifyChain(entries)).toMatchObject({ ok: true, checked: 4 });
    const edited = entries.map((e) => (e.seq === '3' ? { ...e, after: { n: 99 } } : e));
    expect(verifyChain(edited)).toMatchObject({
      ok: false,
      brokenAt: '3',
      checked: 2,
      reason: 'le contenu a été modifié',
    });
    const removed = entries.filter((e) => e.seq !== '2');
    expect(verifyChain(removed)).toMatchObject({
      ok: false,
      brokenAt: '3',
      reason: 'entrée 2 manquante',
    });
    const relinked = chain([entry(1), entry(2), entry(3)]).map((e) =>
      e.seq === '2' ? { ...e, prevHash: GENESIS_HASH } : e,
    );
    expect(verifyChain(relinked)).toMatchObject({ ok: false, brokenAt: '2' });
  });
});

describe('nextChainedEntry', () => {
  const actor = { userId: 'u-1', label: 'a@b.test', requestId: 'r-1' };
  const at = new Date(Date.UTC(2026, 11, 6, 12, 0, 0, 123));

  it('starts the chain at seq 1 on the genesis hash, then links each entry to its head', () => {
    const first = nextChainedEntry(null, at, actor, { action: 'a', entityType: 't' });
    expect(first).toMatchObject({ seq: '1', prevHash: GENESIS_HASH, entityId: null, before: null });
    const second = nextChainedEntry(first, at, actor, {
      action: 'b',
      entityType: 't',
      after: { when: at, gone: undefined },
    });
    expect(second).toMatchObject({
      seq: '2',
      prevHash: first.hash,
      after: { when: '2026-12-06T12:00:00.123Z' },
    });
    expect(verifyChain([first, second])).toEqual({ ok: true, checked: 2, lastHash: second.hash });
  });
});
