import { type Scenario, withDeadlineAhead } from '@cordage/domain';
import { scenarioWorkbook } from './scenario-workbook.writer';

/** The territories the template names, with their official names (it needs no database). */
const TEMPLATE_TERRITORIES: ReadonlyMap<string, string> = new Map([
  ['COM:93066', 'Saint-Denis'],
  ['COM:93048', 'Montreuil'],
  ['COM:93001', 'Aubervilliers'],
]);

/**
 * A small bid to fill in: one lot on three communes, two organisations and their offers. It is a
 * valid file as it stands (its deadline kept ahead of `now`), so a coordinator can import it to
 * try, then replace its rows with the real ones.
 */
export function templateScenario(now: Date): Scenario {
  const scenario: Scenario = {
    format: 'cordage.scenario/1',
    tender: {
      reference: '2027-EXEMPLE-01',
      title: 'Entretien des espaces verts (exemple à remplacer)',
      buyer: {
        name: 'Département de la Seine-Saint-Denis',
        idScheme: 'SIRET',
        id: '22930008201453',
      },
      deadline: '2027-01-15T12:00:00+01:00',
      reserved: 'NONE',
      exclusiveMembership: false,
      lots: [
        {
          number: 1,
          title: 'Lot 1 - Plaine Commune et Est Ensemble',
          amountCents: 12_500_050,
          insertionHours: 600,
          cells: [
            { territory: 'COM:93001', demandHours: 300 },
            { territory: 'COM:93048', demandHours: 400 },
            { territory: 'COM:93066', demandHours: 500 },
          ],
        },
      ],
    },
    consortium: {
      form: 'CONJOINT_MANDATAIRE_SOLIDAIRE',
      mandataire: 'renov-plaine',
      rules: { minMembers: 2, smallBelowEmployees: 100 },
    },
    organizations: [
      {
        key: 'renov-plaine',
        legalName: 'Rénov’Plaine',
        idScheme: 'SIRET',
        id: '47360714636845',
        kind: 'EI',
        employees: 156,
        home: 'COM:93066',
        representative: {
          name: 'Camille Martin',
          title: 'Directrice',
          email: 'direction@example.org',
        },
      },
      {
        key: 'interim-93',
        legalName: 'Intérim Solidaire 93',
        idScheme: 'SIRET',
        id: '45951846761634',
        kind: 'ETTI',
        employees: 47,
        home: 'COM:93048',
        representative: {
          name: 'Karim Benali',
          title: 'Président',
          email: 'president@example.org',
        },
      },
    ],
    offers: [
      { org: 'renov-plaine', lot: 1, territory: 'COM:93066', hours: 400, preference: 'PRIMARY' },
      { org: 'renov-plaine', lot: 1, territory: 'COM:93001', hours: 200, preference: 'SECONDARY' },
      { org: 'interim-93', lot: 1, territory: 'COM:93048', hours: 400, preference: 'PRIMARY' },
      { org: 'interim-93', lot: 1, territory: 'COM:93001', hours: 150, preference: 'PRIMARY' },
    ],
    limits: [{ org: 'interim-93', maxHours: 500, maxRevenueCents: 6_000_000 }],
    subcontracts: [],
    policy: { secondaryCost: 1 },
  };
  return withDeadlineAhead(scenario, now);
}

/** The workbook to download from the new-bid page: the template bid, written as Cordage reads. */
export function scenarioTemplateWorkbook(now: Date): Promise<Buffer> {
  return scenarioWorkbook(templateScenario(now), TEMPLATE_TERRITORIES);
}
