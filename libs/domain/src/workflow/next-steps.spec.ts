import { type BidStanding, type MemberStanding, nextSteps } from './next-steps';

const member = (change: Partial<MemberStanding> = {}): MemberStanding => ({
  memberId: 'm1',
  status: 'ACCEPTED',
  editing: true,
  signing: true,
  declared: false,
  charterAccepted: false,
  voted: false,
  signed: false,
  ...change,
});
const bid = (change: Partial<BidStanding> = {}): BidStanding => ({
  bidId: 'b1',
  reference: 'REF',
  status: 'COLLECTING',
  coordinates: false,
  charterRequired: true,
  vote: null,
  changeRequest: null,
  members: [member()],
  ...change,
});
const codes = (standing: BidStanding) => nextSteps(standing).map((step) => step.code);

describe('what a person must do next', () => {
  it('leads a member’s editor through the invitation, the charter and the declaration', () => {
    expect(codes(bid({ members: [member({ status: 'INVITED' })] }))).toEqual(['ACCEPT_INVITATION']);
    expect(codes(bid())).toEqual(['ACCEPT_CHARTER']);
    expect(codes(bid({ members: [member({ charterAccepted: true })] }))).toEqual([
      'DECLARE_CAPACITY',
    ]);
    expect(codes(bid({ charterRequired: false, members: [member({ declared: true })] }))).toEqual(
      [],
    );
  });

  it('asks for a vote while one is open and not cast, and for a signature while signing', () => {
    expect(codes(bid({ status: 'PROPOSED', vote: 'PENDING' }))).toEqual(['VOTE']);
    expect(
      codes(bid({ status: 'PROPOSED', vote: 'PENDING', members: [member({ voted: true })] })),
    ).toEqual([]);
    expect(codes(bid({ status: 'SIGNING' }))).toEqual(['SIGN']);
    expect(codes(bid({ status: 'SIGNING', members: [member({ signed: true })] }))).toEqual([]);
    const amendment = nextSteps(bid({ status: 'AWARDED', changeRequest: 'AMENDMENT_SIGNING' }));
    expect(amendment[0]).toMatchObject({ code: 'SIGN', text: expect.stringMatching(/avenant/) });
  });

  it('tells a coordinator the bid’s next move', () => {
    const coordinator = (change: Partial<BidStanding>) =>
      codes(bid({ coordinates: true, members: [], ...change }));
    expect(coordinator({ status: 'DRAFT' })).toEqual(['OPEN_CAPACITY_CALL']);
    expect(coordinator({ status: 'PROPOSED', vote: 'REJECTED' })).toEqual(['REVISE_ALLOCATION']);
    expect(coordinator({ status: 'PROPOSED', vote: 'PENDING' })).toEqual([]);
    expect(coordinator({ status: 'AGREED' })).toEqual(['OPEN_SIGNING']);
    expect(coordinator({ status: 'AWARDED', changeRequest: 'OPEN' })).toEqual([
      'CARRY_CHANGE_REQUEST',
    ]);
    expect(coordinator({ status: 'LOST' })).toEqual([]);
  });

  it('asks nothing of a member that left', () => {
    expect(codes(bid({ members: [member({ status: 'WITHDRAWN' })] }))).toEqual([]);
  });
});
