import type { BidDocumentModel } from '@cordage/domain';
import { stringify } from 'csv-stringify/sync';
import { centsToDecimalText } from './euro-amounts.format';

/**
 * Excel opens a CSV as UTF-8 only when it starts with a byte-order mark; without it a French
 * Excel reads « Rénov'Plaine » as « RÃ©nov'Plaine ». The separator is the comma of RFC 4180, which
 * every tool reads, and amounts use a decimal point: the file is data for other programs, the
 * workbook is the one laid out for people.
 */
const UTF8_BOM = '\uFEFF';

/** Member key of the part of a lot that no member covers. */
export const UNCOVERED_MEMBER = 'NON_COUVERT';

export const BID_CSV_COLUMNS = [
  'lot',
  'lot_title',
  'member',
  'legal_name',
  'id_scheme',
  'id',
  'territories',
  'hours',
  'amount_cents',
  'amount_eur',
  'share_permille',
  'insertion_hours',
] as const;

type CsvRow = Record<(typeof BID_CSV_COLUMNS)[number], string | number>;

/** One row per member's share of a lot, plus one per lot for the part nobody covers. */
export function bidCsv(model: BidDocumentModel): string {
  const parties = new Map(model.parties.map((party) => [party.key, party]));
  const rows: CsvRow[] = model.lots.flatMap((lot) => {
    const lotRows: CsvRow[] = lot.shares.map((share) => {
      const party = parties.get(share.org);
      return {
        lot: lot.number,
        lot_title: lot.title,
        member: share.org,
        legal_name: share.legalName,
        id_scheme: party?.idScheme ?? '',
        id: party?.idValue ?? '',
        territories: share.territories.join(' | '),
        hours: share.hours,
        amount_cents: share.amountCents,
        amount_eur: centsToDecimalText(share.amountCents),
        share_permille: share.sharePermille,
        insertion_hours: share.insertionHours,
      };
    });
    if (lot.uncovered) {
      lotRows.push({
        lot: lot.number,
        lot_title: lot.title,
        member: UNCOVERED_MEMBER,
        legal_name: 'Part non couverte',
        id_scheme: '',
        id: '',
        territories: lot.uncovered.territories.join(' | '),
        hours: lot.uncovered.hours,
        amount_cents: lot.uncovered.amountCents,
        amount_eur: centsToDecimalText(lot.uncovered.amountCents),
        share_permille: '',
        insertion_hours: 0,
      });
    }
    return lotRows;
  });
  return (
    UTF8_BOM +
    stringify(rows, {
      header: true,
      columns: [...BID_CSV_COLUMNS],
      delimiter: ',',
      record_delimiter: 'windows',
      eof: true,
    })
  );
}
