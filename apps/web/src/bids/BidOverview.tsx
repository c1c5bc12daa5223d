export function BidOverview() {
  return null;
}
