import { z } from 'zod';
import { DomainError, DomainErrorCode, type Problem } from '../errors';
import { formatEuros, formatHours } from '../allocation/french-format';
import { type BidStatus, BID_STATUS_LABELS } from './bid-status';
import { formatDeadline } from './transition-refusal';
import { isCalendarDate } from '../time';

/**
 * A buyer's corrigendum (« avis rectificatif »): the tender changes after the bid was created.
 * The coordinator records it as it was published; this module checks it against the bid and says
 * what it outdates: the members' offers on the cells and lots it touches, and the allocation
 * versions computed on the former tender. Nothing a partner declared is dropped: an outdated offer
 * stays, flagged, until its member declares again.
 */

/** The largest integer an int4 column holds. */
const INT32_MAX = 2 ** 31 - 1;
/** The most cents a bigint column holds safely in a JS number. */
const MAX_CENTS = Number.MAX_SAFE_INTEGER;

const lotNumber = z
  .number({ error: 'numéro de lot : un nombre est attendu' })
  .int({ error: 'numéro de lot : un nombre entier est attendu' })
  .min(1, { error: 'numéro de lot : 1 au moins' })
  .max(INT32_MAX, { error: `numéro de lot : ${INT32_MAX} au plus` });

const amountCents = z
  .number({ error: 'montant : un nombre de centimes est attendu' })
  .int({ error: 'montant : un nombre entier de centimes est attendu' })
  .min(1, { error: 'montant : un montant strictement positif est attendu' })
  .max(MAX_CENTS, { error: 'montant : trop grand' });

const demandHours = z
  .number({ error: 'heures demandées : un nombre est attendu' })
  .positive({ error: 'heures demandées : un nombre strictement positif est attendu' })
  .max(INT32_MAX, { error: `heures demandées : ${INT32_MAX} au plus` });

const title = z
  .string({ error: 'intitulé du lot : un texte est attendu' })
  .trim()
  .min(1, { error: 'intitulé du lot : un texte est attendu' })
  .max(300, { error: 'intitulé du lot : 300 caractères au plus' });

const territory = z
  .string({ error: 'territoire : un code de territoire est attendu' })
  .trim()
  .min(3, { error: 'territoire : un code de territoire (COM:93066, DEP:93…) est attendu' })
  .max(80, { error: 'territoire : 80 caractères au plus' });

const instant = (field: string) =>
  z.iso
    .datetime({ offset: true, error: `${field} : une date et une heure ISO 8601 sont attendues` })
    .transform((value) => new Date(value));

const newCell = z.strictObject({ territory, demandHours });

/** One change of the tender; values are stored with the corrigendum: never rename. */
export const corrigendumChangeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('LOT_CHANGED'),
      lot: lotNumber,
      title: title.optional(),
      amountCents: amountCents.optional(),
    }),
    z.strictObject({
      kind: z.literal('LOT_ADDED'),
      lot: lotNumber,
      title,
      amountCents,
      insertionHours: z
        .number({ error: 'heures d’insertion : un nombre est attendu' })
        .int({ error: 'heures d’insertion : un nombre entier est attendu' })
        .min(0, { error: 'heures d’insertion : un nombre positif ou nul est attendu' })
        .max(INT32_MAX, { error: `heures d’insertion : ${INT32_MAX} au plus` })
        .default(0),
      cells: z.array(newCell).min(1, { error: 'territoires du lot : un au moins' }).max(500),
    }),
    z.strictObject({ kind: z.literal('CELL_ADDED'), lot: lotNumber, territory, demandHours }),
    z.strictObject({ kind: z.literal('CELL_REMOVED'), lot: lotNumber, territory }),
    z.strictObject({ kind: z.literal('CELL_CHANGED'), lot: lotNumber, territory, demandHours }),
    z.strictObject({
      kind: z.literal('DEADLINES_MOVED'),
      capacityDeadline: instant('date limite de l’appel à capacités').optional(),
      applicationDeadline: instant('date limite de remise des candidatures').optional(),
    }),
  ],
  {
    error:
      'nature du changement : LOT_CHANGED, LOT_ADDED, CELL_ADDED, CELL_REMOVED, CELL_CHANGED ou DEADLINES_MOVED',
  },
);
export type CorrigendumChange = z.output<typeof corrigendumChangeSchema>;

