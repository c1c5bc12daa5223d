import type { Request } from 'express';
import type { BidAccessScope, Principal } from '@cordage/domain';
import type { SessionEntity } from '@cordage/persistence';

/** What the access guard learns about a request, for the handlers that follow. */
export interface AccessRequest extends Request {
  id: string;
  session?: SessionEntity;
  principal?: Principal;
  bidScope?: BidAccessScope;
  /** The bid's revision, read with its scope (null: the bid is not under one). */
  bidRevision?: string | null;
  /** The network a NETWORK_CREATE_BID route acts in. */
  networkId?: string;
}

export const SESSION_COOKIE = 'cordage_session';
export const CSRF_COOKIE = 'cordage_csrf';
export const CSRF_HEADER = 'x-csrf-token';
