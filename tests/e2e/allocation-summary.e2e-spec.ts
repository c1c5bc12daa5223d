import request from 'supertest';
import { formatEuros, formatSharePercent, permilleOf } from '@cordage/domain';
import { PdfFile, normalise } from '@cordage/testing';
import type { SignedIn } from './support/actors';
import { moveBid, proposeFirstAllocation } from './support/bid-state';
import { asBytes } from './support/harness';
import {
  exampleBidWithCoordinator,
  memberWithEditor,
  otherNetworkCoordinator,
  systemForTests,
} from './support/system';

jest.setTimeout(240_000);

interface VersionBody {
  result: {
    members: { org: string; lot: number; amountCents: number; sharePermille: number }[];
    uncovered: { lot: number; amountCents: number }[];
  };
}
interface BidBody {
  lots: { number: number; amountCents: number }[];
  members: { key: string; organisation: { legalName: string } }[];
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

describe('The printable one-page summary of a split (PDF, French)', () => {
  const system = systemForTests();
  let bidId: string;
  let coordinator: SignedIn;
  const summaryUrl = (number: number) => `/api/bids/${bidId}/allocations/${number}/summary`;
  const pdfOf = async (who: SignedIn, number = 1) => {
    const response = await asBytes(who.get(summaryUrl(number))).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    return new PdfFile(response.body as Buffer);
  };

  beforeAll(async () => {
    ({ bidId, coordinator } = await exampleBidWithCoordinator(system));
    await proposeFirstAllocation(system.dataSource, coordinator, bidId);
  });

  it('prints on one page each member’s amount and share per lot, and totals to the cent', async () => {
    const version = (await coordinator.get(`/api/bids/${bidId}/allocations/1`).expect(200))
      .body as VersionBody;
    const bid = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body as BidBody;
    const pdf = await pdfOf(coordinator);
    try {
      expect(pdf.pageCount()).toBe(1);
      const text = normalise(pdf.text());
      expect(text).toContain(normalise('Répartition du groupement — version 1'));
      expect(text).toContain('soumise au vote des membres');

      // Each lot's total is its members' amounts and its uncovered part: the lot's amount.
      const lotTotals = bid.lots.map((lot) => {
        const total = sum(
          [...version.result.members, ...version.result.uncovered]
            .filter((line) => line.lot === lot.number)
            .map((line) => line.amountCents),
        );
        expect(total).toBe(lot.amountCents);
        return total;
      });
      const whole = sum(lotTotals);
      // The total row, lot by lot then the whole (pdftotext reads its label apart).
      expect(text).toContain(normalise([...lotTotals, whole].map(formatEuros).join(' ')));
      expect(text).toContain(normalise(`Total de la répartition : ${formatEuros(whole)} HT`));

      // Every member's amount and share on each lot, and its total over the lots.
      for (const member of bid.members) {
        const shares = version.result.members.filter(
          (share) => share.org === member.key && share.amountCents > 0,
        );
        if (shares.length === 0) continue;
        expect(text).toContain(normalise(member.organisation.legalName));
        for (const share of shares) {
          expect(text).toContain(normalise(formatEuros(share.amountCents)));
          expect(text).toContain(normalise(formatSharePercent(share.sharePermille)));
        }
        const total = sum(shares.map((share) => share.amountCents));
        expect(text).toContain(normalise(formatEuros(total)));
        expect(text).toContain(normalise(formatSharePercent(permilleOf(total, whole))));
      }
    } finally {
      pdf.remove();
    }
  });

  it('says when the version is approved', async () => {
    await moveBid(system.dataSource, bidId, 'AGREED', 1);
    const pdf = await pdfOf(coordinator);
    try {
      expect(normalise(pdf.text())).toContain('approuvée par les membres');
    } finally {
      pdf.remove();
    }
  });

  it('is read by the bid’s members, and hidden from everyone else', async () => {
    const { editor } = await memberWithEditor(system, bidId, 'org-003');
    (await pdfOf(editor)).remove();
    const stranger = await otherNetworkCoordinator(system);
    const hidden = await stranger.get(summaryUrl(1)).expect(404);
    expect(hidden.body).toMatchObject({ code: 'NOT_FOUND' });
    await request(system.api.getHttpServer()).get(summaryUrl(1)).expect(401);
    const missing = await coordinator.get(summaryUrl(99)).expect(404);
    expect(missing.body.message).toBe('Version 99 introuvable.');
    const refused = await coordinator.get(summaryUrl(0)).expect(400);
    expect(refused.body.problems[0]).toMatchObject({ path: 'number' });
  });
});