/** The corrigendum as the coordinator records it from the buyer's notice. */
export const corrigendumSchema = z.strictObject({
  reason: z
    .string({ error: 'motif : un texte est attendu' })
    .trim()
    .min(1, { error: 'motif : dites ce que l’acheteur a rectifié' })
    .max(2000, { error: 'motif : 2000 caractères au plus' }),
  buyerReference: z
    .string({ error: 'référence de l’avis : un texte est attendu' })
    .trim()
    .max(100, { error: 'référence de l’avis : 100 caractères au plus' })
    .nullable()
    .default(null),
  publishedOn: z
    .string({ error: 'date de l’avis : une date AAAA-MM-JJ est attendue' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date de l’avis : une date AAAA-MM-JJ est attendue' })
    .refine(isCalendarDate, {
      error: 'date de l’avis : cette date n’existe pas',
    }),
  changes: z
    .array(corrigendumChangeSchema)
    .min(1, { error: 'changements : un au moins' })
    .max(500, { error: 'changements : 500 au plus' }),
});
export type Corrigendum = z.output<typeof corrigendumSchema>;

/** What the decision looks at; the caller loads it under the bid's lock. */
export interface CorrigendumFacts {
  readonly status: BidStatus;
  readonly lots: readonly {
    number: number;
    title: string;
    amountCents: number;
    cells: readonly { territory: string; territoryName: string; demandHours: number }[];
  }[];
  /** The offers still in force (not outdated yet), with their member. */
  readonly offers: readonly {
    id: string;
    memberId: string;
    memberName: string;
    lot: number;
    territory: string;
    hours: number;
  }[];
  /** The allocation versions not outdated yet. */
  readonly versions: readonly { id: string; number: number }[];
  readonly capacityDeadline: Date | null;
  readonly applicationDeadline: Date;
  /** Territory codes that exist (those the changes add cells on). */
  readonly knownTerritories: ReadonlySet<string>;
  readonly now: Date;
}

export interface OutdatedOffer {
  offerId: string;
  memberId: string;
  memberName: string;
  lot: number;
  territory: string;
  hours: number;
  /** Why, in French: what the member should look at again. */
  reason: string;
}

/** What applying the corrigendum does, decided before anything is written. */
export interface CorrigendumPlan {
  /** One French sentence per change, for the record, the mails and the history. */
  readonly summary: readonly string[];
  readonly outdatedOffers: readonly OutdatedOffer[];
  readonly outdatedVersions: readonly { id: string; number: number }[];
  /** The split under vote, or agreed, no longer fits the tender: the bid goes back to allocating. */
  readonly revise: boolean;
  readonly capacityDeadline: Date | null;
  readonly applicationDeadline: Date;
}

/** Statuses where the tender can still be corrected here. */
const OPEN_TO_CORRIGENDUM: readonly BidStatus[] = [
  'DRAFT',
  'COLLECTING',
  'ALLOCATING',
  'PROPOSED',
  'AGREED',
];

/** Why a status refuses a corrigendum, in French. */
function closedReason(status: BidStatus): string {
  switch (status) {
    case 'SIGNING':
    case 'SIGNED':
      return (
        `la candidature est au stade « ${BID_STATUS_LABELS[status]} » : la convention engage déjà ` +
        'les membres sur la répartition. Ouvrez une demande de modification : la nouvelle ' +
        'répartition passera par un avenant signé'
      );
    default:
      return (
        `la candidature est au stade « ${BID_STATUS_LABELS[status]} » : l’offre est déposée ou ` +
        'close, un avis rectificatif ne la change plus'
      );
  }
}

const territoryLabel = (
  cell: { territory: string; territoryName: string } | undefined,
  code: string,
) => (cell ? `${cell.territoryName} (${cell.territory})` : code);

/**
 * Checks the corrigendum against the bid and says what it outdates. Refuses with INVALID_TRANSITION
 * when the bid's status no longer allows it, INVALID_INPUT (one problem per change, its path
 * `changes[i].field`) when a change does not fit the tender.
 */
export function planCorrigendum(
  facts: CorrigendumFacts,
  corrigendum: Corrigendum,
): CorrigendumPlan {
  if (!OPEN_TO_CORRIGENDUM.includes(facts.status)) {
    throw new DomainError(
      DomainErrorCode.INVALID_TRANSITION,
      `Impossible d’appliquer l’avis rectificatif : ${closedReason(facts.status)}.`,
      [{ path: 'status', code: 'CORRIGENDUM_NOT_ALLOWED', message: facts.status }],
    );
  }
  const problems: Problem[] = [];
  const refuse = (index: number, field: string, code: string, message: string) =>
    problems.push({ path: `changes[${index}].${field}`, code, message });
  // The tender as the changes leave it, to check each against the ones before.
  const lots = new Map(
    facts.lots.map((lot) => [
      lot.number,
      { ...lot, cells: new Map(lot.cells.map((cell) => [cell.territory, cell])) },
    ]),
  );
  const summary: string[] = [];
  const outdated = new Map<string, OutdatedOffer>();
  const touchedCells = new Set<string>();
  let structural = false;
  let capacityDeadline = facts.capacityDeadline;
  let applicationDeadline = facts.applicationDeadline;

  const outdate = (lot: number, where: (territory: string) => boolean, reason: string) => {
    for (const offer of facts.offers) {
      if (offer.lot !== lot || !where(offer.territory) || outdated.has(offer.id)) continue;
      outdated.set(offer.id, {
        offerId: offer.id,
        memberId: offer.memberId,
        memberName: offer.memberName,
        lot,
        territory: offer.territory,
        hours: offer.hours,
        reason,
      });
    }
  };
  /** One change per cell: two would leave the order of their effects ambiguous. */
  const onceOnCell = (index: number, lot: number, code: string) => {
    const key = `${lot}/${code}`;
    if (touchedCells.has(key)) {
      refuse(
        index,
        'territory',
        'DUPLICATE_CHANGE',
        `lot ${lot}, ${code} : un seul changement par territoire`,
      );
      return false;
    }
    touchedCells.add(key);
    return true;
  };

  corrigendum.changes.forEach((change, index) => {
    if (change.kind === 'DEADLINES_MOVED') {
      if (!change.capacityDeadline && !change.applicationDeadline) {
        refuse(index, 'kind', 'NOTHING_CHANGED', 'indiquez au moins une date à déplacer');
      }
      if (change.applicationDeadline) {
        if (change.applicationDeadline <= facts.now) {
          refuse(
            index,
            'applicationDeadline',
            'DEADLINE_PASSED',
            'la date limite de remise des candidatures doit être à venir',
          );
        } else {
          applicationDeadline = change.applicationDeadline;
          summary.push(
            `Date limite de remise des candidatures : ${formatDeadline(facts.applicationDeadline)} → ${formatDeadline(change.applicationDeadline)}.`,
          );
        }
      }
      if (change.capacityDeadline) {
        if (facts.status !== 'COLLECTING') {
          refuse(
            index,
            'capacityDeadline',
            'CAPACITY_CALL_NOT_OPEN',
            'l’appel à capacités n’est pas ouvert : sa date limite ne se déplace pas',
          );
        } else if (change.capacityDeadline <= facts.now) {
          refuse(
            index,
            'capacityDeadline',
            'DEADLINE_PASSED',
            'la date limite de l’appel à capacités doit être à venir',
          );
        } else {
          capacityDeadline = change.capacityDeadline;
          summary.push(
            `Date limite de l’appel à capacités : ${facts.capacityDeadline ? formatDeadline(facts.capacityDeadline) : 'aucune'} → ${formatDeadline(change.capacityDeadline)}.`,
          );
        }
      }
      return;
    }
    const lot = lots.get(change.lot);
    if (change.kind === 'LOT_ADDED') {
      if (lot) {
        refuse(index, 'lot', 'LOT_EXISTS', `le lot ${change.lot} existe déjà`);
        return;
      }
      const cells = new Map<
        string,
        { territory: string; territoryName: string; demandHours: number }
      >();
      change.cells.forEach((cell, cellIndex) => {
        if (!facts.knownTerritories.has(cell.territory)) {
          refuse(
            index,
            `cells[${cellIndex}].territory`,
            'UNKNOWN_TERRITORY',
            `territoire inconnu : ${cell.territory}`,
          );
        } else if (cells.has(cell.territory)) {
          refuse(
            index,
            `cells[${cellIndex}].territory`,
            'DUPLICATE_CHANGE',
            `${cell.territory} figure deux fois dans le lot`,
          );
        }
        cells.set(cell.territory, {
          territory: cell.territory,
          territoryName: cell.territory,
          demandHours: cell.demandHours,
        });
      });
      lots.set(change.lot, {
        number: change.lot,
        title: change.title,
        amountCents: change.amountCents,
        cells,
      });
      structural = true;
      summary.push(
        `Lot ${change.lot} ajouté : « ${change.title} », ${formatEuros(change.amountCents)} HT, ${cells.size} territoire(s).`,
      );
      return;
    }
    if (!lot) {
      refuse(
        index,
        'lot',
        'UNKNOWN_LOT',
        `le lot ${change.lot} n’existe pas dans cette consultation`,
      );
      return;
    }
    switch (change.kind) {
      case 'LOT_CHANGED': {
        const sameTitle = change.title === undefined || change.title === lot.title;
        const sameAmount =
          change.amountCents === undefined || change.amountCents === lot.amountCents;
        if (sameTitle && sameAmount) {
          refuse(
            index,
            'kind',
            'NOTHING_CHANGED',
            `lot ${lot.number} : indiquez un nouvel intitulé ou un nouveau montant`,
          );
          return;
        }
        if (change.title !== undefined && change.title !== lot.title) {
          summary.push(`Lot ${lot.number} : intitulé « ${lot.title} » → « ${change.title} ».`);
          lot.title = change.title;
        }
        if (change.amountCents !== undefined && change.amountCents !== lot.amountCents) {
          const sentence = `le montant du lot ${lot.number} passe de ${formatEuros(lot.amountCents)} à ${formatEuros(change.amountCents)} HT`;
          summary.push(`${sentence[0]?.toUpperCase()}${sentence.slice(1)}.`);
          outdate(lot.number, () => true, sentence);
          lot.amountCents = change.amountCents;
          structural = true;
        }
        return;
      }
      case 'CELL_ADDED': {
        if (!onceOnCell(index, lot.number, change.territory)) return;
        if (lot.cells.has(change.territory)) {
          refuse(
            index,
            'territory',
            'CELL_EXISTS',
            `le lot ${lot.number} couvre déjà ${change.territory}`,
          );
        } else if (!facts.knownTerritories.has(change.territory)) {
          refuse(
            index,
            'territory',
            'UNKNOWN_TERRITORY',
            `territoire inconnu : ${change.territory}`,
          );
        } else {
          lot.cells.set(change.territory, {
            territory: change.territory,
            territoryName: change.territory,
            demandHours: change.demandHours,
          });
          structural = true;
          summary.push(
            `Lot ${lot.number} : territoire ${change.territory} ajouté, ${formatHours(change.demandHours)} demandées.`,
          );
        }
        return;
      }
      case 'CELL_REMOVED':
      case 'CELL_CHANGED': {
        if (!onceOnCell(index, lot.number, change.territory)) return;
        const cell = lot.cells.get(change.territory);
        if (!cell) {
          refuse(
            index,
            'territory',
            'UNKNOWN_CELL',
            `le lot ${lot.number} ne couvre pas ${change.territory}`,
          );
          return;
        }
        const where = territoryLabel(cell, change.territory);
        if (change.kind === 'CELL_REMOVED') {
          if (lot.cells.size === 1) {
            refuse(
              index,
              'territory',
              'LAST_CELL',
              `le lot ${lot.number} n’aurait plus aucun territoire`,
            );
            return;
          }
          lot.cells.delete(change.territory);
          const sentence = `le territoire ${where} est retiré du lot ${lot.number}`;
          summary.push(`Lot ${lot.number} : territoire ${where} retiré.`);
          outdate(lot.number, (code) => code === change.territory, sentence);
        } else {
          if (change.demandHours === cell.demandHours) {
            refuse(
              index,
              'demandHours',
              'NOTHING_CHANGED',
              `lot ${lot.number}, ${where} : ce sont déjà les heures demandées`,
            );
            return;
          }
          const sentence = `les heures demandées sur ${where} (lot ${lot.number}) passent de ${formatHours(cell.demandHours)} à ${formatHours(change.demandHours)}`;
          summary.push(
            `Lot ${lot.number} : heures demandées sur ${where} : ${formatHours(cell.demandHours)} → ${formatHours(change.demandHours)}.`,
          );
          outdate(lot.number, (code) => code === change.territory, sentence);
          cell.demandHours = change.demandHours;
        }
        structural = true;
        return;
      }
    }
  });
  if (
    capacityDeadline &&
    capacityDeadline >= applicationDeadline &&
    facts.status === 'COLLECTING'
  ) {
    problems.push({
      path: 'changes',
      code: 'DEADLINES_OUT_OF_ORDER',
      message: 'l’appel à capacités doit se clore avant la date limite de remise des candidatures',
    });
  }
  if (problems.length > 0) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `L’avis rectificatif ne s’applique pas à cette candidature : ${problems.map((problem) => `${problem.path} : ${problem.message}`).join(' ; ')}.`,
      problems,
    );
  }
  return {
    summary,
    outdatedOffers: [...outdated.values()],
    outdatedVersions: structural ? [...facts.versions] : [],
    revise: structural && (facts.status === 'PROPOSED' || facts.status === 'AGREED'),
    capacityDeadline,
    applicationDeadline,
  };
}
