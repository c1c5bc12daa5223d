export function NewBidPage() {
  return null;
}
