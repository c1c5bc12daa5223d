import { Injectable } from '@nestjs/common';
import {
  type Actor,
  DomainError,
  DomainErrorCode,
  type Principal,
  assertRepresentationPending,
  decideRepresentation,
  deciderCapacity,
} from '@cordage/domain';
import {
  AccessRepository,
  type RepresentationRequestView,
  RepresentationsRepository,
  Transactional,
} from '@cordage/persistence';
import { AuditTrail } from '../audit';

const requestNotFound = () => new DomainError(DomainErrorCode.NOT_FOUND, 'Demande introuvable.');

/** Requests to represent an organisation: listed for the people who decide, confirmed or refused. */
@Injectable()
export class RepresentationRequestsService {
  constructor(
    private readonly representations: RepresentationsRepository,
    private readonly access: AccessRepository,
    private readonly audit: AuditTrail,
  ) {}

  /** The pending requests a person may decide, and their own. */
  list(principal: Principal) {
    return this.representations.listFor(principal);
  }

  /**
   * Confirms (the roles are granted) or refuses (nothing is) a pending request, once. The rule is
   * asked again under the row's lock: the guard's answer may be stale by now.
   */
  @Transactional()
  async decide(
    id: string,
    decision: 'CONFIRMED' | 'REFUSED',
    principal: Principal,
    actor: Actor,
  ): Promise<RepresentationRequestView> {
    const request = await this.representations.lock(id);
    if (!request) throw requestNotFound();
    const allowed = decideRepresentation(principal, request);
    if (!allowed.allowed) {
      throw allowed.hidden
        ? requestNotFound()
        : new DomainError(DomainErrorCode.FORBIDDEN, `Accès refusé : ${allowed.reason}.`);
    }
    assertRepresentationPending(request.status);
    const decidedAs = deciderCapacity(principal, request.organisationId);
    await this.representations.markDecided(id, {
      status: decision,
      decidedBy: principal.userId,
      decidedAs,
    });
    if (decision === 'CONFIRMED') {
      for (const role of request.roles)
        await this.access.grant(request.userId, role, { organisationId: request.organisationId });
    }
    await this.audit.append(actor, {
      action: decision === 'CONFIRMED' ? 'representation.confirmed' : 'representation.refused',
      entityType: 'representation_request',
      entityId: id,
      bidId: request.bidId,
      before: { status: request.status },
      after: {
        status: decision,
        decidedAs,
        organisationId: request.organisationId,
        userId: request.userId,
        roles: request.roles,
      },
    });
    return this.representations.view(id);
  }
}
