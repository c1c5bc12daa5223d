export function AllocationPage() {
  return null;
}
