import type { AllocationResult, AllocationUncovered } from '../allocation';
import type { IdentifierScheme } from '../identifiers';
import {
  APPROVAL_NAMES,
  LEGAL_FORM_LABELS,
  NO_PARTICULARS,
  type OrganisationKind,
} from '../organisations';
import {
  type ConsortiumForm,
  type Reservation,
  type Scenario,
  type SubcontractKind,
  memberRoles,
} from '../scenario';
import { directPaymentRequired } from '../subcontracting/subcontract-terms';
import { type ConventionLocale, type ConventionSettings } from './convention-settings';
import { ORGANISATION_KIND_LABELS, consortiumFormLabel, formatIdentifier } from './labels';
import { type ProcurementTimeZone, procurementTimeZone, toZonedIso } from '../time';
import { required } from '../invariants';
import { DomainError, DomainErrorCode } from '../errors';

/**
 * Everything the documents of a bid say (the convention, its annexes, the DC1 and DC4 sheets,
 * the XLSX, CSV and OCDS exports), computed once from the scenario the allocation ran on and one
 * allocation version. Renderers only lay it out: no figure is computed twice, so the PDF, the
 * spreadsheet and the OCDS package always agree to the cent.
 */
export interface DocumentParty {
  key: string;
  legalName: string;
  kind: OrganisationKind;
  kindLabel: string;
  idScheme: IdentifierScheme;
  idValue: string;
  /** "SIRET 473 607 146 36845" */
  identifier: string;
  /** Null when the bid's network has not entered it: the documents say it is to be completed. */
  employees: number | null;
  /** Fewer employees than the bid's threshold for a small structure (false when unknown). */
  small: boolean;
  /** Qualified code of the registered office's territory, and how it reads. */
  homeCode: string;
  registeredOffice: string;
  representative: { name: string; title: string; email: string };
  /** As the organisation entered them; null where it has not yet (printed "à compléter"). */
  particulars: DocumentParticulars;
  isMandataire: boolean;
  /** Totals over every lot of the allocation. */
  hours: number;
  amountCents: number;
  insertionHours: number;
}

/** A place where work is done: its qualified code and how it reads ("Saint-Denis", a site's label). */
export interface DocumentPlace {
  /** "COM:93066": the level always comes with the code (COM:93, DEP:93 and REG:93 differ). */
  code: string;
  name: string;
}

export interface DocumentParticulars {
  /** "association régie par la loi du 1er juillet 1901" */
  legalForm: string | null;
  registeredAddress: string | null;
  /** The approval its kind needs (null for a kind that needs none), and what is known of it. */
  approval: { name: string; number: string | null; authority: string | null } | null;
  /**
   * The capacity in which the representative signs: the one entered with the particulars, else
   * the title the organisation gave its representative (what each signature box prints too).
   * Never missing, so a signed convention never says "en qualité de à compléter".
   */
  representativeCapacity: string;
}

/** One member's part of one lot: annex A's line, the ATTRI1 annex's row. */
export interface MemberLotShareLine {
  lot: number;
  org: string;
  legalName: string;
  /** Names of the territories where the member works on this lot, in code order. */
  territories: string[];
  /** The same territories with their codes, for the files read by programs. */
  places: DocumentPlace[];
  nature: string;
  hours: number;
  amountCents: number;
  sharePermille: number;
  insertionHours: number;
}

export interface DocumentLot {
  number: number;
  title: string;
  /** What the members do on it: the tender's description of the lot, else its title. */
  nature: string;
  amountCents: number;
  insertionHours: number;
  demandHours: number;
  /** Every place of the lot and the hours the buyer asks there, in the tender's order. */
  places: (DocumentPlace & { demandHours: number })[];
  shares: MemberLotShareLine[];
  /** The part no member covers, if any. */
  uncovered: UncoveredPart | null;
}

/** The part of a lot no member covers: its hours, amount, share of the insertion hours, places. */
export interface UncoveredPart {
  hours: number;
  amountCents: number;
  /** The lot's insertion hours that fall on the uncovered work (allocation.md, "From hours to money"). */
  insertionHours: number;
  territories: string[];
  places: DocumentPlace[];
}

