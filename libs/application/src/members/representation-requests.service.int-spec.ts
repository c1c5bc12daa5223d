import { type Actor, DomainErrorCode, type Principal } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { clearData, importTestBid, refusedWith, testPersistence } from '@cordage/testing';
import { ApplicationModule } from '../application.module';
import { AccessService } from './access.service';
import { MembershipService } from './membership.service';
import { RepresentationRequestsService } from './representation-requests.service';

describe('RepresentationRequestsService on Postgres', () => {
  const context = testPersistence({ imports: [ApplicationModule] });
  let requests: RepresentationRequestsService;
  let organisationId: string;
  let requestId: string;
  let requester: string;
  let representative: Principal;
  let bidId: string;

  const principalOf = async (userId: string) => {
    const principal = await context.get(AccessRepository).principal(userId);
    if (!principal) throw new Error(`no user ${userId}`);
    return principal;
  };
  const actorOf = (principal: Principal): Actor => ({
    userId: principal.userId,
    label: principal.email,
    requestId: null,
  });
  const auditOf = (entityId: string) =>
    context.dataSource.query<
      { actor: string; action: string; bid_id: string | null; before: unknown; after: unknown }[]
    >(
      'SELECT actor, action, bid_id, before, after FROM audit_events WHERE entity_id = $1 ORDER BY seq',
      [entityId],
    );
  const rolesOf = async (userId: string) =>
    (
      await context.dataSource.query<{ role: string }[]>(
        'SELECT role FROM role_assignments WHERE user_id = $1 AND organisation_id = $2 ORDER BY role',
        [userId, organisationId],
      )
    ).map((row) => row.role);

  beforeAll(() => {
    requests = context.get(RepresentationRequestsService);
  });
  beforeEach(async () => {
    await clearData(context.dataSource);
    const access = context.get(AccessService);
    ({ bidId } = await importTestBid(context));
    const [member] = await context.dataSource.query<
      { id: string; organisation_id: string; id_value: string }[]
    >(
      `SELECT m.id, m.organisation_id, o.id_value FROM members m JOIN organisations o ON o.id = m.organisation_id
       WHERE m.bid_id = $1 AND m.key = 'org-002'`,
      [bidId],
    );
    if (!member) throw new Error('the example has org-002');
    organisationId = member.organisation_id;
    const direction = await access.ensureUser('direction@org-002.test', 'Direction', [
      { role: 'EDITOR', organisationId },
    ]);
    representative = await principalOf(direction.id);
    // The organisation leaves this bid, then is invited again at another person's address.
    await context.dataSource.query('DELETE FROM members WHERE id = $1', [member.id]);
    const invited = await context
      .get(MembershipService)
      .invite(
        bidId,
        { email: 'nouvelle@org-002.test', idScheme: 'SIRET', id: member.id_value, signatory: true },
        { userId: null, label: 'coordination', requestId: null },
        { ttlMs: 3600_000 },
      );
    if (!invited.representationRequest) throw new Error('the organisation was represented');
    requestId = invited.representationRequest.id;
    requester = invited.user.id;
  });

  it('confirms once: the roles asked are granted and the decision is audited', async () => {
    const view = await requests.decide(
      requestId,
      'CONFIRMED',
      representative,
      actorOf(representative),
    );

    expect({ status: view.status, decidedAs: view.decidedAs, roles: view.roles }).toEqual({
      status: 'CONFIRMED',
      decidedAs: 'REPRESENTATIVE',
      roles: ['EDITOR', 'SIGNATORY'],
    });
    expect(await rolesOf(requester)).toEqual(['EDITOR', 'SIGNATORY']);
    expect(await auditOf(requestId)).toEqual([
      {
        actor: 'coordination',
        action: 'representation.requested',
        bid_id: bidId,
        before: null,
        after: { organisationId, userId: requester, roles: ['EDITOR', 'SIGNATORY'] },
      },
      {
        actor: 'direction@org-002.test',
        action: 'representation.confirmed',
        bid_id: bidId,
        before: { status: 'PENDING' },
        after: {
          status: 'CONFIRMED',
          decidedAs: 'REPRESENTATIVE',
          organisationId,
          userId: requester,
          roles: ['EDITOR', 'SIGNATORY'],
        },
      },
    ]);
    // Decided once: a second decision changes nothing.
    expect(
      await refusedWith(
        requests.decide(requestId, 'REFUSED', representative, actorOf(representative)),
      ),
    ).toMatchObject({
      code: DomainErrorCode.INVALID_TRANSITION,
      message: 'Cette demande a déjà été confirmée.',
    });
    expect(await rolesOf(requester)).toEqual(['EDITOR', 'SIGNATORY']);
    expect(await auditOf(requestId)).toHaveLength(2);
  });

  it('refuses (revokes the request): nothing is granted, and it is audited', async () => {
    const view = await requests.decide(
      requestId,
      'REFUSED',
      representative,
      actorOf(representative),
    );

    expect(view.status).toBe('REFUSED');
    expect(await rolesOf(requester)).toEqual([]);
    expect((await auditOf(requestId)).at(-1)).toEqual({
      actor: 'direction@org-002.test',
      action: 'representation.refused',
      bid_id: bidId,
      before: { status: 'PENDING' },
      after: {
        status: 'REFUSED',
        decidedAs: 'REPRESENTATIVE',
        organisationId,
        userId: requester,
        roles: ['EDITOR', 'SIGNATORY'],
      },
    });
  });

  it('lets neither the person who asks nor a stranger decide', async () => {
    const self = await principalOf(requester);
    expect(
      await refusedWith(requests.decide(requestId, 'CONFIRMED', self, actorOf(self))),
    ).toMatchObject({
      code: DomainErrorCode.FORBIDDEN,
      message: 'Accès refusé : vous ne pouvez pas décider de votre propre demande.',
    });
    const strangerUser = await context.get(AccessService).ensureUser('x@ailleurs.test', 'X');
    const stranger = await principalOf(strangerUser.id);
    expect(
      await refusedWith(requests.decide(requestId, 'CONFIRMED', stranger, actorOf(stranger))),
    ).toMatchObject({
      code: DomainErrorCode.NOT_FOUND,
      message: 'Demande introuvable.',
    });
    expect(await rolesOf(requester)).toEqual([]);
    expect((await auditOf(requestId)).map((entry) => entry.action)).toEqual([
      'representation.requested',
    ]);
  });
});
