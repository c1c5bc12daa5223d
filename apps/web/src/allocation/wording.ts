// The words and signed figures of the allocation pages.
import { formatPercentAtLeast } from '@cordage/domain/french-format';
import type { BidDto, ChangeRequestDto } from '../api/schema';
import { formatCents, formatHours } from '../ui/format';

/** The worker's steps (ALLOCATION_STEPS and the runner's own), as a person reads them. */
const STEPS: Record<string, string> = {
  validating: 'Vérification des données de la candidature',
  coverage: 'Étape 1 sur 3 : couvrir le plus possible de la demande',
  proximity: 'Étape 2 sur 3 : privilégier les territoires principaux de chacun',
  fairness: 'Étape 3 sur 3 : garantir à chaque membre la même part minimale de son offre',
  apportioning: 'Conversion des heures en montants, au centime près',
  saving: 'Enregistrement de la nouvelle version',
  done: 'Répartition terminée',
  unchanged: 'Répartition terminée',
};

export const stepLabel = (step: string | null): string =>
  (step && STEPS[step]) ?? 'En attente du calculateur…';

/** "+12,5 h", "−3 h", "0 h": the true minus sign, never a hyphen. */
export function signedHours(delta: number): string {
  if (delta === 0) return formatHours(0);
  return `${delta > 0 ? '+' : '−'}${formatHours(Math.abs(delta))}`;
}

export function signedCents(delta: number): string {
  if (delta === 0) return formatCents(0);
  return `${delta > 0 ? '+' : '−'}${formatCents(Math.abs(delta))}`;
}

/**
 * U*, a fraction, as "at least 69,9 %": rounded down so the guarantee is never overstated. The
 * engine's own formatter, so that the figure reads the same here and in the explanations.
 */
export const atLeastPercent = (fraction: number): string => formatPercentAtLeast(fraction);

/** Why the split may not be computed or changed now; null when it may. */
export function allocationBlockedReason(
  bid: BidDto,
  changeRequest: ChangeRequestDto | null,
): string | null {
  if (bid.status === 'ALLOCATING' || changeRequest) return null;
  switch (bid.status) {
    case 'DRAFT':
      return 'La répartition se lance une fois l’appel à capacités ouvert puis clos.';
    case 'COLLECTING':
      return 'La répartition se lance une fois l’appel à capacités clos.';
    case 'PROPOSED':
      return 'Une version est soumise au vote des membres : pour recalculer, la répartition doit d’abord être révisée.';
    case 'AGREED':
      return 'Les membres ont approuvé la répartition : pour recalculer, elle doit d’abord être révisée.';
    case 'LOST':
    case 'WITHDRAWN':
      return 'La candidature est close : la répartition ne change plus.';
    default:
      return 'Depuis l’ouverture de la signature, la répartition ne change que par une demande de modification.';
  }
}
