import {
  type Actor,
  type DeclaredOffer,
  DomainErrorCode,
  Permission,
  decideBid,
} from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import {
  clearData,
  exampleScenario,
  importTestBid,
  refusal,
  siretFor,
  testPersistence,
} from '@cordage/testing';
import { ApplicationModule } from '../application.module';
import { AccessService } from './access.service';
import { MembershipService } from './membership.service';
import { SignInService } from './sign-in.service';

const COORDINATOR: Actor = { userId: null, label: 'coordination', requestId: null };
const LINK = { ttlMs: 7 * 24 * 3600_000 };

describe('MembershipService on Postgres', () => {
  const context = testPersistence({ imports: [ApplicationModule] });
  let membership: MembershipService;
  let bidId: string;
  let networkId: string;

  beforeAll(() => {
    membership = context.get(MembershipService);
  });
  beforeEach(async () => {
    await clearData(context.dataSource);
    ({ bidId, networkId } = await importTestBid(context, exampleScenario(), { collecting: true }));
  });

  const memberOf = async (key: string) => {
    const [member] = await context.dataSource.query<
      { id: string; status: string; organisation_id: string }[]
    >('SELECT id, status, organisation_id FROM members WHERE bid_id = $1 AND key = $2', [
      bidId,
      key,
    ]);
    if (!member) throw new Error(`no member ${key}`);
    return member;
  };
  const offersOf = (memberId: string) =>
    context.dataSource.query<
      { lot: number; territory: string; hours: string; preference: string }[]
    >(
      `SELECT l.number AS lot, t.code AS territory, o.hours, o.preference FROM offers o
       JOIN lot_cells c ON c.id = o.lot_cell_id JOIN lots l ON l.id = c.lot_id
       JOIN territories t ON t.id = c.territory_id WHERE o.member_id = $1 ORDER BY l.number, t.code`,
      [memberId],
    );
  const auditOf = (entityId: string) =>
    context.dataSource.query<{ action: string; before: unknown; after: unknown }[]>(
      'SELECT action, before, after FROM audit_events WHERE entity_id = $1 ORDER BY seq',
      [entityId],
    );
  const inviteNew = (email: string, series: number) =>
    membership.invite(
      bidId,
      {
        email,
        idScheme: 'SIRET',
        id: siretFor(9, series),
        organisation: {
          legalName: `Atelier ${series}`,
          kind: 'ACI',
          employees: 12,
          home: 'COM:93048',
          representative: { name: 'Camille Martin', title: 'Présidente' },
        },
      },
      COORDINATOR,
      LINK,
    );

  describe('declaring offers', () => {
    it('replaces the whole declaration, sets the status and audits before and after', async () => {
      const member = await memberOf('org-001');
      const [first] = await offersOf(member.id);
      if (!first) throw new Error('the example member has offers');
      const declared: DeclaredOffer[] = [
        { lot: first.lot, territory: first.territory, hours: 120, preference: 'PRIMARY' },
      ];
      const before = await offersOf(member.id);

      const saved = await membership.declareOffers(bidId, member.id, declared, COORDINATOR);

      expect(saved).toEqual({ offers: 1, status: 'DATA_COMPLETE', warnings: [] });
      expect(await offersOf(member.id)).toEqual([
        { lot: first.lot, territory: first.territory, hours: '120', preference: 'PRIMARY' },
      ]);
      const entries = await auditOf(member.id);
      expect(entries.at(-1)).toEqual({
        action: 'member.offers_declared',
        before: {
          offers: before.length,
          hours: before.reduce((sum, offer) => sum + Number(offer.hours), 0),
          status: member.status,
        },
        after: { offers: 1, hours: 120, status: 'DATA_COMPLETE' },
      });
    });

    it('refuses them once the bid is past collecting (membership frozen): nothing written', async () => {
      const member = await memberOf('org-001');
      const before = await offersOf(member.id);
      const entries = await auditOf(member.id);
      // The application deadline passed; the bid went on to the allocation.
      await context.dataSource.query(
        `UPDATE tenders SET deadline = now() - interval '1 day'
         WHERE id = (SELECT tender_id FROM bids WHERE id = $1)`,
        [bidId],
      );
      await context.dataSource.query(`UPDATE bids SET status = 'ALLOCATING' WHERE id = $1`, [
        bidId,
      ]);

      expect(
        await refusal(
          membership.declareOffers(
            bidId,
            member.id,
            [{ lot: 1, territory: before[0]?.territory ?? '', hours: 5, preference: 'PRIMARY' }],
            COORDINATOR,
            { insertionHoursMax: 10 },
          ),
        ),
      ).toEqual({ code: DomainErrorCode.WORKFLOW_RULE_VIOLATED, problems: ['BID_STATUS'] });
      expect(await offersOf(member.id)).toEqual(before);
      expect(await auditOf(member.id)).toEqual(entries);
      expect(await memberOf('org-001')).toEqual(member);
    });

    it('lists every offer outside the bid’s cells and writes nothing, limits included', async () => {
      const member = await memberOf('org-001');
      const before = await offersOf(member.id);
      const limitsOf = () =>
        context.dataSource.query(
          'SELECT max_hours, max_revenue_cents FROM member_limits WHERE member_id = $1',
          [member.id],
        );
      const limits = await limitsOf();
      expect(
        await refusal(
          membership.declareOffers(
            bidId,
            member.id,
            [{ lot: 1, territory: 'COM:00000', hours: 5, preference: 'PRIMARY' }],
            COORDINATOR,
            { limits: { maxHours: 10, maxRevenueCents: null } },
          ),
        ),
      ).toEqual({ code: DomainErrorCode.INVALID_INPUT, problems: ['TERRITORY_OUTSIDE_LOT'] });
      expect(await offersOf(member.id)).toEqual(before);
      expect(await limitsOf()).toEqual(limits);
    });
  });

  describe('invitations', () => {
    it('is accepted once: a second acceptance is refused and changes nothing', async () => {
      const invited = await inviteNew('contact@atelier.test', 1);
      await membership.changeStatus(bidId, invited.memberId, 'ACCEPTED', COORDINATOR);

      expect(
        await refusal(membership.changeStatus(bidId, invited.memberId, 'ACCEPTED', COORDINATOR)),
      ).toEqual({ code: DomainErrorCode.INVALID_INPUT, problems: ['INVALID_TRANSITION'] });
      expect((await auditOf(invited.memberId)).map((entry) => entry.action)).toEqual([
        'member.invited',
        'member.accepted',
      ]);
    });

    it('opens one session with its link, once', async () => {
      const invited = await inviteNew('contact@atelier.test', 1);
      const signIn = context.get(SignInService);
      const client = { ip: null, userAgent: null, requestId: null };
      const session = await signIn.openSession(invited.linkToken, client, 3600_000);
      expect(session.userId).toBe(invited.user.id);
      expect(await refusal(signIn.openSession(invited.linkToken, client, 3600_000))).toEqual({
        code: DomainErrorCode.LOGIN_LINK_INVALID,
        problems: [],
      });
    });

    it('cannot hand a represented organisation to a stranger: the roles wait for its people', async () => {
      const represented = await memberOf('org-002');
      const access = context.get(AccessService);
      await access.ensureUser('direction@org-002.test', 'Direction', [
        { role: 'EDITOR', organisationId: represented.organisation_id },
      ]);
      const [organisation] = await context.dataSource.query<{ id_value: string }[]>(
        'SELECT id_value FROM organisations WHERE id = $1',
        [represented.organisation_id],
      );
      // Another bid of the network invites the same organisation, at a stranger's address.
      const other = await importTestBid(context, exampleScenario({ reference: 'AUTRE' }));
      await context.dataSource.query(
        'DELETE FROM members WHERE bid_id = $1 AND organisation_id = $2',
        [other.bidId, represented.organisation_id],
      );
      bidId = other.bidId;
      await context.dataSource.query(`UPDATE bids SET status = 'COLLECTING' WHERE id = $1`, [
        bidId,
      ]);

      const invited = await membership.invite(
        bidId,
        { email: 'intrus@ailleurs.test', idScheme: 'SIRET', id: organisation?.id_value ?? '' },
        COORDINATOR,
        LINK,
      );

      expect(invited.representationRequest).toEqual({
        id: expect.any(String),
        organisation: { id: represented.organisation_id, legalName: expect.any(String) },
        requester: { id: invited.user.id, email: 'intrus@ailleurs.test' },
        roles: ['EDITOR'],
        bid: { id: bidId, reference: 'AUTRE', title: expect.any(String), network: 'Réseau' },
        requestedBy: null,
        status: 'PENDING',
        decidedAs: null,
        createdAt: expect.any(Date),
        decidedAt: null,
      });
      expect(invited.representativeEmails).toEqual(['direction@org-002.test']);
      const stranger = await context.get(AccessRepository).principal(invited.user.id);
      if (!stranger) throw new Error('the invited person is a user');
      expect([...stranger.editorOf]).toEqual([]);
      const scope = await access.bidScope(bidId);
      if (!scope) throw new Error('the bid exists');
      expect(decideBid(stranger, Permission.MEMBER_EDIT, scope, invited.memberId)).toEqual({
        allowed: false,
        hidden: true,
        object: 'bid',
        reason: 'cette candidature ne vous est pas accessible',
      });
    });
  });

  it('refuses to add a member once membership is frozen (R2142-26): nothing written', async () => {
    await context.dataSource.query(
      `UPDATE tenders SET deadline = now() - interval '1 day'
       WHERE id = (SELECT tender_id FROM bids WHERE id = $1)`,
      [bidId],
    );
    const members = await context.dataSource.query('SELECT id FROM members ORDER BY id');
    expect(await refusal(inviteNew('contact@atelier.test', 1))).toEqual({
      code: DomainErrorCode.WORKFLOW_RULE_VIOLATED,
      problems: ['MEMBERSHIP_FROZEN'],
    });
    expect(await context.dataSource.query('SELECT id FROM members ORDER BY id')).toEqual(members);
    expect(
      await context.dataSource.query('SELECT id FROM organisations WHERE legal_name = $1', [
        'Atelier 1',
      ]),
    ).toEqual([]);
  });

  it('keeps what an invitation tells of an organisation in the inviting network’s entry only', async () => {
    await inviteNew('presidente@atelier.test', 2);
    const { bidId: otherBid, networkId: otherNetwork } = await importTestBid(
      context,
      exampleScenario({ reference: 'AUTRE-RESEAU' }),
      { collecting: true, network: 'Autre réseau' },
    );
    const entries = () =>
      context.dataSource.query<
        {
          network_id: string;
          staff: number | null;
          seat: string | null;
          representatives: unknown;
        }[]
      >(
        `SELECT n.network_id, n.staff, t.code AS seat, n.representatives
           FROM network_organisations n JOIN organisations o ON o.id = n.organisation_id
           LEFT JOIN territories t ON t.id = n.home_territory_id
          WHERE o.id_value = $1 ORDER BY n.network_id = $2 DESC`,
        [siretFor(9, 2), networkId],
      );
    // The other network brings it in by its SIRET alone: an entry, none of the first's details.
    await membership.invite(
      otherBid,
      { email: 'contact@autre.test', idScheme: 'SIRET', id: siretFor(9, 2) },
      COORDINATOR,
      LINK,
    );
    const camille = {
      name: 'Camille Martin',
      title: 'Présidente',
      email: 'presidente@atelier.test',
    };
    expect(await entries()).toEqual([
      { network_id: networkId, staff: 12, seat: 'COM:93048', representatives: [camille] },
      { network_id: otherNetwork, staff: null, seat: null, representatives: [] },
    ]);
    // Its details given again by the first network fill nothing it had: what it entered stays.
    await context.dataSource.query(
      `UPDATE network_organisations SET staff = 40 WHERE network_id = $1`,
      [networkId],
    );
    const { bidId: secondBid } = await importTestBid(
      context,
      exampleScenario({ reference: 'SECONDE' }),
      { collecting: true },
    );
    await membership.invite(
      secondBid,
      {
        email: 'autre@atelier.test',
        idScheme: 'SIRET',
        id: siretFor(9, 2),
        organisation: {
          legalName: 'Atelier 2',
          kind: 'ACI',
          employees: 99,
          home: 'COM:93066',
          representative: { name: 'Autre', title: 'Trésorier' },
        },
      },
      COORDINATOR,
      LINK,
    );
    expect((await entries())[0]).toEqual({
      network_id: networkId,
      staff: 40,
      seat: 'COM:93048',
      representatives: [camille],
    });
    expect(
      await context.dataSource.query(
        'SELECT legal_name, kind FROM organisations WHERE id_value = $1',
        [siretFor(9, 2)],
      ),
    ).toEqual([{ legal_name: 'Atelier 2', kind: 'ACI' }]);
  });
});
