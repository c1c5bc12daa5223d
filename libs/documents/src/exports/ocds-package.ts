import {
  type BidDocumentModel,
  type DocumentParty,
  type DocumentPlace,
  type IdentifierScheme,
  type Reservation,
  required,
} from '@cordage/domain';
import { centsToEuros } from './euro-amounts.format';

/**
 * The bid as an OCDS 1.1.5 release package (https://standard.open-contracting.org/1.1/).
 *
 * Core fields carry what core has: the buyer and each member as parties (roles `buyer` and
 * `tenderer`), the tender with one item per place of each lot (where, by the Location extension, with
 * the territory's qualified code and name). Lots and the bid itself come from the
 * community's Lots and Bid statistics and details extensions; the consortium (its form, its
 * mandataire, each member's share of each lot, the uncovered part, the subcontracts) from
 * Cordage's own `cordage_consortium` extension, documented in docs/ocds-extension/.
 * The release schema allows additional properties everywhere, so the package stays valid.
 */
export interface OcdsPackageOptions {
  /** Cordage's identifier of the bid: part of the ocid and of the release id. */
  bidId: string;
  /** When the package is published (date-time with offset). */
  publishedDate: string;
  /** Where this Cordage instance publishes (its PUBLIC_URL), e.g. https://cordage.example.org. */
  uriBase: string;
  /** The publisher's ocid prefix, registered with the Open Contracting Partnership. */
  ocidPrefix?: string;
}

/** For a publisher that has not registered its own prefix yet: clearly not a registered one. */
export const DEFAULT_OCID_PREFIX = 'ocds-cordage';

/**
 * Where the api serves a version's package, the package's own `uri`: GET on it returns the
 * package itself (to those who may read the bid).
 */
export function ocdsPackagePath(bidId: string, versionNumber: number): string {
  return `/api/bids/${encodeURIComponent(bidId)}/allocations/${versionNumber}/ocds`;
}

/**
 * The gazetteer of the items' delivery locations: Cordage's qualified territory codes, the level
 * before the code (COM:93066 a French commune's INSEE COG code, DEP:93 a département, BE:21004 a
 * Belgian NIS code, SITE:… a site the bid names), documented in docs/ocds-extension/.
 */
export const TERRITORY_GAZETTEER = 'CORDAGE-TERRITORY';

export const OCDS_EXTENSIONS = {
  lots: 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json',
  bids: 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json',
  location:
    'https://raw.githubusercontent.com/open-contracting-extensions/ocds_location_extension/v1.1.5/extension.json',
  /** docs/ocds-extension/, served by each Cordage instance's api under /ocds-extension. */
  consortium: (uriBase: string) => `${uriBase}/ocds-extension/cordage_consortium/extension.json`,
} as const;

/**
 * org-id.guide schemes. SIRET and SIREN numbers both come from INSEE's SIRENE register, listed as
 * FR-INSEE; FR-RCS would be wrong for the associations, ESAT and public bodies that are not in the
 * trade register. Belgian enterprise numbers are BE-BCE_KBO.
 */
export const ORG_ID_SCHEMES: Record<IdentifierScheme, string> = {
  SIRET: 'FR-INSEE',
  SIREN: 'FR-INSEE',
  BCE: 'BE-BCE_KBO',
};

const RESERVATION_CRITERIA: Record<Exclude<Reservation, 'NONE'>, string> = {
  L2113_12:
    'Marché réservé aux entreprises adaptées et ESAT (article L2113-12 du code de la commande publique)',
  L2113_13:
    'Marché réservé aux structures d’insertion par l’activité économique (article L2113-13 du code de la commande publique)',
  L2113_12_13:
    'Marché réservé aux structures des articles L2113-12 et L2113-13 du code de la commande publique',
};

const digitsOf = (value: string) => value.replace(/[\s.-]/g, '');

/** A party's reference (`id`, `name`) and its primary identifier, ids built as OCDS advises. */
function organisation(scheme: IdentifierScheme, value: string, legalName: string) {
  const identifier = { scheme: ORG_ID_SCHEMES[scheme], id: digitsOf(value), legalName };
  return {
    reference: { id: `${identifier.scheme}-${identifier.id}`, name: legalName },
    identifier,
  };
}

const euros = (cents: number) => ({ amount: centsToEuros(cents), currency: 'EUR' });
/** A territory in the consortium extension: its gazetteer code and its name. */
const territories = (places: readonly DocumentPlace[]) =>
  places.map((place) => ({ id: place.code, name: place.name }));
const lotId = (lot: number) => String(lot);

