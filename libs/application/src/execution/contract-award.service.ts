import { Injectable } from '@nestjs/common';
import {
  type Actor,
  DomainError,
  DomainErrorCode,
  type LotOutcome,
  calendarDate,
  checkAward,
  checkAwardDate,
  contractPeriods,
  plannedSplit,
  required,
} from '@cordage/domain';
import {
  AllocationsRepository,
  ContractRepository,
  type PlannedCellRow,
  Transactional,
} from '@cordage/persistence';
import { AuditTrail } from '../audit';

/** The award as the coordinator records it: the notification's date and each lot's outcome. */
export interface AwardInput {
  awardedOn: string;
  lots: { lot: number; outcome: LotOutcome; awardedCents?: number | null }[];
}

const refused = (path: string, code: string, message: string) =>
  new DomainError(DomainErrorCode.WORKFLOW_RULE_VIOLATED, `${message}.`, [{ path, code, message }]);

/** After the award: which lots were won, and the contract's planned split taken from the signed one. */
@Injectable()
export class ContractAwardService {
  constructor(
    private readonly contract: ContractRepository,
    private readonly allocations: AllocationsRepository,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Records the buyer's decision lot by lot, once, on an awarded bid; the signed split restricted
   * to the won lots (scaled where the awarded amount differs) becomes the planned split.
   */
  @Transactional()
  async record(bidId: string, input: AwardInput, actor: Actor): Promise<void> {
    const facts = await this.contract.lockAwardFacts(bidId);
    if (!facts) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Candidature introuvable.');
    if (facts.status !== 'AWARDED') {
      throw refused(
        'status',
        'BID_STATUS',
        'l’attribution des lots s’enregistre une fois la candidature attribuée (étape AWARD)',
      );
    }
    if (facts.alreadyAwarded) {
      throw refused('lots', 'ALREADY_RECORDED', 'l’attribution des lots est déjà enregistrée');
    }
    checkAwardDate(input.awardedOn, calendarDate(new Date(), await this.contract.timeZone(bidId)));
    const awards = checkAward(facts.lots, input.lots);
    const versionId = facts.signedVersionId;
    const version = versionId ? await this.allocations.findById(versionId) : null;
    if (!versionId || !version) {
      throw refused(
        'version',
        'NO_SIGNED_VERSION',
        'aucune répartition signée pour cette candidature',
      );
    }
    const split = plannedSplit(version.result, facts.lots, awards);

    const lotIds = new Map(facts.lots.map((lot) => [lot.number, lot.id]));
    const cells = await this.contract.cells(bidId);
    const members = await this.contract.members(bidId);
    const cellOf = (lot: number, territory: string) =>
      required(cells.get(`${lot}\u0000${territory}`), `cell ${territory} of lot ${lot}`);
    const rows: PlannedCellRow[] = [
      ...split.cells.map((cell) => ({
        bidId,
        memberId: required(members.get(cell.org), `member ${cell.org}`).id,
        lotId: cellOf(cell.lot, cell.territory).lotId,
        lotCellId: cellOf(cell.lot, cell.territory).lotCellId,
        hundredths: cell.hundredths,
        amountCents: cell.amountCents,
        insertionHours: cell.insertionHours,
      })),
      ...split.uncovered.map((entry) => ({
        bidId,
        memberId: null,
        lotId: cellOf(entry.lot, entry.territory).lotId,
        lotCellId: cellOf(entry.lot, entry.territory).lotCellId,
        hundredths: 0,
        amountCents: entry.amountCents,
        insertionHours: entry.insertionHours,
      })),
    ];
    await this.contract.insertAwards(
      awards.map((award) => ({
        bidId,
        lotId: required(lotIds.get(award.lot), `lot ${award.lot}`),
        outcome: award.outcome,
        awardedOn: input.awardedOn,
        awardedCents: award.awardedCents,
        versionId,
        recordedBy: actor.userId,
      })),
    );
    await this.contract.insertPlannedCells(rows);
    await this.audit.append(actor, {
      action: 'contract.lots_awarded',
      entityType: 'bid',
      entityId: bidId,
      bidId,
      after: {
        awardedOn: input.awardedOn,
        versionNumber: version.number,
        lots: awards,
        // Where the buyer changed an amount, the split was scaled: the members vote on it later.
        amountsChanged: split.lots
          .filter(
            (lot) =>
              lot.amountCents !== facts.lots.find((known) => known.number === lot.lot)?.amountCents,
          )
          .map((lot) => lot.lot),
      },
    });
  }

  /** The award and the planned split; other members' cells only where `memberIds` allows. */
  async read(bidId: string, memberIds: 'ALL' | readonly string[]) {
    const lots = await this.contract.awards(bidId);
    const cells = await this.contract.plannedCells(bidId, memberIds);
    return {
      lots: lots.map(({ startOn, durationMonths, periodMonths, ...lot }) => {
        const lotCells = cells.filter((cell) => cell.lot === lot.lot);
        const contract =
          startOn === null || durationMonths === null || periodMonths === null
            ? null
            : { startOn, durationMonths, periodMonths };
        return {
          ...lot,
          plannedCents: lotCells.reduce((sum, cell) => sum + cell.amountCents, 0),
          contract: contract && { ...contract, periods: contractPeriods(contract) },
        };
      }),
      cells: cells.map(({ memberId: _memberId, ...cell }) => cell),
    };
  }
}
