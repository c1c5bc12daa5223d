import {
  type BidAccessScope,
  Permission,
  decideBid,
  decideJob,
  decideNetwork,
  recordsOrders,
  visibleOfferMembers,
} from './access-policy';
import { type Principal, principalOf } from './principal';

const bid: BidAccessScope = {
  bidId: 'bid-1',
  networkId: 'net-a',
  transparency: 'ALLOCATION_ONLY',
  members: new Map([
    ['member-1', 'org-1'],
    ['member-2', 'org-2'],
    ['member-3', 'org-3'],
    ['member-4', 'org-4'],
  ]),
  subcontractors: new Set(['member-3', 'member-4']),
  departed: new Set(),
};

const user = (grants: Parameters<typeof principalOf>[1], platformAdmin = false): Principal =>
  principalOf({ id: 'u', email: 'u@x.fr', platformAdmin }, grants);
const scope = { networkId: null, organisationId: null, bidId: null };
const coordinator = user([{ ...scope, role: 'COORDINATOR', networkId: 'net-a' }]);
const otherCoordinator = user([{ ...scope, role: 'COORDINATOR', networkId: 'net-b' }]);
const editor = user([{ ...scope, role: 'EDITOR', organisationId: 'org-1' }]);
const signatory = user([{ ...scope, role: 'SIGNATORY', organisationId: 'org-1' }]);
const otherEditor = user([{ ...scope, role: 'EDITOR', organisationId: 'org-2' }]);
const viewer = user([{ ...scope, role: 'VIEWER', bidId: 'bid-1' }]);
const stranger = user([]);
const admin = user([], true);

const outcome = (decision: ReturnType<typeof decideBid>) =>
  decision.allowed ? 'allow' : decision.hidden ? 'hidden' : 'forbidden';

describe('the access policy', () => {
  it.each([
    ['coordinator', coordinator, 'allow', 'allow', 'forbidden', 'allow'],
    ['other network’s coordinator', otherCoordinator, 'hidden', 'hidden', 'hidden', 'hidden'],
    ['editor of the member', editor, 'allow', 'forbidden', 'allow', 'allow'],
    ['signatory of the member', signatory, 'allow', 'forbidden', 'forbidden', 'allow'],
    ['editor of another member', otherEditor, 'allow', 'forbidden', 'forbidden', 'forbidden'],
    ['viewer of the bid', viewer, 'allow', 'forbidden', 'forbidden', 'forbidden'],
    ['stranger', stranger, 'hidden', 'hidden', 'hidden', 'hidden'],
    ['platform admin', admin, 'allow', 'allow', 'forbidden', 'allow'],
  ])(
    '%s: read, manage, edit member-1, read member-1’s offers',
    (_, who, read, manage, edit, offers) => {
      expect(outcome(decideBid(who, Permission.BID_READ, bid))).toBe(read);
      expect(outcome(decideBid(who, Permission.BID_MANAGE, bid))).toBe(manage);
      expect(outcome(decideBid(who, Permission.MEMBER_EDIT, bid, 'member-1'))).toBe(edit);
      expect(outcome(decideBid(who, Permission.MEMBER_OFFERS_READ, bid, 'member-1'))).toBe(offers);
      expect(outcome(decideBid(who, Permission.MEMBER_SIGN, bid, 'member-1'))).toBe(
        who === signatory ? 'allow' : read === 'hidden' ? 'hidden' : 'forbidden',
      );
    },
  );

  it.each([
    ['coordinator', coordinator, 'allow', 'allow'],
    ['other network’s coordinator', otherCoordinator, 'hidden', 'hidden'],
    ['editor of the member', editor, 'allow', 'allow'],
    ['signatory of the member', signatory, 'forbidden', 'allow'],
    ['editor of another member', otherEditor, 'forbidden', 'allow'],
    ['viewer of the bid', viewer, 'forbidden', 'allow'],
    ['stranger', stranger, 'hidden', 'hidden'],
    ['platform admin', admin, 'allow', 'allow'],
  ])('%s: edit and read member-1’s particulars', (_, who, edit, read) => {
    expect(outcome(decideBid(who, Permission.MEMBER_PARTICULARS_EDIT, bid, 'member-1'))).toBe(edit);
    expect(outcome(decideBid(who, Permission.MEMBER_READ, bid, 'member-1'))).toBe(read);
    expect(outcome(decideBid(coordinator, Permission.MEMBER_READ, bid, 'member-9'))).toBe('hidden');
  });

  it('hides members that are not in the bid, and names what is hidden', () => {
    expect(decideBid(editor, Permission.MEMBER_EDIT, bid, 'member-of-another-bid')).toMatchObject({
      allowed: false,
      hidden: true,
      object: 'member',
    });
    expect(decideBid(stranger, Permission.BID_READ, bid)).toMatchObject({
      hidden: true,
      object: 'bid',
    });
  });

  it('shares offers with every member only when the bid is open', () => {
    expect(visibleOfferMembers(otherEditor, bid)).toEqual(['member-2']);
    expect(visibleOfferMembers(coordinator, bid)).toBe('ALL');
    expect(visibleOfferMembers(otherEditor, { ...bid, transparency: 'OPEN' })).toBe('ALL');
    expect(
      outcome(
        decideBid(
          otherEditor,
          Permission.MEMBER_OFFERS_READ,
          { ...bid, transparency: 'OPEN' },
          'member-1',
        ),
      ),
    ).toBe('allow');
  });

  it('shares no other member’s figures with a member that left, even when the bid is open', () => {
    const open: BidAccessScope = { ...bid, transparency: 'OPEN', departed: new Set(['member-2']) };
    expect(visibleOfferMembers(otherEditor, open)).toEqual(['member-2']);
    expect(outcome(decideBid(otherEditor, Permission.MEMBER_OFFERS_READ, open, 'member-1'))).toBe(
      'forbidden',
    );
    expect(outcome(decideBid(otherEditor, Permission.MEMBER_OFFERS_READ, open, 'member-2'))).toBe(
      'allow',
    );
    // It still sees the bid: its own lines, its signed convention.
    expect(outcome(decideBid(otherEditor, Permission.BID_READ, open))).toBe('allow');
    // The others, the coordinators and the bid's viewers read as before.
    expect(visibleOfferMembers(editor, open)).toBe('ALL');
    expect(visibleOfferMembers(coordinator, open)).toBe('ALL');
    expect(visibleOfferMembers(viewer, open)).toBe('ALL');
  });

  it('lets only a network’s coordinators create its bids', () => {
    expect(decideNetwork(coordinator, Permission.NETWORK_CREATE_BID, 'net-a').allowed).toBe(true);
    expect(decideNetwork(otherCoordinator, Permission.NETWORK_CREATE_BID, 'net-a')).toMatchObject({
      hidden: true,
    });
    expect(
      decideNetwork(
        user([{ ...scope, role: 'VIEWER', networkId: 'net-a' }]),
        Permission.NETWORK_CREATE_BID,
        'net-a',
      ),
    ).toMatchObject({ allowed: false, hidden: false });
  });

  it('lets a job be followed by whoever started it and by its network’s coordinators', () => {
    const job = { requestedBy: 'someone', networkId: 'net-a' };
    expect(decideJob(coordinator, job).allowed).toBe(true);
    expect(decideJob({ ...stranger, userId: 'someone' }, job).allowed).toBe(true);
    expect(decideJob(otherCoordinator, job)).toMatchObject({ hidden: true, object: 'job' });
  });
});

