import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type Corrigendum,
  type CorrigendumPlan,
  DomainError,
  DomainErrorCode,
  planCorrigendum,
  required,
} from '@cordage/domain';
import {
  BidLockRepository,
  CorrigendaRepository,
  type CorrigendumEntity,
  type CorrigendumTender,
  Transactional,
} from '@cordage/persistence';
import { AuditTrail } from '../audit';
import { bidNotFound } from './bid-facts';
import { BidTransitionService } from './bid-transition.service';
import { WorkflowNotifier } from './workflow-notifier';

/** What a corrigendum would do, or did: its number and the plan the domain decided. */
export interface CorrigendumOutcome {
  number: number;
  plan: CorrigendumPlan;
}

/**
 * A buyer's corrigendum (« avis rectificatif ») applied to the bid's tender: decided by the domain
 * on the tender read under the bid's lock, written with its record, the flags on what it outdates,
 * its audit entry and the members' mails, in one transaction.
 */
@Injectable()
export class CorrigendumService {
  constructor(
    private readonly bidLock: BidLockRepository,
    private readonly corrigenda: CorrigendaRepository,
    private readonly transitions: BidTransitionService,
    private readonly notifier: WorkflowNotifier,
    private readonly audit: AuditTrail,
  ) {}

  /** What applying it would change and outdate, nothing written: shown before the coordinator applies. */
  @Transactional()
  async preview(bidId: string, corrigendum: Corrigendum): Promise<CorrigendumOutcome> {
    const { plan } = await this.plan(bidId, corrigendum);
    return { number: await this.corrigenda.nextNumber(bidId), plan };
  }

  @Transactional()
  async apply(bidId: string, corrigendum: Corrigendum, actor: Actor): Promise<CorrigendumOutcome> {
    // The bid's steps happen one at a time: no vote or declaration slips between check and write.
    await this.bidLock.lock(bidId);
    const { tender, plan } = await this.plan(bidId, corrigendum);
    const number = await this.corrigenda.nextNumber(bidId);
    const id = await this.corrigenda.insert({
      bidId,
      number,
      reason: corrigendum.reason,
      buyerReference: corrigendum.buyerReference,
      publishedOn: corrigendum.publishedOn,
      changes: corrigendum.changes,
      summary: [...plan.summary],
      outdatedOffers: plan.outdatedOffers.length,
      outdatedVersions: plan.outdatedVersions.map((version) => version.number),
      createdBy: actor.userId,
      author: actor.label,
    });
    // The split under vote, or agreed, was computed on the former tender: back to allocating.
    if (plan.revise) await this.transitions.transition(bidId, 'REVISE', actor);
    await this.write(tender, corrigendum, id);
    await this.corrigenda.outdateOffers(id, plan.outdatedOffers);
    await this.corrigenda.outdateVersions(
      id,
      plan.outdatedVersions.map((version) => version.id),
      `calculée sur la consultation avant l’avis rectificatif n° ${number}`,
    );
    await this.corrigenda.setDeadlines(bidId, tender.tenderId, plan);
    if (plan.capacityDeadline?.getTime() !== tender.capacityDeadline?.getTime()) {
      await this.transitions.rescheduleCapacityCall(bidId);
    }
    await this.audit.append(actor, {
      action: 'bid.corrigendum_applied',
      entityType: 'corrigendum',
      entityId: id,
      bidId,
      before: null,
      after: {
        number,
        reason: corrigendum.reason,
        buyerReference: corrigendum.buyerReference,
        publishedOn: corrigendum.publishedOn,
        summary: plan.summary,
        outdatedOffers: plan.outdatedOffers.map(({ offerId, memberId, reason }) => ({
          offerId,
          memberId,
          reason,
        })),
        outdatedVersions: plan.outdatedVersions.map((version) => version.number),
        revised: plan.revise,
      },
    });
    await this.notifier.afterCorrigendum(
      bidId,
      { number, reason: corrigendum.reason, summary: plan.summary },
      plan.outdatedOffers,
    );
    return { number, plan };
  }

  @Transactional()
  async list(bidId: string): Promise<CorrigendumEntity[]> {
    return this.corrigenda.list(bidId);
  }

  @Transactional()
  async find(bidId: string, number: number): Promise<CorrigendumEntity> {
    const corrigendum = await this.corrigenda.find(bidId, number);
    if (!corrigendum) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `Avis rectificatif n° ${number} introuvable pour cette candidature.`,
      );
    }
    return corrigendum;
  }

  private async plan(bidId: string, corrigendum: Corrigendum) {
    const tender = await this.corrigenda.tender(bidId);
    if (!tender) throw bidNotFound();
    const territories = await this.corrigenda.territoryIds(addedTerritories(corrigendum));
    const plan = planCorrigendum(
      {
        status: tender.status,
        lots: tender.lots,
        offers: tender.offers,
        versions: tender.versions,
        capacityDeadline: tender.capacityDeadline,
        applicationDeadline: tender.applicationDeadline,
        knownTerritories: new Set(territories.keys()),
        now: new Date(),
      },
      corrigendum,
    );
    return { tender: { ...tender, territories }, plan };
  }

  /** The tender's rows as the changes leave them (the domain checked each against the tender). */
  private async write(
    tender: CorrigendumTender & { territories: Map<string, string> },
    corrigendum: Corrigendum,
    corrigendumId: string,
  ): Promise<void> {
    const lotIds = new Map(tender.lots.map((lot) => [lot.number, lot.id]));
    const cellOf = (lot: number, territory: string) =>
      tender.lots
        .find((candidate) => candidate.number === lot)
        ?.cells.find((cell) => cell.territory === territory)?.id;
    const territoryId = (code: string) =>
      required(tender.territories.get(code), 'the territory the domain checked');
    for (const change of corrigendum.changes) {
      switch (change.kind) {
        case 'LOT_CHANGED':
          await this.corrigenda.updateLot(
            required(lotIds.get(change.lot), 'the lot the domain checked'),
            {
              title: change.title,
              amountCents: change.amountCents,
            },
          );
          break;
        case 'LOT_ADDED': {
          const lotId = await this.corrigenda.insertLot({
            tenderId: tender.tenderId,
            number: change.lot,
            title: change.title,
            amountCents: change.amountCents,
            insertionHours: change.insertionHours,
          });
          for (const cell of change.cells) {
            await this.corrigenda.addCell(lotId, territoryId(cell.territory), cell.demandHours);
          }
          break;
        }
        case 'CELL_ADDED':
          await this.corrigenda.addCell(
            required(lotIds.get(change.lot), 'the lot the domain checked'),
            territoryId(change.territory),
            change.demandHours,
          );
          break;
        case 'CELL_REMOVED':
          await this.corrigenda.removeCell(
            required(cellOf(change.lot, change.territory), 'the cell the domain checked'),
            corrigendumId,
          );
          break;
        case 'CELL_CHANGED':
          await this.corrigenda.setDemand(
            required(cellOf(change.lot, change.territory), 'the cell the domain checked'),
            change.demandHours,
          );
          break;
        case 'DEADLINES_MOVED':
          break;
      }
    }
  }
}

/** The territories the corrigendum puts cells on: the only codes looked up. */
function addedTerritories(corrigendum: Corrigendum): string[] {
  return corrigendum.changes.flatMap((change) => {
    if (change.kind === 'CELL_ADDED') return [change.territory];
    if (change.kind === 'LOT_ADDED') return change.cells.map((cell) => cell.territory);
    return [];
  });
}
