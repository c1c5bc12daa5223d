import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { AccessService } from '@cordage/application';
import {
  type Decision,
  DomainError,
  DomainErrorCode,
  type HiddenObject,
  Permission,
  type Principal,
  decideBid,
  decideJob,
  decideNetwork,
  decideRepresentation,
  isUuid,
  required,
} from '@cordage/domain';
import { checkPathParameters } from '../common/param.pipe';
import { ACCESS_METADATA } from './access.decorator';
import { type AccessRequest, CSRF_HEADER, SESSION_COOKIE } from './access-request';

/** The methods that change nothing: they need no CSRF header. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The rules decided on the bid that the route's :bidId names: the guard reads that bid with the
 * session. Every permission `decide` settles with decideBid must be here, or its routes answer
 * 404 to everyone (the access-matrix e2e tries every route as every role).
 */
const BID_PERMISSIONS = new Set<Permission>([
  Permission.BID_READ,
  Permission.BID_MANAGE,
  Permission.MEMBER_EDIT,
  Permission.MEMBER_PARTICULARS_EDIT,
  Permission.MEMBER_REPORT,
  Permission.MEMBER_READ,
  Permission.MEMBER_SIGN,
  Permission.MEMBER_APPROVE,
  Permission.MEMBER_OFFERS_READ,
  Permission.MEMBER_SUBCONTRACTS_MANAGE,
  Permission.SUBCONTRACTOR_EDIT,
]);

const NOUNS: Record<HiddenObject, string> = {
  bid: 'Candidature',
  member: 'Membre',
  job: 'Job',
  network: 'Réseau',
  representation: 'Demande',
};

/** The one "not found" of each kind of object: a hidden object is answered exactly the same. */
const notFound = (object: HiddenObject) =>
  new DomainError(DomainErrorCode.NOT_FOUND, `${NOUNS[object]} introuvable.`);

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The one gate of every route: finds who is asking (session cookie), checks CSRF on changes,
 * resolves the object the route names and asks the domain's access policy. A route that
 * declares no rule serves no one.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const permission = this.reflector.get<Permission | undefined>(
      ACCESS_METADATA,
      context.getHandler(),
    );
    const request = context.switchToHttp().getRequest<AccessRequest>();
    if (permission === undefined) {
      this.logger.error(`${request.method} ${request.path} declares no access rule: refused`);
      throw new DomainError(DomainErrorCode.FORBIDDEN, 'Cette route n’a pas de règle d’accès.');
    }
    // The bid a rule decides on is read with the session, in the same query.
    const bidId = (request.params as Record<string, string | undefined>).bidId;
    await this.identify(request, BID_PERMISSIONS.has(permission) && isUuid(bidId) ? bidId : null);
    if (permission === Permission.PUBLIC) return true;

    const { principal, session } = request;
    if (!principal || !session) {
      throw new DomainError(DomainErrorCode.UNAUTHENTICATED, 'Connectez-vous pour continuer.');
    }
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameSecret(header, session.csrfToken)) {
        throw new DomainError(
          DomainErrorCode.CSRF_TOKEN_INVALID,
          'Jeton anti-CSRF absent ou invalide : rechargez la page.',
        );
      }
    }
    this.enforce(await this.decide(permission, request, principal));
    // Once the caller may know the object exists: every other id or number of the path, checked
    // before anything reads it (the guard validated the one it resolved itself).
    checkPathParameters(request.params as Record<string, string | undefined>);
    return true;
  }

  /**
   * Sets request.session and request.principal when a valid session cookie comes with it, and
   * request.bidScope when `bidId` names a bid.
   */
  private async identify(request: AccessRequest, bidId: string | null): Promise<void> {
    const token = (request.cookies as Record<string, string | undefined> | undefined)?.[
      SESSION_COOKIE
    ];
    if (!token) return;
    const identified = await this.access.identify(token, bidId);
    if (!identified) return;
    request.session = identified.session;
    request.principal = identified.principal;
    if (identified.bid) {
      request.bidScope = identified.bid;
      request.bidRevision = identified.bidRevision;
    }
  }

  private async decide(
    permission: Permission,
    request: AccessRequest,
    principal: Principal,
  ): Promise<Decision> {
    const params = request.params as Record<string, string | undefined>;
    switch (permission) {
      case Permission.PUBLIC:
      case Permission.SIGNED_IN:
        return { allowed: true };
      case Permission.PLATFORM_ADMIN:
        return principal.platformAdmin
          ? { allowed: true }
          : {
              allowed: false,
              hidden: false,
              reason: 'réservé aux administrateurs de la plateforme',
            };
      case Permission.NETWORK_CREATE_BID:
      case Permission.NETWORK_MANAGE:
      case Permission.NETWORK_DIRECTORY_READ: {
        const networkId = params.networkId ?? this.networkOf(request, principal);
        if (!isUuid(networkId)) throw notFound('network');
        request.networkId = networkId;
        return decideNetwork(principal, permission, networkId);
      }
      case Permission.JOB_READ: {
        const jobId = params.jobId;
        const owner = isUuid(jobId) ? await this.access.jobOwner(jobId) : null;
        if (!owner) throw notFound('job');
        return decideJob(principal, owner);
      }
      case Permission.BID_READ:
      case Permission.BID_MANAGE:
      case Permission.MEMBER_EDIT:
      case Permission.MEMBER_PARTICULARS_EDIT:
      case Permission.MEMBER_REPORT:
      case Permission.MEMBER_READ:
      case Permission.MEMBER_SIGN:
      case Permission.MEMBER_APPROVE:
      case Permission.MEMBER_OFFERS_READ:
      case Permission.MEMBER_SUBCONTRACTS_MANAGE:
      case Permission.SUBCONTRACTOR_EDIT: {
        // Read with the session (identify): absent when the id is malformed or names no bid.
        const bidScope = request.bidScope;
        if (!bidScope) throw notFound('bid');
        // A subcontractor's own routes name it apart from the bid's members.
        const memberId =
          permission === Permission.SUBCONTRACTOR_EDIT ? params.subcontractorId : params.memberId;
        return decideBid(principal, permission, bidScope, memberId);
      }
      case Permission.REPRESENTATION_DECIDE: {
        // A malformed id is a client's mistake, named as such (not an unknown request).
        checkPathParameters({ requestId: params.requestId });
        const request = await this.access.representationScope(
          required(params.requestId, 'the requestId of the route'),
        );
        if (!request) throw notFound('representation');
        return decideRepresentation(principal, request);
      }
    }
  }

  /** The network named by ?networkId, or the only one the user coordinates. */
  private networkOf(request: AccessRequest, principal: Principal): string {
    const asked = (request.query as Record<string, unknown>).networkId;
    if (asked !== undefined) {
      if (!isUuid(asked)) throw notFound('network');
      return asked;
    }
    const [only, ...others] = principal.coordinatorOf;
    if (only !== undefined && others.length === 0) return only;
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      only === undefined
        ? 'Vous ne coordonnez aucun réseau.'
        : 'Vous coordonnez plusieurs réseaux : précisez networkId.',
      [{ path: 'networkId', code: 'REQUIRED', message: 'réseau propriétaire de la candidature' }],
    );
  }

  private enforce(decision: Decision): true {
    if (decision.allowed) return true;
    // Hidden: the caller may not learn that the object exists, so it is "not found".
    if (decision.hidden) throw notFound(decision.object);
    throw new DomainError(DomainErrorCode.FORBIDDEN, `Accès refusé : ${decision.reason}.`);
  }
}
