import { Alert, Anchor, List, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { BidDto, OfferPageDto } from '../api/schema';
import { formatHours } from '../ui/format';

type Offer = OfferPageDto['items'][number];

/** « Saint-Denis » for a cell of the tender; the code for a cell a corrigendum removed. */
function placeOf(bid: BidDto, offer: Offer): string {
  const cell = bid.lots
    .find((lot) => lot.number === offer.lot)
    ?.cells.find((candidate) => candidate.territory === offer.territory);
  return cell?.label ?? cell?.territoryName ?? offer.territory;
}

/**
 * The member's declarations that a corrigendum outdated: kept, shown with what changed, so that
 * the member declares again knowing why.
 */
export function OutdatedOffers({ bid, offers }: { bid: BidDto; offers: Offer[] }) {
  const outdated = offers.filter((offer) => offer.outdated !== null);
  if (outdated.length === 0) return null;
  return (
    <Alert color="orange" title="Déclarations périmées par un avis rectificatif" role="status">
      <Text size="sm">
        L’acheteur a rectifié la consultation. Ces déclarations restent enregistrées, mais ne
        correspondent plus au marché : déclarez de nouveau ce que votre structure peut faire.
      </Text>
      <List size="sm" mt="xs">
        {outdated.map((offer) => (
          <List.Item key={offer.id}>
            Lot {offer.lot}, {placeOf(bid, offer)} : {formatHours(offer.hours)} —{' '}
            {offer.outdated?.reason} (
            <Anchor component={Link} to={`/candidatures/${bid.id}/avis-rectificatifs`}>
              avis rectificatif n° {offer.outdated?.corrigendum}
            </Anchor>
            )
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
