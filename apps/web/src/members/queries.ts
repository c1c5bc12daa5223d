import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { OfferPageDto } from '../api/schema';
import { type Member, bidKeys } from '../bids/queries';

/** The network's charter in force, and the version each member of the bid accepted. */
export function useCharter(bidId: string) {
  return useQuery({
    queryKey: bidKeys.part(bidId, 'charter'),
    queryFn: () => unwrap(api.GET('/api/bids/{bidId}/charter', { params: { path: { bidId } } })),
  });
}

export type Offer = OfferPageDto['items'][number];

/** Every offer of one member: the api pages them (1000 at most a page), so follow the cursor. */
export function useMemberOffers(bidId: string, memberId: string) {
  return useQuery({
    queryKey: bidKeys.part(bidId, 'members', memberId, 'offers'),
    queryFn: async () => {
      const offers: Offer[] = [];
      let after: string | undefined;
      do {
        const page = await unwrap(
          api.GET('/api/bids/{bidId}/members/{memberId}/offers', {
            params: { path: { bidId, memberId }, query: { limit: 1000, after } },
          }),
        );
        offers.push(...page.items);
        after = page.next ?? undefined;
      } while (after);
      return offers;
    },
  });
}

// The members' pages (and the capacity page) refresh through it.
export { useRefreshBid } from '../bids/queries';

const MEMBERSHIP_OPEN = ['DRAFT', 'COLLECTING', 'ALLOCATING', 'PROPOSED', 'AGREED'];
const FINAL = ['AWARDED', 'LOST', 'WITHDRAWN'];

/**
 * Why members may not join or leave now, or null: only until the convention goes to signature,
 * and never between the application deadline and the award (R2142-26). The api checks it; this
 * only says it before the person tries.
 */
export function membershipClosedReason(status: string, deadline: string): string | null {
  if (FINAL.includes(status)) return 'La candidature est terminée : sa composition ne change plus.';
  if (!MEMBERSHIP_OPEN.includes(status)) {
    return 'La convention est à la signature ou signée : la composition du groupement ne change plus que par une demande de modification.';
  }
  if (new Date() >= new Date(deadline)) {
    return 'La date limite de remise des candidatures est passée : jusqu’à l’attribution, un membre n’est ajouté ou retiré que par une demande de modification (article R2142-26).';
  }
  return null;
}

/** A member that may still declare: accepted, until it signs or leaves. */
export const mayDeclare = (member: Member) =>
  member.status === 'ACCEPTED' || member.status === 'DATA_COMPLETE';

export const ROLE: Record<Member['role'], string> = {
  COTRAITANT: 'Cotraitant',
  SOUS_TRAITANT: 'Sous-traitant',
};
