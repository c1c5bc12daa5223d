export function ConventionPage() {
  return null;
}
