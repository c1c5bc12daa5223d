import type { Scenario } from './scenario.schema';

/** An organisation that only appears as someone's subcontractor is not a co-contractor. */
export function memberRoles(scenario: Scenario): Map<string, 'COTRAITANT' | 'SOUS_TRAITANT'> {
  const acting = new Set<string>([scenario.consortium.mandataire]);
  for (const offer of scenario.offers) acting.add(offer.org);
  for (const subcontract of scenario.subcontracts) acting.add(subcontract.principal);
  const subcontractors = new Set(scenario.subcontracts.map((s) => s.subcontractor));
  return new Map(
    scenario.organizations.map((o) => [
      o.key,
      subcontractors.has(o.key) && !acting.has(o.key) ? 'SOUS_TRAITANT' : 'COTRAITANT',
    ]),
  );
}
