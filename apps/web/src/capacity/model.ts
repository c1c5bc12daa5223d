import { z } from 'zod';
import type { BidDto, CarriedOffersDto, MemberDataDto, OffersDto } from '../api/schema';
import type { Member } from '../bids/queries';
import { decimalText, decimalValue, readDecimal } from '@cordage/domain/french-decimal';
import { parseEuros } from '../ui/format';
import type { Offer } from '../members/queries';

/** A member's declaration: the form edits it, the read-only view shows it. */
export interface MemberDeclaration {
  bid: BidDto;
  member: Member;
  offers: Offer[];
}

/** One cell of the grid: a territory (or a site) of a lot, with its demand in hours. */
export interface Cell {
  index: number;
  lot: number;
  territory: string;
  /** The site's label, or the territory's name. */
  name: string;
  /** The territory's name when the cell is a site, to tell sites apart. */
  within: string | null;
  demandHours: number;
}

export type Preference = OffersDto['offers'][number]['preference'];

export interface CapacityValues {
  /** In the order of `cellsOf(bid)`; hours as typed, '' for no offer. */
  cells: { hours: string; preference: Preference | '' }[];
  maxHours: string;
  /** Euros as typed (« 150 000,50 »). */
  maxRevenue: string;
  insertionHoursMax: string;
}

export function cellsOf(bid: BidDto): Cell[] {
  let index = 0;
  return bid.lots.flatMap((lot) =>
    lot.cells.map((cell) => ({
      index: index++,
      lot: lot.number,
      territory: cell.territory,
      name: cell.label ?? cell.territoryName,
      within: cell.label ? cell.territoryName : null,
      demandHours: cell.demandHours,
    })),
  );
}

const keyOf = (lot: number, territory: string) => `${lot}|${territory}`;

/** Integer cents to what a person types in a field: « 150000 » or « 150000,50 ». */
function centsToText(cents: number): string {
  const rest = cents % 100;
  const units = (cents - rest) / 100;
  return rest === 0 ? String(units) : `${units},${String(rest).padStart(2, '0')}`;
}

/** A cell nobody has typed in. */
const EMPTY_CELL: CapacityValues['cells'][number] = { hours: '', preference: '' };

/** The form as the api knows the member now. */
export function savedValues(cells: Cell[], offers: Offer[], member: Member): CapacityValues {
  const byKey = new Map(offers.map((offer) => [keyOf(offer.lot, offer.territory), offer]));
  return {
    cells: cells.map((cell) => {
      const offer = byKey.get(keyOf(cell.lot, cell.territory));
      return offer
        ? { hours: decimalText(offer.hours), preference: offer.preference }
        : { ...EMPTY_CELL };
    }),
    maxHours: member.limits?.maxHours == null ? '' : decimalText(member.limits.maxHours),
    maxRevenue:
      member.limits?.maxRevenueCents == null ? '' : centsToText(member.limits.maxRevenueCents),
    insertionHoursMax:
      member.insertionHoursMax === null ? '' : decimalText(member.insertionHoursMax),
  };
}

/**
 * The form prefilled with the offers carried from the previous tender (a renewal), where the
 * member has declared nothing yet: drafts to confirm or edit, written only when it saves. Its
 * previous caps fill the cap fields it has left empty.
 */
export function proposedValues(
  cells: Cell[],
  saved: CapacityValues,
  proposal: CarriedOffersDto,
): CapacityValues {
  const byKey = new Map(proposal.offers.map((offer) => [keyOf(offer.lot, offer.territory), offer]));
  const limits = proposal.limits;
  const noCaps = saved.maxHours === '' && saved.maxRevenue === '';
  return {
    ...saved,
    cells: cells.map((cell) => {
      const offer = byKey.get(keyOf(cell.lot, cell.territory));
      return offer
        ? { hours: decimalText(offer.hours), preference: offer.preference }
        : (saved.cells[cell.index] ?? { ...EMPTY_CELL });
    }),
    ...(noCaps &&
      limits && {
        maxHours: limits.maxHours === null ? '' : decimalText(limits.maxHours),
        maxRevenue: limits.maxRevenueCents === null ? '' : centsToText(limits.maxRevenueCents),
      }),
  };
}

/** The carried offer of a cell, if the proposal has one. */
export function carriedOfferOf(proposal: CarriedOffersDto | null, cell: Cell) {
  return proposal?.offers.find(
    (offer) => offer.lot === cell.lot && offer.territory === cell.territory,
  );
}

/** Hours count to the microhour (the api's precision): an imported 12,345678 h stays as it is. */
const HOURS = { maxDecimals: 6 };

/** Hours typed in a cell (« 12,5 », « 1 200 »), or null when left empty or not a number yet. */
export const hoursOf = (text: string): number | null => decimalValue(text, HOURS);

const HOURS_MESSAGE = 'Indiquez un nombre d’heures supérieur à 0, ou laissez vide.';

/** The reader's own message when the text cannot be read, else `message` unless `valid`. */
function hoursProblem(text: string, valid: (hours: number) => boolean, integer = false) {
  const reading = readDecimal(text, integer ? { integer } : HOURS);
  if (reading.kind === 'invalid') return reading.message;
  if (reading.kind === 'number' && !valid(reading.value)) return HOURS_MESSAGE;
  return null;
}