/** Annex B and the DC4 sheets: one declared subcontract or loan of workers. */
export interface DocumentSubcontract {
  lot: number;
  principal: { key: string; legalName: string; identifier: string };
  subcontractor: {
    key: string;
    legalName: string;
    idScheme: IdentifierScheme;
    idValue: string;
    identifier: string;
    kindLabel: string;
    registeredOffice: string;
    registeredAddress: string | null;
    representative: { name: string; capacity: string | null; email: string };
  };
  kind: SubcontractKind;
  nature: string;
  maxAmountCents: number;
  /** The contract's VAT rate, in basis points; none is invoiced under the reverse charge. */
  vatRateBasisPoints: number;
  /** Subcontracted works: the principal, not the subcontractor, accounts for the VAT. */
  reverseCharge: boolean;
  /** The maximum amount including VAT (equal to maxAmountCents under the reverse charge). */
  maxAmountInclVatCents: number;
  /** How long the subcontract runs, in months, when entered. */
  durationMonths: number | null;
  /** Paid directly by the buyer: a subcontract of 600 EUR incl. VAT or more (R2193-10). */
  directPayment: boolean;
}

export interface BidDocumentModel {
  locale: ConventionLocale;
  /** Where the buyer's clock is: every date and time of the documents is read on it. */
  timeZone: ProcurementTimeZone;
  settings: ConventionSettings;
  tender: {
    reference: string;
    title: string;
    buyer: { name: string; idScheme: IdentifierScheme; id: string; identifier: string };
    /** With the zone's offset ("2027-01-15T12:00:00+01:00"), whatever offset it was given with. */
    deadline: string;
    reserved: Reservation;
  };
  consortium: { form: ConsortiumForm; formLabel: string };
  /** The co-contractors who sign, the mandataire first, then by legal name. */
  parties: DocumentParty[];
  mandataire: DocumentParty;
  lots: DocumentLot[];
  subcontracts: DocumentSubcontract[];
  allocation: {
    versionNumber: number;
    /** When the version was computed: the documents' date, so that they are reproducible. */
    computedAt: string;
    optima: AllocationResult['optima'];
  };
  totals: {
    amountCents: number;
    allocatedCents: number;
    uncoveredCents: number;
    demandHours: number;
    allocatedHours: number;
    insertionHours: number;
  };
}

export interface BidDocumentInput {
  scenario: Scenario;
  result: AllocationResult;
  version: { number: number; computedAt: string };
  settings: ConventionSettings;
  /** The official name of a qualified territory code, when it has one. */
  territoryName: (code: string) => string | undefined;
}

