import type { AllocationInput } from './allocation-input';
import type { AllocationWarning } from './allocation-result';
import type { Apportionment } from './apportionment';
import { formatEuros, formatHours } from './french-format';
import { reportedHours } from './micro-hours';
import { at } from '../invariants';
import { subcontractExceedsPrincipal } from '../subcontracting/subcontract-terms';

/**
 * What a coordinator must look at: demand nobody covers and the insertion hours that go with it,
 * insertion hours beyond what a member declared it can carry, a revenue cap passed by the rounding to the cent,
 * a subcontract larger than its principal's share (annex B). Reported, never silently corrected;
 * by lot, then by member key, then by subcontract, in the file's terms (`path`).
 */
export function allocationWarnings(
  input: AllocationInput,
  apportionment: Apportionment,
): AllocationWarning[] {
  const { lots, members, subcontracts } = input;
  const warnings: AllocationWarning[] = [];

  for (const totals of apportionment.lots) {
    const lot = at(lots, totals.lot);
    const path = `tender.lots[${totals.lot}]`;
    if (totals.uncoveredMicroHours > 0n) {
      warnings.push({
        code: 'UNCOVERED_DEMAND',
        path,
        message:
          `Lot ${lot.number} : ${formatHours(reportedHours(totals.uncoveredMicroHours))} sur ` +
          `${formatHours(lot.demandHours)} demandées ne sont couvertes par aucune offre ` +
          `(${formatEuros(totals.uncoveredCents)} HT).`,
      });
    }
    if (totals.uncoveredInsertionHours > 0) {
      warnings.push({
        code: 'INSERTION_HOURS_UNASSIGNED',
        path: `${path}.insertionHours`,
        message:
          `Lot ${lot.number} : ${formatHours(totals.uncoveredInsertionHours)} d’insertion sur ` +
          `${formatHours(lot.insertionHours)} vont avec la part non couverte ; aucun membre ne ` +
          `les porte, la règle choisie pour la part non couverte dit qui en répond.`,
      });
    }
  }

  const insertion = new Map<number, number>();
  const revenue = new Map<number, number>();
  const amountOnLot = new Map<string, number>();
  for (const share of apportionment.shares) {
    insertion.set(share.member, (insertion.get(share.member) ?? 0) + share.insertionHours);
    revenue.set(share.member, (revenue.get(share.member) ?? 0) + share.amountCents);
    amountOnLot.set(`${share.member}:${share.lot}`, share.amountCents);
  }
  for (const [m, hours] of insertion) {
    const { insertionHoursMax, key } = at(members, m);
    if (insertionHoursMax !== undefined && hours > insertionHoursMax) {
      warnings.push({
        code: 'INSERTION_CAPACITY_EXCEEDED',
        path: `organizations[${m}].insertionHoursMax`,
        message:
          `${key} : ${formatHours(hours)} d’insertion lui reviennent, au-delà de sa ` +
          `capacité déclarée de ${formatHours(insertionHoursMax)}.`,
      });
    }
  }
  for (const [m, cents] of revenue) {
    const { maxRevenueCents, key, limit } = at(members, m);
    // The hours respect the cap exactly; only the rounding of each lot to the cent can pass it.
    if (maxRevenueCents !== undefined && cents > maxRevenueCents) {
      warnings.push({
        code: 'REVENUE_CAP_ROUNDING',
        path: `limits[${limit}].maxRevenueCents`,
        message:
          `${key} : l’arrondi au centime porte son montant à ${formatEuros(cents)} HT, ` +
          `${formatEuros(cents - maxRevenueCents)} au-delà de son plafond de ` +
          `${formatEuros(maxRevenueCents)}.`,
      });
    }
  }

  const memberIndex = new Map(members.map((member, m) => [member.key, m]));
  const lotIndex = new Map(lots.map((lot, l) => [lot.number, l]));
  subcontracts.forEach((subcontract, index) => {
    const principal = memberIndex.get(subcontract.principal);
    const lot = lotIndex.get(subcontract.lot);
    if (principal === undefined || lot === undefined) return;
    const principalCents = amountOnLot.get(`${principal}:${lot}`) ?? 0;
    if (subcontractExceedsPrincipal(subcontract.maxAmountCents, principalCents)) {
      warnings.push({
        code: 'SUBCONTRACT_EXCEEDS_PRINCIPAL',
        path: `subcontracts[${index}].maxAmountCents`,
        message:
          `Sous-traitance de ${subcontract.principal} à ${subcontract.subcontractor} sur le lot ` +
          `${subcontract.lot} : ${formatEuros(subcontract.maxAmountCents)} HT au plus, ` +
          `au-delà des ${formatEuros(principalCents)} HT de ${subcontract.principal} sur ce lot.`,
      });
    }
  });
  return warnings;
}