export const schema = z.object({
  cells: z.array(
    z
      .object({ hours: z.string(), preference: z.enum(['', 'PRIMARY', 'SECONDARY']) })
      .superRefine((cell, ctx) => {
        if (cell.hours.trim() === '') return;
        const problem = hoursProblem(cell.hours, (hours) => hours > 0);
        if (problem) {
          ctx.addIssue({ code: 'custom', path: ['hours'], message: problem });
        } else if (cell.preference === '') {
          ctx.addIssue({
            code: 'custom',
            path: ['preference'],
            message: 'Choisissez « Principal » ou « Secondaire ».',
          });
        }
      }),
  ),
  maxHours: z.string().superRefine((text, ctx) => {
    const problem = hoursProblem(text, (hours) => hours > 0);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  maxRevenue: z
    .string()
    .refine(
      (text) => text.trim() === '' || parseEuros(text) !== null,
      'Indiquez un montant en euros (par exemple 150 000 ou 150 000,50), ou laissez vide.',
    ),
  insertionHoursMax: z.string().superRefine((text, ctx) => {
    const problem = hoursProblem(text, () => true, true);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});

/** The offers to send, and for each one the index of its cell (to place the api's problems). */
export function offersOf(cells: Cell[], values: CapacityValues) {
  const offers: OffersDto['offers'] = [];
  const cellIndexes: number[] = [];
  cells.forEach((cell) => {
    const typed = values.cells[cell.index];
    if (typed === undefined) return;
    const hours = hoursOf(typed.hours);
    if (hours === null || typed.preference === '') return;
    offers.push({ lot: cell.lot, territory: cell.territory, hours, preference: typed.preference });
    cellIndexes.push(cell.index);
  });
  return { offers, cellIndexes };
}

/** What changed in the member's limits and insertion hours, or null when nothing did. */
export function memberDataOf(values: CapacityValues, member: Member): MemberDataDto | null {
  const maxHours = hoursOf(values.maxHours);
  const maxRevenueCents = values.maxRevenue.trim() === '' ? null : parseEuros(values.maxRevenue);
  const insertionHoursMax = decimalValue(values.insertionHoursMax, { integer: true });
  const data: MemberDataDto = {};
  if (insertionHoursMax !== member.insertionHoursMax) data.insertionHoursMax = insertionHoursMax;
  if (
    maxHours !== (member.limits?.maxHours ?? null) ||
    maxRevenueCents !== (member.limits?.maxRevenueCents ?? null)
  ) {
    // Both caps travel together; two empty fields remove them.
    data.limits =
      maxHours === null && maxRevenueCents === null ? null : { maxHours, maxRevenueCents };
  }
  return Object.keys(data).length > 0 ? data : null;
}

/** The form field an api problem is about, or null to show it above the form. */
export function fieldOfProblem(path: string, cellIndexes: number[]): string | null {
  const offer = /^offers\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (offer) {
    const cell = cellIndexes[Number(offer[1])];
    if (cell === undefined) return null;
    return `cells.${cell}.${offer[2] === 'preference' ? 'preference' : 'hours'}`;
  }
  switch (path) {
    case 'insertionHoursMax':
      return 'insertionHoursMax';
    case 'limits.maxHours':
      return 'maxHours';
    case 'limits.maxRevenueCents':
      return 'maxRevenue';
    default:
      return null;
  }
}

// Drafts: kept on this device as the person types, per bid and member, until saved or abandoned.

interface Draft {
  savedAt: string;
  cells: Record<string, CapacityValues['cells'][number]>;
  maxHours: string;
  maxRevenue: string;
  insertionHoursMax: string;
}

const draftKey = (bidId: string, memberId: string) => `cordage:capacites:${bidId}:${memberId}`;

export function writeDraft(bidId: string, memberId: string, cells: Cell[], values: CapacityValues) {
  const draft: Draft = {
    savedAt: new Date().toISOString(),
    // By lot and territory rather than by position, should the grid change meanwhile.
    cells: Object.fromEntries(
      cells.flatMap((cell) => {
        const typed = values.cells[cell.index];
        return typed === undefined ? [] : [[keyOf(cell.lot, cell.territory), typed]];
      }),
    ),
    maxHours: values.maxHours,
    maxRevenue: values.maxRevenue,
    insertionHoursMax: values.insertionHoursMax,
  };
  try {
    localStorage.setItem(draftKey(bidId, memberId), JSON.stringify(draft));
    return draft.savedAt;
  } catch {
    // A full or forbidden storage only loses the draft, never the form.
    return null;
  }
}

export function clearDraft(bidId: string, memberId: string) {
  try {
    localStorage.removeItem(draftKey(bidId, memberId));
  } catch {
    // Nothing to clear where storage is forbidden.
  }
}

/** The draft left on this device, laid over the saved values; null when there is none. */
export function readDraft(
  bidId: string,
  memberId: string,
  cells: Cell[],
  saved: CapacityValues,
): { values: CapacityValues; savedAt: string } | null {
  try {
    const text = localStorage.getItem(draftKey(bidId, memberId));
    if (!text) return null;
    const draft = JSON.parse(text) as Draft;
    const values: CapacityValues = {
      cells: cells.map((cell) => {
        const typed = draft.cells[keyOf(cell.lot, cell.territory)];
        if (typed && typeof typed.hours === 'string') return typed;
        return saved.cells[cell.index] ?? { ...EMPTY_CELL };
      }),
      maxHours: draft.maxHours ?? saved.maxHours,
      maxRevenue: draft.maxRevenue ?? saved.maxRevenue,
      insertionHoursMax: draft.insertionHoursMax ?? saved.insertionHoursMax,
    };
    if (sameValues(values, saved)) {
      clearDraft(bidId, memberId);
      return null;
    }
    return { values, savedAt: draft.savedAt };
  } catch {
    return null;
  }
}

export const sameValues = (a: CapacityValues, b: CapacityValues) =>
  JSON.stringify(a) === JSON.stringify(b);
