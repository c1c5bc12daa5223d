import { type Actor, type BidView, required } from '@cordage/domain';
import { BidReadRepository, BidViewCache } from '@cordage/persistence';
import {
  clearData,
  exampleScenario,
  importTestBid,
  siretFor,
  testPersistence,
} from '@cordage/testing';
import { ApplicationModule } from '../application.module';
import { DirectoryService } from '../directory';
import { CorrigendumService } from '../workflow';
import { BidSettingsService } from './bid-settings.service';
import { MembershipService } from './membership.service';
import { OrganisationParticularsService } from './organisation-particulars.service';

const COORDINATOR: Actor = { userId: null, label: 'coordination', requestId: null };

/**
 * Each kind of write that changes what a bid's read shows, through its use case: the bid gets a
 * new revision at commit, and the kept read (BidViewCache) then gives what Postgres holds now.
 */
describe('The kept bid read follows every write through the use cases (Postgres)', () => {
  const context = testPersistence({ imports: [ApplicationModule] });
  let bidId: string;
  let networkId: string;

  beforeEach(async () => {
    await clearData(context.dataSource);
    ({ bidId, networkId } = await importTestBid(context, exampleScenario(), { collecting: true }));
  });

  const revision = async () =>
    required(await context.get(BidReadRepository).revision(bidId), 'the revision');
  const kept = async () => required(await context.get(BidViewCache).read(bidId), 'the kept read');
  const fresh = async () => required(await context.get(BidReadRepository).findBid(bidId), 'read');
  const memberOf = async (key: string) => {
    const [member] = await context.dataSource.query<{ id: string; organisation_id: string }[]>(
      'SELECT id, organisation_id FROM members WHERE bid_id = $1 AND key = $2',
      [bidId, key],
    );
    return required(member, `the member ${key}`);
  };

  /** Reads (and keeps) the bid, writes, then checks the revision moved and the read followed. */
  async function expectFollowed(write: () => Promise<unknown>): Promise<[BidView, BidView]> {
    const before = await kept();
    const revisionBefore = await revision();
    expect(await kept()).toBe(before); // kept: the same object, not read again
    await write();
    expect(await revision()).not.toBe(revisionBefore);
    const after = await kept();
    expect(after).toEqual(await fresh());
    return [before, after];
  }

  it('offers declared', async () => {
    const member = await memberOf('org-001');
    const [before, after] = await expectFollowed(() =>
      context
        .get(MembershipService)
        .declareOffers(
          bidId,
          member.id,
          [{ lot: 1, territory: 'COM:93066', hours: 321, preference: 'PRIMARY' }],
          COORDINATOR,
        ),
    );
    const offeredBy = (view: BidView) => view.members.find((m) => m.id === member.id);
    expect(offeredBy(after)?.offeredHours).toBe(321);
    expect(offeredBy(before)?.offeredHours).not.toBe(321);
  });

  it('member joined, then left', async () => {
    const membership = context.get(MembershipService);
    let memberId = '';
    const [before, joined] = await expectFollowed(async () => {
      ({ memberId } = await membership.invite(
        bidId,
        {
          email: 'contact@atelier.test',
          idScheme: 'SIRET',
          id: siretFor(9, 1),
          organisation: {
            legalName: 'Atelier 1',
            kind: 'ACI',
            employees: 12,
            home: 'COM:93048',
            representative: { name: 'Camille Martin', title: 'Présidente' },
          },
        },
        COORDINATOR,
        { ttlMs: 3600_000 },
      ));
      await membership.changeStatus(bidId, memberId, 'ACCEPTED', COORDINATOR);
    });
    expect(joined.members.find((m) => m.id === memberId)?.status).toBe('ACCEPTED');
    expect(before.members.some((m) => m.id === memberId)).toBe(false);

    const [, left] = await expectFollowed(() =>
      membership.changeStatus(bidId, memberId, 'WITHDRAWN', COORDINATOR),
    );
    expect(left.members.find((m) => m.id === memberId)?.status).toBe('WITHDRAWN');
  });

  it('a lot cell removed by a corrigendum', async () => {
    const [before, after] = await expectFollowed(() =>
      context.get(CorrigendumService).apply(
        bidId,
        {
          reason: 'Le collège de Saint-Denis sort du marché.',
          buyerReference: null,
          publishedOn: '2026-12-01',
          changes: [{ kind: 'CELL_REMOVED', lot: 1, territory: 'COM:93066' }],
        },
        COORDINATOR,
      ),
    );
    const territoriesOfLot1 = (view: BidView) =>
      view.lots.find((lot) => lot.number === 1)?.cells.map((cell) => cell.territory);
    expect(territoriesOfLot1(before)).toContain('COM:93066');
    expect(territoriesOfLot1(after)).not.toContain('COM:93066');
  });

  it('the organisation edited: its particulars, and its staff in the network’s directory', async () => {
    const member = await memberOf('org-003');
    await expectFollowed(() =>
      context.get(OrganisationParticularsService).replace(
        bidId,
        member.id,
        {
          legalForm: null,
          registeredAddress: '1 rue de la Paix, 93200 Saint-Denis',
          approvalNumber: null,
          approvalAuthority: null,
          representativeCapacity: 'Présidente',
        },
        COORDINATOR,
      ),
    );
    const [, after] = await expectFollowed(() =>
      context
        .get(DirectoryService)
        .update(networkId, member.organisation_id, { staff: 4321 }, COORDINATOR),
    );
    expect(after.members.find((m) => m.id === member.id)?.organisation.employees).toBe(4321);
  });

  it('settings changed', async () => {
    const [before, after] = await expectFollowed(async () => {
      const { transparency } = await fresh();
      await context
        .get(BidSettingsService)
        .change(
          bidId,
          { transparency: transparency === 'OPEN' ? 'ALLOCATION_ONLY' : 'OPEN' },
          COORDINATOR,
        );
    });
    expect(after.transparency).not.toBe(before.transparency);
  });

  it('a refused write (rolled back) leaves the revision and the kept read as they were', async () => {
    const before = await kept();
    const revisionBefore = await revision();
    const member = await memberOf('org-001');
    await expect(
      context
        .get(MembershipService)
        .declareOffers(
          bidId,
          member.id,
          [{ lot: 1, territory: 'COM:00000', hours: 5, preference: 'PRIMARY' }],
          COORDINATOR,
        ),
    ).rejects.toThrow();
    expect(await revision()).toBe(revisionBefore);
    expect(await kept()).toBe(before);
  });
});
