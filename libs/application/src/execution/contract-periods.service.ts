import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type ContractTerms,
  checkContractStart,
  DomainError,
  DomainErrorCode,
  contractPeriods,
  required,
  spreadOverPeriods,
} from '@cordage/domain';
import {
  BidLockRepository,
  ContractRepository,
  type PlannedPeriodRow,
  Transactional,
} from '@cordage/persistence';
import { AuditTrail } from '../audit';

const refused = (path: string, code: string, message: string) =>
  new DomainError(DomainErrorCode.WORKFLOW_RULE_VIOLATED, `${message}.`, [{ path, code, message }]);

/** A won lot's contract: its start, duration and periods, and the planned split over them. */
@Injectable()
export class ContractPeriodsService {
  constructor(
    private readonly bidLock: BidLockRepository,
    private readonly contract: ContractRepository,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Sets a won lot's contract, once: its periods (monthly by default) are generated and each
   * member's planned cells spread over them, so that the periods add up to the cell to the cent.
   */
  @Transactional()
  async set(
    bidId: string,
    input: { lot: number; startOn: string; durationMonths: number; periodMonths?: number },
    actor: Actor,
  ): Promise<{ periods: number }> {
    await this.bidLock.lock(bidId);
    const lots = await this.contract.lotContracts(bidId);
    if (lots.length === 0) {
      throw refused('lot', 'NOT_AWARDED', 'l’attribution des lots n’est pas encore enregistrée');
    }
    const lot = lots.find((candidate) => candidate.lot === input.lot);
    if (!lot) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `Le lot ${input.lot} n’existe pas dans cette candidature.`,
        [{ path: 'lot', code: 'UNKNOWN_LOT', message: `lot ${input.lot} inconnu` }],
      );
    }
    if (lot.outcome !== 'WON') {
      throw refused('lot', 'LOT_LOST', `le lot ${input.lot} n’a pas été attribué au groupement`);
    }
    if (lot.startOn !== null) {
      throw refused(
        'lot',
        'ALREADY_SET',
        `la durée d’exécution du lot ${input.lot} est déjà fixée`,
      );
    }
    const terms: ContractTerms = {
      startOn: input.startOn,
      durationMonths: input.durationMonths,
      periodMonths: input.periodMonths ?? 1,
    };
    const periods = contractPeriods(terms);
    checkContractStart(terms.startOn, lot.awardedOn);
    const cells = await this.contract.memberPlannedCells(bidId, lot.lotId);
    const rows: PlannedPeriodRow[] = cells.flatMap((cell) =>
      spreadOverPeriods(cell, periods).map((share) => ({
        bidId,
        memberId: required(cell.memberId, 'a member’s planned cell'),
        lotId: cell.lotId,
        lotCellId: cell.lotCellId,
        period: share.period,
        hundredths: share.hundredths,
        amountCents: share.amountCents,
        insertionHours: share.insertionHours,
      })),
    );
    await this.contract.setContract(lot.awardId, terms);
    await this.contract.insertPlannedPeriods(rows);
    await this.audit.append(actor, {
      action: 'contract.periods_set',
      entityType: 'bid',
      entityId: bidId,
      bidId,
      after: { lot: input.lot, ...terms, periods: periods.length },
    });
    return { periods: periods.length };
  }
}
