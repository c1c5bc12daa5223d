import { Injectable } from '@nestjs/common';
import { type ConfigOf, InjectConfig, publicUrlConfig } from '@cordage/config';
import {
  type Actor,
  DomainError,
  DomainErrorCode,
  type RenewalCarryOver,
  ScenarioImport,
  renewalCarryOver,
} from '@cordage/domain';
import {
  AllocationsRepository,
  BidScenarioRepository,
  ChartersRepository,
  ContractRepository,
  RenewalsRepository,
  Transactional,
} from '@cordage/persistence';
import { AuditTrail } from '../audit';
import { MailOutbox } from '../mail';

/** What the coordinator sends: the next tender, in the scenario file's `tender` shape. */
export interface RenewalInput {
  tender: unknown;
}

export interface RenewalStarted {
  bidId: string;
  carryOver: RenewalCarryOver;
}

const refused = (path: string, code: string, message: string) =>
  new DomainError(DomainErrorCode.WORKFLOW_RULE_VIOLATED, `${message}.`, [{ path, code, message }]);

const notFound = () => new DomainError(DomainErrorCode.NOT_FOUND, 'Candidature introuvable.');

/**
 * A refusal of what the network knows of a carried member (a representative's address, a seat
 * never entered) names that member: the coordinator never wrote the `organizations[i]` it points
 * at, and completes it in the network's directory.
 */
function namedAfterMembers(
  error: unknown,
  organizations: readonly { key: string; legalName: string }[],
): unknown {
  if (!(error instanceof DomainError)) return error;
  let named = false;
  const problems = error.problems.map((problem) => {
    const match = /^organizations\[(\d+)\]\.?(.*)$/.exec(problem.path);
    const organisation = match ? organizations[Number(match[1])] : undefined;
    if (!match || !organisation) return problem;
    named = true;
    return {
      ...problem,
      path: `members.${organisation.key}${match[2] ? `.${match[2]}` : ''}`,
      message: `${organisation.legalName} : ${problem.message}`,
    };
  });
  if (!named) return error;
  return new DomainError(
    error.code,
    'Des membres repris du marché précédent ont des données incomplètes : complétez-les dans ' +
      'l’annuaire du réseau, puis renouvelez.',
    problems,
    error.details,
  );
}

/**
 * Renewal: the next tender started from a finished bid, in the same network. The new bid starts
 * as a draft; its members are invited again (they accept and confirm their offers themselves:
 * nothing is accepted or signed on their behalf). The offers, caps and last signed split are kept
 * as a proposal with the diff between the two tenders, for the coordinator to review.
 *
 * Charter acceptances are not copied: they belong to the organisation and the network, not to a
 * bid, so an acceptance of the network's current charter still holds in the new bid, and a member
 * who accepted an older version is asked again, as in any bid. The diff says which is which.
 */
@Injectable()
export class RenewalsService {
  constructor(
    private readonly contract: ContractRepository,
    private readonly renewals: RenewalsRepository,
    private readonly scenarios: BidScenarioRepository,
    private readonly allocations: AllocationsRepository,
    private readonly charters: ChartersRepository,
    private readonly scenarioImport: ScenarioImport,
    private readonly audit: AuditTrail,
    private readonly mailOutbox: MailOutbox,
    @InjectConfig(publicUrlConfig) private readonly config: ConfigOf<typeof publicUrlConfig>,
  ) {}