describe('the subcontracting tier', () => {
  const subcontractorEditor = user([{ ...scope, role: 'EDITOR', organisationId: 'org-3' }]);
  const outcomeOf = (who: Principal, permission: Permission, memberId: string) =>
    outcome(decideBid(who, permission, bid, memberId));

  it('gives a subcontractor’s people nothing of the bid', () => {
    expect(outcomeOf(subcontractorEditor, Permission.BID_READ, 'member-1')).toBe('hidden');
    expect(outcomeOf(subcontractorEditor, Permission.MEMBER_READ, 'member-1')).toBe('hidden');
    expect(outcomeOf(subcontractorEditor, Permission.MEMBER_EDIT, 'member-3')).toBe('hidden');
  });

  it('lets them act for their own organisation only', () => {
    expect(outcomeOf(subcontractorEditor, Permission.SUBCONTRACTOR_EDIT, 'member-3')).toBe('allow');
    expect(outcomeOf(subcontractorEditor, Permission.SUBCONTRACTOR_EDIT, 'member-4')).toBe(
      'forbidden',
    );
    // A co-contractor is no subcontractor of the route.
    expect(outcomeOf(subcontractorEditor, Permission.SUBCONTRACTOR_EDIT, 'member-1')).toBe(
      'hidden',
    );
    expect(outcomeOf(editor, Permission.SUBCONTRACTOR_EDIT, 'member-3')).toBe('forbidden');
    expect(outcomeOf(coordinator, Permission.SUBCONTRACTOR_EDIT, 'member-3')).toBe('forbidden');
    expect(outcomeOf(stranger, Permission.SUBCONTRACTOR_EDIT, 'member-3')).toBe('hidden');
    expect(outcomeOf(otherCoordinator, Permission.SUBCONTRACTOR_EDIT, 'member-3')).toBe('hidden');
  });

  it('lets a principal’s editors and the coordinators manage its subcontractors', () => {
    expect(outcomeOf(editor, Permission.MEMBER_SUBCONTRACTS_MANAGE, 'member-1')).toBe('allow');
    expect(outcomeOf(coordinator, Permission.MEMBER_SUBCONTRACTS_MANAGE, 'member-1')).toBe('allow');
    expect(outcomeOf(otherEditor, Permission.MEMBER_SUBCONTRACTS_MANAGE, 'member-1')).toBe(
      'forbidden',
    );
    expect(outcomeOf(viewer, Permission.MEMBER_SUBCONTRACTS_MANAGE, 'member-1')).toBe('forbidden');
    expect(outcomeOf(coordinator, Permission.MEMBER_SUBCONTRACTS_MANAGE, 'member-3')).toBe(
      'hidden',
    );
    expect(outcomeOf(subcontractorEditor, Permission.MEMBER_SUBCONTRACTS_MANAGE, 'member-1')).toBe(
      'hidden',
    );
  });

  it('lets the coordinators and the mandataire’s editors record orders, while it is still in', () => {
    const mandataire = { organisationId: 'org-1', status: 'SIGNED' as const };
    const left = { organisationId: 'org-1', status: 'WITHDRAWN' as const };
    expect(recordsOrders(editor, bid, mandataire)).toBe(true);
    expect(recordsOrders(otherEditor, bid, mandataire)).toBe(false);
    expect(recordsOrders(signatory, bid, mandataire)).toBe(false);
    expect(recordsOrders(editor, bid, left)).toBe(false);
    expect(recordsOrders(coordinator, bid, left)).toBe(true);
    expect(recordsOrders(otherCoordinator, bid, null)).toBe(false);
  });
});
