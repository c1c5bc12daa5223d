import { ScenarioImporter } from '@cordage/application';
import { Permission, decideBid, hashSecret, newSecret, required } from '@cordage/domain';
import { clearData, exampleScenario, testPersistence } from '@cordage/testing';
import { AccessRepository } from './access.repository';
import { AuthRepository } from './auth.repository';
import { BidReadRepository } from './bid-read.repository';

const HOUR = 3_600_000;

describe('AccessRepository.sessionAccess on Postgres: the session, its user and the bid in one query', () => {
  const persistence = testPersistence();
  let access: AccessRepository;
  let auth: AuthRepository;
  let networkId: string;
  let otherNetworkId: string;
  let bidId: string;
  let otherBidId: string;

  beforeAll(async () => {
    access = persistence.get(AccessRepository);
    auth = persistence.get(AuthRepository);
    await clearData(persistence.dataSource);
    networkId = await access.ensureNetwork('Réseau A');
    otherNetworkId = await access.ensureNetwork('Réseau B');
    const importer = persistence.get(ScenarioImporter);
    const actor = { userId: null, label: 'test', requestId: null };
    ({ bidId } = await importer.import(exampleScenario({ reference: 'A' }), { networkId, actor }));
    ({ bidId: otherBidId } = await importer.import(exampleScenario({ reference: 'B' }), {
      networkId: otherNetworkId,
      actor,
    }));
  }, 60_000);

  /** A user holding `grants`, signed in: the session's token in clear. */
  async function signedIn(
    email: string,
    grant: (userId: string) => Promise<void> = async () => {},
    expiresAt = new Date(Date.now() + HOUR),
  ): Promise<{ token: string; userId: string; sessionId: string }> {
    const user = await access.ensureUser(email, email);
    await grant(user.id);
    const token = newSecret();
    const session = await auth.createSession({
      userId: user.id,
      tokenHash: hashSecret(token),
      csrfToken: newSecret(),
      ip: null,
      userAgent: null,
      expiresAt,
    });
    return { token, userId: user.id, sessionId: session.id };
  }

  it('gives the open session, the principal of its grants and the bid’s members', async () => {
    const { token, userId, sessionId } = await signedIn('coord@a.test', (id) =>
      access.grant(id, 'COORDINATOR', { networkId }),
    );
    const found = required(await access.sessionAccess(hashSecret(token), bidId), 'the access');

    expect(found.session).toMatchObject({ id: sessionId, userId, revokedAt: null });
    expect(found.session.expiresAt).toBeInstanceOf(Date);
    expect(found.principal).toEqual(await access.principal(userId));
    expect(found.bid).toEqual(await access.bidScope(bidId));
    expect(found.bid?.members.size).toBeGreaterThan(0);
    expect(found.bidRevision).toBe(await persistence.get(BidReadRepository).revision(bidId));
    expect(found.bidRevision).not.toBeNull();
    expect(decideBid(found.principal, Permission.BID_READ, required(found.bid, 'bid'))).toEqual({
      allowed: true,
    });
  });

  it('reads no bid when none is asked, or the one asked does not exist', async () => {
    const { token } = await signedIn('viewer@a.test');
    expect(await access.sessionAccess(hashSecret(token), null)).toMatchObject({
      bid: null,
      bidRevision: null,
    });
    const unknown = await access.sessionAccess(
      hashSecret(token),
      '00000000-0000-4000-8000-000000000000',
    );
    expect(unknown?.principal.email).toBe('viewer@a.test');
    expect(unknown?.bid).toBeNull();
  });

  it('gives another network’s bid as it is, which the policy then hides', async () => {
    const { token } = await signedIn('coord@b.test', (id) =>
      access.grant(id, 'COORDINATOR', { networkId: otherNetworkId }),
    );
    const found = required(await access.sessionAccess(hashSecret(token), bidId), 'the access');
    expect(found.bid?.networkId).toBe(networkId);
    expect(decideBid(found.principal, Permission.BID_READ, required(found.bid, 'bid'))).toEqual(
      expect.objectContaining({ allowed: false, hidden: true }),
    );
    const own = await access.sessionAccess(hashSecret(token), otherBidId);
    expect(decideBid(found.principal, Permission.BID_READ, required(own?.bid, 'bid'))).toEqual({
      allowed: true,
    });
  });

  it('gives nothing for a revoked session, an expired one or an unknown token', async () => {
    const revoked = await signedIn('revoked@a.test', (id) =>
      access.grant(id, 'COORDINATOR', { networkId }),
    );
    await auth.revokeSession(revoked.sessionId);
    expect(await access.sessionAccess(hashSecret(revoked.token), bidId)).toBeNull();

    const expired = await signedIn(
      'expired@a.test',
      (id) => access.grant(id, 'COORDINATOR', { networkId }),
      new Date(Date.now() - 1_000),
    );
    expect(await access.sessionAccess(hashSecret(expired.token), bidId)).toBeNull();

    expect(await access.sessionAccess(hashSecret(newSecret()), bidId)).toBeNull();
  });

  it('sees a sign-out everywhere at once: every session of the user ends', async () => {
    const first = await signedIn('twice@a.test');
    const second = await signedIn('twice@a.test');
    expect(await access.sessionAccess(hashSecret(second.token), null)).not.toBeNull();
    await auth.revokeAllSessions(first.userId);
    expect(await access.sessionAccess(hashSecret(first.token), null)).toBeNull();
    expect(await access.sessionAccess(hashSecret(second.token), null)).toBeNull();
  });
});