  @Transactional()
  async renew(previousBidId: string, input: RenewalInput, actor: Actor): Promise<RenewalStarted> {
    // The previous bid's row is held until commit: one renewal at a time is judged.
    const award = await this.contract.lockAwardFacts(previousBidId);
    const facts = award && (await this.renewals.previousFacts(previousBidId));
    const previous = award && (await this.scenarios.exportScenario(previousBidId));
    if (!award || !facts || !previous) throw notFound();
    if (award.status !== 'AWARDED') {
      throw refused(
        'status',
        'BID_NOT_FINISHED',
        'seul un marché attribué se renouvelle : enregistrez d’abord l’attribution de cette candidature',
      );
    }
    const signed = award.signedVersionId
      ? await this.allocations.findById(award.signedVersionId)
      : null;

    // The next tender is checked as the scenario import checks a file: every problem named by its
    // path (`tender.lots[0].amountCents`), a tender this network already answers refused.
    const candidate = {
      ...previous,
      tender: input.tender,
      offers: [],
      limits: [],
      subcontracts: [],
    };
    const next = await this.scenarioImport
      .check(candidate, facts.networkId)
      .catch((error: unknown) => {
        throw namedAfterMembers(error, previous.organizations);
      });

    const charter = await this.charters.current(facts.networkId);
    const accepted = await this.charters.acceptedVersions(
      facts.networkId,
      facts.members.map((member) => member.organisationId),
    );
    const carryOver = renewalCarryOver({
      previousLots: previous.tender.lots,
      nextLots: next.tender.lots,
      members: facts.members.map((member) => ({
        key: member.key,
        legalName: member.legalName,
        status: member.status,
        role: member.role,
        charterVersion: accepted.get(member.organisationId) ?? null,
      })),
      offers: facts.offers,
      limits: previous.limits.map((limit) => ({
        org: limit.org,
        maxHours: limit.maxHours ?? null,
        maxRevenueCents: limit.maxRevenueCents ?? null,
      })),
      signedLines: signed?.result.lines ?? [],
      realised: facts.realised,
      periodMonths: facts.periodMonths,
      charterVersion: charter?.version ?? null,
    });

    const carried = new Set(carryOver.members.carried.map((member) => member.key));
    if (!carried.has(previous.consortium.mandataire)) {
      throw refused(
        'consortium.mandataire',
        'MANDATAIRE_LEFT',
        'le mandataire du marché précédent a quitté le groupement : désignez-en un autre avant de renouveler',
      );
    }
    const organizations = previous.organizations.filter((organisation) =>
      carried.has(organisation.key),
    );
    const imported = await this.scenarioImport
      .run({ ...candidate, organizations }, { networkId: facts.networkId, invite: true })
      .catch((error: unknown) => {
        throw namedAfterMembers(error, organizations);
      });
    await this.renewals.copySettings(previousBidId, imported.bidId);
    await this.renewals.insert({
      bidId: imported.bidId,
      previousBidId,
      carryOver,
      createdBy: actor.userId,
    });
    const counts = {
      lotsAdded: carryOver.lots.added.length,
      lotsRemoved: carryOver.lots.removed.length,
      cellsAdded: carryOver.cells.added.length,
      cellsRemoved: carryOver.cells.removed.length,
      membersCarried: carryOver.members.carried.length,
      membersLeftOut: carryOver.members.leftOut.length,
      offersCarried: carryOver.offers.carried.length,
      offersDropped: carryOver.offers.dropped.length,
    };
    await this.audit.append(actor, {
      action: 'bid.renewed',
      entityType: 'bid',
      entityId: imported.bidId,
      bidId: imported.bidId,
      after: { previousBidId, tenderId: imported.tenderId, ...counts },
    });
    await this.audit.append(actor, {
      action: 'bid.renewal_started',
      entityType: 'bid',
      entityId: previousBidId,
      bidId: previousBidId,
      after: { nextBidId: imported.bidId },
    });
    // Each member's representative hears of it; the mail asks, it decides nothing.
    const page = new URL(`/candidatures/${imported.bidId}/membres`, this.config.PUBLIC_URL);
    for (const organisation of organizations) {
      await this.mailOutbox.send({
        to: organisation.representative.email.toLowerCase(),
        subject: `Renouvellement : candidature groupée ${next.tender.reference}`,
        text:
          `Bonjour,\n\n${actor.label} renouvelle le marché « ${previous.tender.title} » ` +
          `(${previous.tender.reference}) : une nouvelle candidature groupée est ouverte pour ` +
          `« ${next.tender.title} » (${next.tender.reference}), et ${organisation.legalName} y est ` +
          `invitée.\n\nVos offres du marché précédent vous sont proposées sur les lots et ` +
          `territoires qui demeurent : rien n’est accepté ni déclaré à votre place. Acceptez ` +
          `l’invitation puis confirmez ou modifiez vos offres ici :\n${page.toString()}\n`,
      });
    }
    return { bidId: imported.bidId, carryOver };
  }

  /** The renewal a bid comes from, with its diff; and the bids that renew it. */
  async read(bidId: string) {
    const renewal = await this.renewals.ofBid(bidId);
    const renewedBy = await this.renewals.renewalsOf(bidId);
    return {
      previous: renewal && {
        bidId: renewal.previousBidId,
        reference: renewal.previousReference,
        title: renewal.previousTitle,
        renewedAt: renewal.createdAt.toISOString(),
      },
      carryOver: renewal?.carryOver ?? null,
      renewedBy: renewedBy.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
    };
  }
}
