import { Injectable } from '@nestjs/common';
import { type BidChangeEvent, bidEventFor } from '@cordage/domain';
import { BidEventsListener } from '@cordage/persistence';

/**
 * What a live page receives: an event as its reader may see it, "refetch everything", or the
 * end of the stream (the process stops).
 */
export type BidFeedMessage =
  { type: 'event'; event: BidChangeEvent } | { type: 'resync' } | { type: 'end' };

/**
 * A bid's changes as one reader follows them live (the api's event stream). The reader's right
 * to read the bid was checked before; here each event is cut to what the reader may know.
 */
@Injectable()
export class BidEventsFeed {
  constructor(private readonly listener: BidEventsListener) {}

  /** Follows one bid; the returned function stops, and must be called when the reader leaves. */
  follow(
    bidId: string,
    visibleMembers: 'ALL' | readonly string[],
    onMessage: (message: BidFeedMessage) => void,
  ): Promise<() => void> {
    return this.listener.subscribe(bidId, (message) => {
      if (message.type !== 'event') onMessage(message);
      // The listener routes by bid; checked again so no other bid's event can ever pass.
      else if (message.event.bidId === bidId)
        onMessage({ type: 'event', event: bidEventFor(message.event, visibleMembers) });
    });
  }

  /** Readers following a bid in this process (or every bid). */
  followers(bidId?: string): number {
    return this.listener.subscriberCount(bidId);
  }
}
