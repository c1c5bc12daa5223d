import { at } from '@cordage/domain';
import { readExampleScenario } from './example-scenario';

type Json = Record<string, unknown>;
type Organisation = Json & { key: string };
type Lot = { number: number; cells: { territory: string }[] };

/** Appends the Luhn check digit that makes `body` a valid SIREN/SIRET. */
export function withLuhnCheckDigit(body: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    const candidate = `${body}${digit}`;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let value = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) value = value * 2 > 9 ? value * 2 - 9 : value * 2;
      sum += value;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable: one digit always completes a Luhn number');
}

/** A SIRET unique to `index` within `series` (never starting like La Poste's 356000000). */
export function siretFor(series: number, index: number): string {
  return withLuhnCheckDigit(`7${String(series).padStart(3, '0')}${String(index).padStart(9, '0')}`);
}

/**
 * The example bid under another tender reference, optionally grown with `extraMembers` members
 * that each offer on every cell: 1,300 extra members make about 50,000 offers.
 */
export function exampleScenario(
  options: { reference?: string; extraMembers?: number; series?: number } = {},
): Json {
  const scenario = readExampleScenario();
  const tender = scenario.tender as Json & { lots: Lot[] };
  if (options.reference) tender.reference = options.reference;
  const organizations = scenario.organizations as Organisation[];
  const offers = scenario.offers as Json[];
  const series = options.series ?? 1;
  for (let index = 0; index < (options.extraMembers ?? 0); index++) {
    const key = `extra-${index}`;
    organizations.push({
      key,
      legalName: `Structure d’insertion n° ${index}`,
      idScheme: 'SIRET',
      id: siretFor(series, index),
      kind: index % 3 === 0 ? 'ACI' : 'EI',
      employees: 5 + (index % 150),
      home: at(at(tender.lots, index % tender.lots.length).cells, 0).territory,
      representative: {
        name: `Représentant ${index}`,
        title: 'Directeur',
        email: `extra${index}@example.org`,
      },
    });
    for (const lot of tender.lots) {
      for (const cell of lot.cells) {
        offers.push({
          org: key,
          lot: lot.number,
          territory: cell.territory,
          hours: 1 + (index % 40),
          preference: 'SECONDARY',
        });
      }
    }
  }
  return scenario;
}
