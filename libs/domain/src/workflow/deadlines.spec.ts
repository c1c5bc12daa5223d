import { DomainError } from '../errors';
import type { MemberStatus } from '../members';
import {
  assertCapacityDeadline,
  capacityCallCloseJobId,
  membersToRemind,
  reminderJobId,
  reminderSchedule,
} from './deadlines';

const DEADLINE = new Date('2025-03-15T11:00:00Z');
const BID = '0b6f3c52-4d0e-4a8f-9a51-2f7d1b1f0c11';

describe('reminder schedule', () => {
  it('gives each reminder once, in time order, skipping those already past', () => {
    const schedule = reminderSchedule({
      deadline: DEADLINE,
      daysBefore: [1, 7, 3, 7],
      now: new Date('2025-03-10T00:00:00Z'),
    });
    expect(schedule.map((date) => date.toISOString())).toEqual([
      '2025-03-12T11:00:00.000Z',
      '2025-03-14T11:00:00.000Z',
    ]);
  });

  it('keeps a reminder due right now, and gives nothing once the deadline passed', () => {
    const now = new Date('2025-03-14T11:00:00Z');
    expect(reminderSchedule({ deadline: DEADLINE, daysBefore: [1], now })).toEqual([now]);
    expect(
      reminderSchedule({ deadline: DEADLINE, daysBefore: [1, 2], now: new Date('2025-04-01') }),
    ).toEqual([]);
  });

  it.each([0, -1, 1.5, 366, Number.NaN])('refuses %p days before', (days) => {
    expect(() =>
      reminderSchedule({ deadline: DEADLINE, daysBefore: [2, days], now: new Date(0) }),
    ).toThrow(DomainError);
  });
});

describe('reminder job ids', () => {
  const due = new Date('2025-03-14T11:00:00Z');

  it('are the same for the same reminder, so two workers enqueue one job', () => {
    expect(reminderJobId('CAPACITY', BID, due)).toBe(reminderJobId('CAPACITY', BID, new Date(due)));
    expect(reminderJobId('CAPACITY', BID, due)).toBe(`reminder-capacity-${BID}-1741950000000`);
  });

  it('differ by kind, bid and instant, and never contain the colon BullMQ refuses', () => {
    const ids = [
      reminderJobId('CAPACITY', BID, due),
      reminderJobId('SIGNATURE', BID, due),
      reminderJobId('CAPACITY', 'other-bid', due),
      reminderJobId('CAPACITY', BID, DEADLINE),
      capacityCallCloseJobId(BID, DEADLINE),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.join('')).not.toContain(':');
    expect(() => reminderJobId('CAPACITY', 'bid:1', due)).toThrow(RangeError);
  });
});

describe('members to remind', () => {
  const members = (
    ['INVITED', 'ACCEPTED', 'DECLINED', 'DATA_COMPLETE', 'SIGNED', 'WITHDRAWN'] as MemberStatus[]
  ).map((status) => ({ key: status.toLowerCase(), status }));

  it('are, for capacities, those who have not declared yet', () => {
    expect(membersToRemind('CAPACITY', members).map((member) => member.key)).toEqual([
      'invited',
      'accepted',
    ]);
  });

  it('are, for signatures, the parties who have not signed yet', () => {
    expect(membersToRemind('SIGNATURE', members).map((member) => member.key)).toEqual([
      'data_complete',
    ]);
  });
});

describe('the capacity call’s deadline', () => {
  const now = new Date('2025-03-01T09:00:00Z');
  const refusal = (deadline: Date | undefined) => {
    try {
      assertCapacityDeadline(deadline, now, DEADLINE);
    } catch (error) {
      if (error instanceof DomainError) return [error.code, error.problems];
      throw error;
    }
    return null;
  };
  const invalid = [
    'INVALID_INPUT',
    [
      {
        path: 'capacityDeadline',
        code: 'INVALID_DEADLINE',
        message:
          'L’appel à capacités se clôt à une date à venir, au plus tard à la date limite de ' +
          'remise des candidatures.',
      },
    ],
  ];

  it('is a date to come, at the latest the application deadline', () => {
    expect(refusal(new Date('2025-03-10T12:00:00Z'))).toBeNull();
    expect(refusal(DEADLINE)).toBeNull();
  });

  it('is refused when missing, past, now, or after the application deadline', () => {
    expect(refusal(undefined)).toEqual(invalid);
    expect(refusal(new Date('2025-02-28T09:00:00Z'))).toEqual(invalid);
    expect(refusal(now)).toEqual(invalid);
    expect(refusal(new Date(DEADLINE.getTime() + 1))).toEqual(invalid);
  });
});