export function ocdsReleasePackage(model: BidDocumentModel, options: OcdsPackageOptions): object {
  const { tender } = model;
  const uriBase = options.uriBase.replace(/\/+$/, '');
  const memberOf = (party: DocumentParty) =>
    organisation(party.idScheme, party.idValue, party.legalName);
  const members = new Map(model.parties.map((party) => [party.key, memberOf(party)]));
  const referenceOf = (key: string) => required(members.get(key), `the member ${key}`).reference;
  const buyer = organisation(tender.buyer.idScheme, tender.buyer.id, tender.buyer.name);
  const tenderers = [...members.values()].map((member) => member.reference);
  // A subcontractor that is not a member is named in the bid without tendering.
  const subcontractors = new Map(
    model.subcontracts
      .filter((subcontract) => !members.has(subcontract.subcontractor.key))
      .map((subcontract) => [
        subcontract.subcontractor.key,
        organisation(
          subcontract.subcontractor.idScheme,
          subcontract.subcontractor.idValue,
          subcontract.subcontractor.legalName,
        ),
      ]),
  );
  const anyReferenceOf = (key: string) =>
    members.get(key)?.reference ??
    required(subcontractors.get(key), `the subcontractor ${key}`).reference;

  const release = {
    ocid: `${options.ocidPrefix ?? DEFAULT_OCID_PREFIX}-${options.bidId}`,
    id: `${options.bidId}-v${model.allocation.versionNumber}`,
    // The version's date, not the publication's: the same version always gives the same release.
    date: model.allocation.computedAt,
    tag: ['tender'],
    initiationType: 'tender',
    language: 'fr',
    parties: [
      { ...buyer.reference, identifier: buyer.identifier, roles: ['buyer'] },
      ...[...members.values()].map((member) => ({
        ...member.reference,
        identifier: member.identifier,
        roles: ['tenderer'],
      })),
      ...[...subcontractors.values()].map((subcontractor) => ({
        ...subcontractor.reference,
        identifier: subcontractor.identifier,
        roles: ['interestedParty'],
      })),
    ],
    buyer: buyer.reference,
    tender: {
      id: tender.reference,
      title: tender.title,
      status: 'active',
      value: euros(model.totals.amountCents),
      tenderPeriod: { endDate: tender.deadline },
      ...(tender.reserved === 'NONE'
        ? {}
        : { eligibilityCriteria: RESERVATION_CRITERIA[tender.reserved] }),
      // One item per place of each lot: the hours asked there, and where (Location extension).
      items: model.lots.flatMap((lot) =>
        lot.places.map((place) => ({
          id: `${lotId(lot.number)}-${place.code}`,
          description: `${lot.title} – ${place.name}`,
          quantity: place.demandHours,
          unit: { scheme: 'UNCEFACT', id: 'HUR', name: 'heure' },
          relatedLot: lotId(lot.number),
          deliveryLocation: {
            description: place.name,
            gazetteer: { scheme: TERRITORY_GAZETTEER, identifiers: [place.code] },
          },
        })),
      ),
      tenderers,
      // Lots extension, plus cordage_consortium's insertionHours.
      lots: model.lots.map((lot) => ({
        id: lotId(lot.number),
        title: lot.title,
        value: euros(lot.amountCents),
        insertionHours: lot.insertionHours,
      })),
    },
    // Bid statistics and details extension, plus cordage_consortium's consortium.
    bids: {
      details: [
        {
          id: options.bidId,
          date: model.allocation.computedAt,
          status: 'pending',
          tenderers,
          value: euros(model.totals.allocatedCents),
          relatedLots: model.lots.map((lot) => lotId(lot.number)),
          consortium: {
            form: model.consortium.form,
            mandataire: memberOf(model.mandataire).reference,
            shares: model.lots.flatMap((lot) =>
              lot.shares.map((share) => ({
                id: `${lotId(lot.number)}-${share.org}`,
                relatedLot: lotId(lot.number),
                tenderer: referenceOf(share.org),
                territories: territories(share.places),
                hours: share.hours,
                value: euros(share.amountCents),
                sharePermille: share.sharePermille,
                insertionHours: share.insertionHours,
              })),
            ),
            uncovered: model.lots.flatMap((lot) =>
              lot.uncovered
                ? [
                    {
                      relatedLot: lotId(lot.number),
                      territories: territories(lot.uncovered.places),
                      hours: lot.uncovered.hours,
                      value: euros(lot.uncovered.amountCents),
                      insertionHours: lot.uncovered.insertionHours,
                    },
                  ]
                : [],
            ),
            subcontracts: model.subcontracts.map((subcontract) => ({
              relatedLot: lotId(subcontract.lot),
              principal: referenceOf(subcontract.principal.key),
              subcontractor: anyReferenceOf(subcontract.subcontractor.key),
              kind: subcontract.kind,
              nature: subcontract.nature,
              maxValue: euros(subcontract.maxAmountCents),
            })),
          },
        },
      ],
    },
  };

  return {
    uri: `${uriBase}${ocdsPackagePath(options.bidId, model.allocation.versionNumber)}`,
    version: '1.1',
    extensions: [
      OCDS_EXTENSIONS.lots,
      OCDS_EXTENSIONS.bids,
      OCDS_EXTENSIONS.location,
      OCDS_EXTENSIONS.consortium(uriBase),
    ],
    publishedDate: options.publishedDate,
    // The consortium publishes through its mandataire.
    publisher: {
      name: model.mandataire.legalName,
      scheme: ORG_ID_SCHEMES[model.mandataire.idScheme],
      uid: digitsOf(model.mandataire.idValue),
    },
    releases: [release],
  };
}
