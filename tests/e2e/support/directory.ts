import ExcelJS from 'exceljs';
import { DIRECTORY_COLUMNS, DOCUMENT_MEDIA_TYPES } from '@cordage/domain';
import { type SignedIn, signIn } from './actors';
import { moveBid } from './bid-state';
import { importExampleBid } from './example-bid';
import type { System } from './system';

/** One line of the members' file, by column key. */
export type DirectoryLine = Partial<
  Record<(typeof DIRECTORY_COLUMNS)[number]['key'], string | number>
>;

/** The members' file as a network writes it: a workbook made with the xlsx library. */
export async function directoryWorkbook(lines: DirectoryLine[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Organisations');
  sheet.addRow(DIRECTORY_COLUMNS.map((column) => column.header));
  for (const line of lines) sheet.addRow(DIRECTORY_COLUMNS.map((column) => line[column.key]));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The coordinator uploads the members' file of these lines: the answer, of the status expected. */
export async function importDirectory(
  coordinator: SignedIn,
  networkId: string,
  lines: DirectoryLine[],
  status: number,
) {
  return coordinator
    .post(`/api/networks/${networkId}/organisations/import`)
    .set('Content-Type', DOCUMENT_MEDIA_TYPES.XLSX)
    .send(await directoryWorkbook(lines))
    .expect(status);
}

/** A bid of the network and the member an organisation of its directory is in it. */
export interface BidOfMember {
  id: string;
  reference: string;
  memberId: string;
}

/**
 * One organisation of the network's directory in a bid of each scenario, collecting capacities:
 * invited by its identifier alone, each bid finds the directory's organisation; then the person
 * invited signs in and accepts every invitation.
 */
export async function directoryOrganisationInBids(
  system: System,
  coordinator: SignedIn,
  networkId: string,
  organisation: { organisationId: string; email: string; idScheme: string; id: string },
  scenarios: { reference: string; scenario: Record<string, unknown> }[],
): Promise<{ bids: BidOfMember[]; editor: SignedIn }> {
  const { organisationId, ...invitation } = organisation;
  const bids: BidOfMember[] = [];
  for (const { reference, scenario } of scenarios) {
    const bidId = await importExampleBid(system.persistence, networkId, scenario);
    await moveBid(system.dataSource, bidId, 'COLLECTING');
    const invited = await coordinator
      .post(`/api/bids/${bidId}/invitations`)
      .send(invitation)
      .expect(201);
    expect(invited.body.organisationId).toBe(organisationId);
    bids.push({ id: bidId, reference, memberId: invited.body.memberId });
  }
  const editor = await signIn(system.api, system.dataSource, organisation.email);
  for (const bid of bids) {
    await editor.post(`/api/bids/${bid.id}/members/${bid.memberId}/accept`).expect(204);
  }
  return { bids, editor };
}

/**
 * The warnings of a declaration that takes an organisation to 1,100 hours for a limit of 1,000:
 * one, naming the other bids it is declared in.
 */
export function hoursBeyondLimitWarnings(
  otherBids: { id: string; reference: string }[],
): unknown[] {
  return [
    expect.objectContaining({
      code: 'COMMITMENT_EXCEEDED',
      measure: 'HOURS',
      limit: 1000,
      total: 1100,
      otherBids: otherBids.map(({ id, reference }): unknown =>
        expect.objectContaining({ bidId: id, reference }),
      ),
    }),
  ];
}