/** The insertion hours that go with a lot's uncovered part: every document reads this one figure. */
function uncoveredInsertionHours(cells: readonly AllocationUncovered[]): number {
  return cells.reduce((sum, cell) => sum + cell.insertionHours, 0);
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const round2 = (value: number) => Math.round(value * 100) / 100;

function documentParticulars(
  kind: OrganisationKind,
  particulars: typeof NO_PARTICULARS,
  representativeTitle: string,
): DocumentParticulars {
  const approvalName = APPROVAL_NAMES[kind];
  return {
    legalForm: particulars.legalForm === null ? null : LEGAL_FORM_LABELS[particulars.legalForm],
    registeredAddress: particulars.registeredAddress,
    approval:
      approvalName === null
        ? null
        : {
            name: approvalName,
            number: particulars.approvalNumber,
            authority: particulars.approvalAuthority,
          },
    representativeCapacity: particulars.representativeCapacity ?? representativeTitle,
  };
}

/**
 * The documents name the mandataire: one who has left the consortium (withdrawn, declined) leaves
 * nobody to name, which the coordinator must fix by choosing another before any document is drawn.
 */
function assertMandataireIn(scenario: Scenario, organisations: ReadonlyMap<string, unknown>): void {
  if (organisations.has(scenario.consortium.mandataire)) return;
  const message =
    'Le mandataire n’est plus membre du groupement : désignez-en un autre avant de préparer ' +
    'la convention.';
  throw new DomainError(DomainErrorCode.WORKFLOW_RULE_VIOLATED, message, [
    { path: 'consortium.mandataire', code: 'MANDATAIRE_LEFT', message },
  ]);
}

export function buildBidDocumentModel(input: BidDocumentInput): BidDocumentModel {
  const { scenario, result, settings } = input;
  const locale: ConventionLocale =
    settings.locale ?? (scenario.tender.buyer.idScheme === 'BCE' ? 'fr-BE' : 'fr-FR');
  const place = (code: string, label?: string) => {
    const name = label ?? input.territoryName(code);
    return name ? `${name} (${code})` : code;
  };
  const siteLabels = new Map(
    scenario.tender.lots.flatMap((lot) =>
      lot.cells.flatMap((cell) => (cell.label ? [[cell.territory, cell.label] as const] : [])),
    ),
  );
  const territoryLabel = (code: string) =>
    siteLabels.get(code) ?? input.territoryName(code) ?? code;
  const placeOf = (code: string): DocumentPlace => ({ code, name: territoryLabel(code) });
  const organisations = new Map(scenario.organizations.map((o) => [o.key, o]));
  assertMandataireIn(scenario, organisations);
  const roles = memberRoles(scenario);
  const smallBelow = scenario.consortium.rules.smallBelowEmployees;

  const partyOf = (key: string): DocumentParty => {
    const o = required(organisations.get(key), `the organisation ${key}`);
    const shares = result.members.filter((share) => share.org === key);
    return {
      key,
      legalName: o.legalName,
      kind: o.kind,
      kindLabel: ORGANISATION_KIND_LABELS[o.kind],
      idScheme: o.idScheme,
      idValue: o.id,
      identifier: formatIdentifier(o.idScheme, o.id),
      employees: o.employees,
      small: o.employees !== null && o.employees < smallBelow,
      homeCode: o.home,
      registeredOffice: place(o.home),
      representative: { ...o.representative },
      particulars: documentParticulars(
        o.kind,
        { ...NO_PARTICULARS, ...o.particulars },
        o.representative.title,
      ),
      isMandataire: key === scenario.consortium.mandataire,
      hours: round2(shares.reduce((sum, share) => sum + share.hours, 0)),
      amountCents: shares.reduce((sum, share) => sum + share.amountCents, 0),
      insertionHours: shares.reduce((sum, share) => sum + share.insertionHours, 0),
    };
  };
  const parties = scenario.organizations
    .filter((o) => roles.get(o.key) === 'COTRAITANT')
    .map((o) => partyOf(o.key))
    .sort(
      (a, b) =>
        Number(b.isMandataire) - Number(a.isMandataire) ||
        a.legalName.localeCompare(b.legalName, 'fr'),
    );
  const legalName = (key: string) => organisations.get(key)?.legalName ?? key;

  const lots: DocumentLot[] = scenario.tender.lots.map((lot) => {
    const placesOf = (org: string) =>
      [
        ...new Set(
          result.lines
            .filter((line) => line.lot === lot.number && line.org === org && line.hours > 0)
            .map((line) => line.territory),
        ),
      ]
        .sort(byCode)
        .map(placeOf);
    const shares = result.members
      .filter((share) => share.lot === lot.number && (share.hours > 0 || share.amountCents > 0))
      .map((share) => {
        const places = placesOf(share.org);
        return {
          lot: lot.number,
          org: share.org,
          legalName: legalName(share.org),
          territories: places.map((place) => place.name),
          places,
          nature: lot.nature ?? lot.title,
          hours: share.hours,
          amountCents: share.amountCents,
          sharePermille: share.sharePermille,
          insertionHours: share.insertionHours,
        };
      });
    const uncovered = result.uncovered.filter((cell) => cell.lot === lot.number);
    const uncoveredPlaces = uncovered
      .map((cell) => cell.territory)
      .sort(byCode)
      .map(placeOf);
    return {
      number: lot.number,
      title: lot.title,
      nature: lot.nature ?? lot.title,
      amountCents: lot.amountCents,
      insertionHours: lot.insertionHours,
      demandHours: lot.cells.reduce((sum, cell) => sum + cell.demandHours, 0),
      places: lot.cells.map((cell) => ({
        ...placeOf(cell.territory),
        demandHours: cell.demandHours,
      })),
      shares,
      uncovered:
        uncovered.length === 0
          ? null
          : {
              hours: round2(uncovered.reduce((sum, cell) => sum + cell.hours, 0)),
              amountCents: uncovered.reduce((sum, cell) => sum + cell.amountCents, 0),
              insertionHours: uncoveredInsertionHours(uncovered),
              territories: uncoveredPlaces.map((place) => place.name),
              places: uncoveredPlaces,
            },
    };
  });

  const subcontracts: DocumentSubcontract[] = scenario.subcontracts.map((s) => {
    const principal = required(organisations.get(s.principal), `the organisation ${s.principal}`);
    const subcontractor = required(
      organisations.get(s.subcontractor),
      `the organisation ${s.subcontractor}`,
    );
    // Entered with the subcontract in the app; otherwise the contract's nature and VAT rate say.
    const reverseCharge =
      s.reverseCharge ?? (settings.contractNature === 'WORKS' && s.kind === 'SOUS_TRAITANCE');
    const maxAmountInclVatCents =
      s.amountInclVatCents ??
      (reverseCharge
        ? s.maxAmountCents
        : s.maxAmountCents + Math.round((s.maxAmountCents * settings.vatRateBasisPoints) / 10_000));
    return {
      lot: s.lot,
      principal: {
        key: s.principal,
        legalName: principal.legalName,
        identifier: formatIdentifier(principal.idScheme, principal.id),
      },
      subcontractor: {
        key: s.subcontractor,
        legalName: subcontractor.legalName,
        idScheme: subcontractor.idScheme,
        idValue: subcontractor.id,
        identifier: formatIdentifier(subcontractor.idScheme, subcontractor.id),
        kindLabel: ORGANISATION_KIND_LABELS[subcontractor.kind],
        registeredOffice: place(subcontractor.home),
        registeredAddress: subcontractor.particulars?.registeredAddress ?? null,
        representative: {
          name: subcontractor.representative.name,
          capacity:
            subcontractor.particulars?.representativeCapacity ?? subcontractor.representative.title,
          email: subcontractor.representative.email,
        },
      },
      kind: s.kind,
      nature: s.nature,
      maxAmountCents: s.maxAmountCents,
      vatRateBasisPoints: settings.vatRateBasisPoints,
      reverseCharge,
      maxAmountInclVatCents,
      durationMonths: s.durationMonths ?? null,
      directPayment: directPaymentRequired(s.kind, maxAmountInclVatCents),
    };
  });

  const amountCents = lots.reduce((sum, lot) => sum + lot.amountCents, 0);
  const uncoveredCents = result.uncovered.reduce((sum, cell) => sum + cell.amountCents, 0);
  const mandataire =
    parties.find((party) => party.isMandataire) ?? partyOf(scenario.consortium.mandataire);
  const timeZone = procurementTimeZone(scenario.tender.buyer.idScheme);
  return {
    locale,
    timeZone,
    settings,
    tender: {
      reference: scenario.tender.reference,
      title: scenario.tender.title,
      buyer: {
        ...scenario.tender.buyer,
        identifier: formatIdentifier(scenario.tender.buyer.idScheme, scenario.tender.buyer.id),
      },
      deadline: toZonedIso(scenario.tender.deadline, timeZone),
      reserved: scenario.tender.reserved,
    },
    consortium: {
      form: scenario.consortium.form,
      formLabel: consortiumFormLabel(scenario.consortium.form, locale),
    },
    parties,
    mandataire,
    lots,
    subcontracts,
    allocation: {
      versionNumber: input.version.number,
      computedAt: input.version.computedAt,
      optima: result.optima,
    },
    totals: {
      amountCents,
      allocatedCents: amountCents - uncoveredCents,
      uncoveredCents,
      demandHours: round2(lots.reduce((sum, lot) => sum + lot.demandHours, 0)),
      allocatedHours: round2(result.members.reduce((sum, share) => sum + share.hours, 0)),
      insertionHours: result.members.reduce((sum, share) => sum + share.insertionHours, 0),
    },
  };
}

/**
 * A change of membership after the freeze (R2142-26), as the amendment and the letter asking the
 * buyer's approval say it. The model they come with is the new split, among the remaining members.
 */
export interface MembershipChange {
  /** The amendment's number: 1 for the first change of the convention. */
  amendmentNumber: number;
  reasonLabel: string;
  justification: string;
  leaving: { legalName: string; identifier: string };
  /** When the change was asked (ISO 8601). */
  requestedAt: string;
}
