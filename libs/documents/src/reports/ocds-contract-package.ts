import { at } from '@cordage/domain';
import { centsToEuros } from '../exports/euro-amounts.format';
import { DEFAULT_OCID_PREFIX, OCDS_EXTENSIONS, ORG_ID_SCHEMES } from '../exports/ocds-package';
import type { OcdsContractInput, ReportHeader, ReportParty } from './contract-report.model';

/**
 * The contracting process after the award as an OCDS 1.1.5 release package: one release tagged
 * award, contract and implementation, under the bid's ocid (the one its tender release carries).
 *
 * - awards: one per lot, `active` with the awarded amount and the members who carry it as
 *   suppliers, or `unsuccessful` for a lost lot;
 * - contracts: one per won lot whose contract is set, its period from the first period's start
 *   to the last one's end, its value the awarded amount; each member's planned share in
 *   `plannedShares` (Cordage's `cordage_execution` extension, docs/ocds-extension/);
 * - implementation.transactions: per member and period, the revenue in force (payer the buyer,
 *   payee the member), with the hours, insertion hours and people in insertion of the extension.
 */
export const CORDAGE_EXECUTION_EXTENSION = (uriBase: string) =>
  `${uriBase}/ocds-extension/cordage_execution/extension.json`;

const digitsOf = (value: string) => value.replace(/[\s.-]/g, '');
const euros = (cents: number) => ({ amount: centsToEuros(cents), currency: 'EUR' });
/** A calendar day as an OCDS date-time: its midnight, UTC. */
const dayTime = (day: string) => `${day}T00:00:00Z`;
const hours = (value: number) => Math.round(value * 100) / 100;

function organisation(party: { legalName: string; idScheme: ReportParty['idScheme']; id: string }) {
  const identifier = {
    scheme: ORG_ID_SCHEMES[party.idScheme],
    id: digitsOf(party.id),
    legalName: party.legalName,
  };
  return {
    reference: { id: `${identifier.scheme}-${identifier.id}`, name: party.legalName },
    identifier,
  };
}

export function ocdsContractPackage(header: ReportHeader, input: OcdsContractInput): object {
  const uriBase = input.uriBase.replace(/\/+$/, '');
  const buyer = organisation({
    legalName: header.tender.buyer.name,
    idScheme: header.tender.buyer.idScheme,
    id: header.tender.buyer.id,
  });
  const members = new Map(
    input.members.map((member) => [
      member.key,
      organisation({ legalName: member.legalName, idScheme: member.idScheme, id: member.idValue }),
    ]),
  );
  const referenceOf = (key: string) => {
    const member = members.get(key);
    if (!member) throw new Error(`the member ${key} is not a party`);
    return member.reference;
  };
  const won = input.lots.filter((lot) => lot.outcome === 'WON');
  const suppliersOf = (lot: OcdsContractInput['lots'][number]) =>
    lot.planned.filter((share) => share.amountCents > 0).map((share) => referenceOf(share.member));

  const release = {
    ocid: `${DEFAULT_OCID_PREFIX}-${header.bidId}`,
    id: `${header.bidId}-execution-${header.generatedAt}`,
    date: header.generatedAt,
    tag: ['award', 'contract', 'implementation'],
    initiationType: 'tender',
    language: 'fr',
    parties: [
      { ...buyer.reference, identifier: buyer.identifier, roles: ['buyer', 'payer'] },
      ...[...members].map(([key, member]) => ({
        ...member.reference,
        identifier: member.identifier,
        roles: won.some((lot) => lot.planned.some((share) => share.member === key))
          ? ['tenderer', 'supplier', 'payee']
          : ['tenderer'],
      })),
    ],
    buyer: buyer.reference,
    tender: {
      id: header.tender.reference,
      title: header.tender.title,
      status: 'complete',
      // Lots extension.
      lots: input.lots.map((lot) => ({
        id: String(lot.lot),
        title: lot.title,
        status: lot.outcome === 'WON' ? 'complete' : 'unsuccessful',
      })),
    },
    awards: input.lots.map((lot) => ({
      id: `lot-${lot.lot}`,
      title: lot.title,
      date: dayTime(lot.awardedOn),
      status: lot.outcome === 'WON' ? 'active' : 'unsuccessful',
      ...(lot.outcome === 'WON' && lot.awardedCents !== null
        ? { value: euros(lot.awardedCents), suppliers: suppliersOf(lot) }
        : {}),
      relatedLots: [String(lot.lot)],
    })),
    contracts: won.flatMap((lot) => {
      if (lot.periods === null || lot.periods.length === 0 || lot.awardedCents === null) return [];
      const periods = lot.periods;
      const transactions = input.totals
        .filter((total) => total.lot === lot.lot && total.declaredCells > 0)
        .map((total) => ({
          id: `lot-${lot.lot}-${total.member}-${total.period}`,
          source: `${uriBase}/api/bids/${header.bidId}/realised?lot=${lot.lot}`,
          date: dayTime(at(periods, total.period - 1).endOn),
          value: euros(total.realisedCents),
          payer: buyer.reference,
          payee: referenceOf(total.member),
          // cordage_execution.
          period: total.period,
          hours: hours(total.realisedHours),
          insertionHours: hours(total.realisedInsertionHours),
          insertionPeople: total.insertionPeople,
        }));
      return [
        {
          id: `lot-${lot.lot}-contract`,
          awardID: `lot-${lot.lot}`,
          title: lot.title,
          status: 'active',
          period: {
            startDate: dayTime(at(periods, 0).startOn),
            endDate: dayTime(at(periods, periods.length - 1).endOn),
          },
          value: euros(lot.awardedCents),
          dateSigned: dayTime(lot.awardedOn),
          // cordage_execution.
          plannedShares: lot.planned.map((share) => ({
            supplier: referenceOf(share.member),
            value: euros(share.amountCents),
            insertionHours: share.insertionHours,
          })),
          implementation: { transactions },
        },
      ];
    }),
  };

  return {
    uri: `${uriBase}/api/bids/${header.bidId}/reports`,
    version: '1.1',
    extensions: [OCDS_EXTENSIONS.lots, CORDAGE_EXECUTION_EXTENSION(uriBase)],
    publishedDate: header.generatedAt,
    publisher: {
      name: header.mandataire.legalName,
      scheme: ORG_ID_SCHEMES[header.mandataire.idScheme],
      uid: digitsOf(header.mandataire.idValue),
    },
    releases: [release],
  };
}
