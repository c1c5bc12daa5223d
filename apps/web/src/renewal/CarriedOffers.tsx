import { Alert, Card, List, Stack, Text, Title } from '@mantine/core';
import type { BidDto, CarriedOffersDto } from '../api/schema';
import { formatCents, formatHours } from '../ui/format';
import { PREFERENCE } from '../ui/labels';

const DROP_REASON: Record<CarriedOffersDto['dropped'][number]['reason'], string> = {
  LOT_REMOVED: 'ce lot n’est plus dans la nouvelle consultation',
  CELL_REMOVED: 'ce territoire n’est plus dans ce lot',
};

/** « du marché précédent « Titre » (référence) ». */
const previousWords = (proposal: CarriedOffersDto) =>
  proposal.previous
    ? `du marché précédent « ${proposal.previous.title} » (${proposal.previous.reference})`
    : 'du marché précédent';

/** The offers of the previous tender that do not come back, and why. */
function DroppedOffers({ dropped }: { dropped: CarriedOffersDto['dropped'] }) {
  if (dropped.length === 0) return null;
  return (
    <div>
      <Text size="sm" fw={600}>
        Non reprises :
      </Text>
      <List size="sm">
        {dropped.map((offer) => (
          <List.Item key={`${offer.lot}|${offer.territory}`}>
            {offer.lotTitle}, {offer.territoryName} : {formatHours(offer.hours)} —{' '}
            {DROP_REASON[offer.reason]}.
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/** What the prefilled form holds and that nothing is saved yet, above the form. */
export function CarriedOffersNotice({
  proposal,
  onBehalf,
  legalName,
}: {
  proposal: CarriedOffersDto;
  onBehalf: boolean;
  legalName: string;
}) {
  const whose = onBehalf ? `Les offres de ${legalName}` : 'Vos offres';
  return (
    <Alert color="blue" role="status" title="Offres reprises du marché précédent">
      <Stack gap="xs">
        <Text size="sm">
          {whose} {previousWords(proposal)} sont reprises ci-dessous sur les lots et territoires qui
          demeurent{proposal.limits ? ', avec les plafonds' : ''}. Ce sont des propositions : rien
          n’est enregistré tant que la déclaration n’est pas enregistrée. Vérifiez-les, modifiez-les
          si besoin, puis enregistrez.
        </Text>
        <DroppedOffers dropped={proposal.dropped} />
      </Stack>
    </Alert>
  );
}

/**
 * The proposal read where the form is not open yet (the invitation to accept, the call not
 * open): what will be proposed, lot by lot, and what does not come back.
 */
export function CarriedOffersSummary({
  bid,
  proposal,
  onBehalf,
  legalName,
}: {
  bid: BidDto;
  proposal: CarriedOffersDto;
  onBehalf: boolean;
  legalName: string;
}) {
  const lots = bid.lots
    .map((lot) => ({
      lot,
      offers: proposal.offers.flatMap((offer) => {
        const cell = lot.cells.find(
          (candidate) => offer.lot === lot.number && candidate.territory === offer.territory,
        );
        return cell ? [{ offer, name: cell.label ?? cell.territoryName }] : [];
      }),
    }))
    .filter(({ offers }) => offers.length > 0);
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="carried-offers-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="carried-offers-title">
          Offres reprises du marché précédent
        </Title>
        <Text size="sm">
          {onBehalf
            ? `Les offres ${previousWords(proposal)} seront proposées à ${legalName} dans le formulaire de déclaration dès qu’elle pourra déclarer : elle les confirmera ou les modifiera. Rien n’est enregistré pour son compte.`
            : `Vos offres ${previousWords(proposal)} vous seront proposées dans le formulaire de déclaration dès que vous pourrez déclarer : vous les confirmerez ou les modifierez. Rien n’est enregistré à votre place.`}
        </Text>
        {lots.map(({ lot, offers }) => (
          <div key={lot.id}>
            <Text size="sm" fw={600}>
              {lot.title}
            </Text>
            <List size="sm">
              {offers.map(({ offer, name }) => (
                <List.Item key={offer.territory}>
                  {name} : {formatHours(offer.hours)}, {PREFERENCE[offer.preference].toLowerCase()}
                  {offer.source === 'REALISED'
                    ? ' (heures réalisées sur les 12 derniers mois)'
                    : ''}
                </List.Item>
              ))}
            </List>
          </div>
        ))}
        {proposal.limits && (
          <Text size="sm">
            Plafonds repris :{' '}
            {[
              proposal.limits.maxHours === null
                ? null
                : `${formatHours(proposal.limits.maxHours)} au plus`,
              proposal.limits.maxRevenueCents === null
                ? null
                : `${formatCents(proposal.limits.maxRevenueCents)} HT au plus`,
            ]
              .filter(Boolean)
              .join(', ')}
            .
          </Text>
        )}
        <DroppedOffers dropped={proposal.dropped} />
      </Stack>
    </Card>
  );
}
