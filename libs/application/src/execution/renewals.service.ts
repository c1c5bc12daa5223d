import { Injectable } from '@nestjs/common';
import {
  type Actor,
  DomainError,
  DomainErrorCode,
  type MemberCarriedOffers,
  type RenewalCarryOver,
  ScenarioImport,
  cellKey,
  memberCarriedOffers,
  renewalCarryOver,
  required,
} from '@cordage/domain';
import {
  AllocationsRepository,
  AuditLogRepository,
  BidScenarioRepository,
  ChartersRepository,
  ContractRepository,
  MembersRepository,
  RenewalsRepository,
  Transactional,
} from '@cordage/persistence';
import { AuditTrail } from '../audit';
import { MailOutbox } from '../mail';
import {
  InvitationsService,
  type WrittenInvitation,
  capacityPage,
} from '../members/invitations.service';

/** What the coordinator sends: the next tender, in the scenario file's `tender` shape. */
export interface RenewalInput {
  tender: unknown;
}

export interface RenewalStarted {
  bidId: string;
  carryOver: RenewalCarryOver;
}

/** What a member of a renewed bid is proposed to declare, as its capacity page shows it. */
export interface CarriedOffersRead {
  /** The tender renewed; null: the bid renews none, and nothing is proposed. */
  previous: { reference: string; title: string } | null;
  /** A declaration was made in this bid already: it stands, the proposal is no longer a draft. */
  declared: boolean;
  offers: Omit<MemberCarriedOffers['offers'][number], 'org'>[];
  dropped: (MemberCarriedOffers['dropped'][number] & { territoryName: string })[];
  limits: MemberCarriedOffers['limits'];
}

interface TenderWords {
  reference: string;
  title: string;
}

/** « A », « A et B », « A, B et C ». */
const inFrench = (names: readonly string[]) =>
  names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} et ${names[names.length - 1] ?? ''}`;

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
    private readonly members: MembersRepository,
    private readonly auditLog: AuditLogRepository,
    private readonly audit: AuditTrail,
    private readonly invitations: InvitationsService,
    private readonly mailOutbox: MailOutbox,
  ) {}

  /** `link.ttlDays`: how long each representative's link is valid (INVITATION_LINK_TTL_DAYS). */
  @Transactional()
  async renew(
    previousBidId: string,
    input: RenewalInput,
    actor: Actor,
    link: { ttlDays: number },
  ): Promise<RenewalStarted> {
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
    await this.inviteRepresentatives(
      imported.bidId,
      organizations.map((organisation) => organisation.key),
      { actor: actor.label, previous: previous.tender, next: next.tender },
      actor,
      link,
    );
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

  /**
   * Each carried member's representative is invited again, with the one-time link of an
   * invitation that opens its capacity page (its offers proposed there): one mail per address,
   * whatever number of members it represents. The mail asks, it decides nothing.
   */
  private async inviteRepresentatives(
    bidId: string,
    keys: readonly string[],
    words: { actor: string; previous: TenderWords; next: TenderWords },
    actor: Actor,
    link: { ttlDays: number },
  ): Promise<void> {
    const memberIds = await this.members.idsByKey(bidId);
    const byAddress = new Map<string, WrittenInvitation[]>();
    for (const key of keys) {
      const memberId = required(memberIds.get(key), `member ${key}`);
      const invited = await this.invitations.inviteWritten(
        bidId,
        memberId,
        capacityPage(bidId, memberId),
        actor,
        link,
      );
      byAddress.set(invited.email, [...(byAddress.get(invited.email) ?? []), invited]);
    }
    const { previous, next } = words;
    for (const [to, invited] of byAddress) {
      const links = invited.map(
        (entry) =>
          (entry.pending
            ? `${entry.legalName} a déjà des représentants sur Cordage : vous pourrez agir pour ` +
              `elle quand l’un d’eux aura confirmé que vous la représentez. Ils viennent d’en ` +
              `être avertis.\n`
            : '') +
          `${invited.length > 1 ? `Pour ${entry.legalName}, c` : 'C'}onnectez-vous avec ce lien ` +
          `(valable ${link.ttlDays} jours, une seule fois) :\n${entry.url}\n`,
      );
      await this.mailOutbox.send({
        to,
        subject: `Renouvellement : candidature groupée ${next.reference}`,
        text:
          `Bonjour,\n\n${words.actor} renouvelle le marché « ${previous.title} » ` +
          `(${previous.reference}) : une nouvelle candidature groupée est ouverte pour ` +
          `« ${next.title} » (${next.reference}), et ` +
          `${inFrench(invited.map((entry) => entry.legalName))} y ` +
          `${invited.length > 1 ? 'sont invitées' : 'est invitée'}.\n\nVos offres du marché ` +
          `précédent vous sont proposées sur les lots et territoires qui demeurent : rien n’est ` +
          `accepté ni déclaré à votre place. Acceptez l’invitation, puis confirmez ou modifiez ` +
          `vos offres sur la page des capacités.\n\n${links.join('\n')}\nPassé ce délai, ` +
          `demandez un nouveau lien au coordinateur ou depuis la page de connexion.\n`,
      });
    }
  }

  /**
   * What a member of a renewed bid is proposed to declare: its offers and caps of the previous
   * tender on the bid's cells as they are now, and the offers that cannot come back, with why.
   * A read: nothing is written until the member (or a coordinator for it) declares.
   */
  async carriedOffers(bidId: string, memberId: string): Promise<CarriedOffersRead> {
    const member = await this.members.findWithOrganisation(bidId, memberId);
    if (!member) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Membre introuvable.');
    const declared =
      (await this.auditLog.firstRecorded(bidId, memberId, 'member.offers_declared')) !== null;
    const renewal = await this.renewals.ofBid(bidId);
    if (!renewal) return { previous: null, declared, offers: [], dropped: [], limits: null };
    const proposal = memberCarriedOffers(
      renewal.carryOver,
      member.key,
      await this.members.cellsOf(bidId),
    );
    const names = new Map(
      (proposal.dropped.length > 0 ? await this.renewals.cellNames(renewal.previousBidId) : []).map(
        (cell) => [cellKey(cell.lot, cell.territory), cell.name],
      ),
    );
    return {
      previous: { reference: renewal.previousReference, title: renewal.previousTitle },
      declared,
      offers: proposal.offers.map(({ org: _org, ...offer }) => offer),
      dropped: proposal.dropped.map((offer) => ({
        ...offer,
        territoryName: names.get(cellKey(offer.lot, offer.territory)) ?? offer.territory,
      })),
      limits: proposal.limits,
    };
  }
}
