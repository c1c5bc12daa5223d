// Test fixture (excluded from the build): small random scenarios for property-based tests of the
// allocation, valid by construction, with every feature the allocation reads.
import fc from 'fast-check';
import { ORGANISATION_KINDS, type Scenario, type ScenarioOffer, at } from '@cordage/domain';

/** Real SIRET numbers of the example file: identifiers must pass their check digit. */
const SIRETS = [
  '47360714636845',
  '45951846761634',
  '36550221450671',
  '64348163565589',
  '71219596730846',
  '78969614448887',
];
/** Keys out of file order, so that ties by key differ from ties by position. */
const KEYS = ['regie-est', 'atelier-nord', 'zinc-solidaire', 'eco-peinture', 'brico-93', 'mosaic'];

const quarterHours = (min: number, max: number) =>
  fc.integer({ min: min * 4, max: max * 4 }).map((quarters) => quarters / 4);
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const lotArbitrary = fc.record({
  amountCents: fc.integer({ min: 1, max: 50_000_000 }),
  insertionHours: fc.integer({ min: 0, max: 300 }),
  demands: fc.array(quarterHours(1, 300), { minLength: 1, maxLength: 4 }),
});

const organisationArbitrary = fc.record({
  kind: fc.constantFrom(...ORGANISATION_KINDS),
  employees: fc.integer({ min: 1, max: 300 }),
  insertionHoursMax: optional(fc.integer({ min: 0, max: 150 })),
  maxHours: optional(quarterHours(1, 600)),
  maxRevenueCents: optional(fc.integer({ min: 0, max: 20_000_000 })),
});

const offerArbitrary = fc.record({
  hours: quarterHours(0.25, 300),
  preference: fc.constantFrom('PRIMARY' as const, 'SECONDARY' as const),
});

export const smallScenario: fc.Arbitrary<Scenario> = fc
  .record({
    lots: fc.array(lotArbitrary, { minLength: 1, maxLength: 3 }),
    organisations: fc.array(organisationArbitrary, { minLength: 1, maxLength: SIRETS.length }),
    secondaryCost: fc.constantFrom(0, 0.5, 1, 3),
  })
  .chain(({ lots, organisations, secondaryCost }) => {
    const cells = lots.flatMap((lot, l) => lot.demands.map((_, c) => ({ l, c })));
    return fc.record({
      lots: fc.constant(lots),
      organisations: fc.constant(organisations),
      secondaryCost: fc.constant(secondaryCost),
      // One optional offer per organisation and cell, most of them present.
      offers: fc.array(fc.option(offerArbitrary, { freq: 4, nil: undefined }), {
        minLength: organisations.length * cells.length,
        maxLength: organisations.length * cells.length,
      }),
      subcontracts: fc.array(
        fc.record({
          principal: fc.nat(organisations.length - 1),
          subcontractor: fc.nat(organisations.length - 1),
          lot: fc.nat(lots.length - 1),
          maxAmountCents: fc.integer({ min: 1, max: 5_000_000 }),
        }),
        { maxLength: 2 },
      ),
      minMembers: optional(fc.integer({ min: 1, max: 4 })),
    });
  })
  .map(({ lots, organisations, secondaryCost, offers, subcontracts, minMembers }) => {
    let territory = 0;
    const lotTerritories = lots.map((lot) =>
      lot.demands.map(() => `COM:930${String(++territory).padStart(2, '0')}`),
    );
    const scenarioOffers: ScenarioOffer[] = [];
    let slot = 0;
    organisations.forEach((_, m) =>
      lots.forEach((lot, l) =>
        lot.demands.forEach((__, c) => {
          const offer = at(offers, slot++);
          if (offer) {
            scenarioOffers.push({
              org: at(KEYS, m),
              lot: l + 1,
              territory: at(at(lotTerritories, l), c),
              ...offer,
            });
          }
        }),
      ),
    );
    return {
      format: 'cordage.scenario/1',
      tender: {
        reference: 'PROPRIETES',
        title: 'Scénario engendré',
        buyer: { name: 'Acheteur', idScheme: 'SIRET', id: '22930008201453' },
        deadline: '2027-01-15T12:00:00+01:00',
        reserved: 'NONE',
        lots: lots.map((lot, l) => ({
          number: l + 1,
          title: `Lot ${l + 1}`,
          amountCents: lot.amountCents,
          insertionHours: lot.insertionHours,
          cells: lot.demands.map((demandHours, c) => ({
            territory: at(at(lotTerritories, l), c),
            demandHours,
          })),
        })),
      },
      consortium: {
        form: 'CONJOINT',
        mandataire: at(KEYS, 0),
        rules: { minMembers, smallBelowEmployees: 100 },
      },
      organizations: organisations.map((organisation, m) => ({
        key: at(KEYS, m),
        legalName: `Membre ${at(KEYS, m)}`,
        idScheme: 'SIRET',
        id: at(SIRETS, m),
        kind: organisation.kind,
        employees: organisation.employees,
        home: 'COM:93066',
        insertionHoursMax: organisation.insertionHoursMax,
        representative: { name: 'Représentant', title: 'Directrice', email: 'rep@example.org' },
      })),
      offers: scenarioOffers,
      limits: organisations.flatMap((organisation, m) =>
        organisation.maxHours === undefined && organisation.maxRevenueCents === undefined
          ? []
          : [
              {
                org: at(KEYS, m),
                maxHours: organisation.maxHours,
                maxRevenueCents: organisation.maxRevenueCents,
              },
            ],
      ),
      subcontracts: subcontracts
        .filter((subcontract) => subcontract.principal !== subcontract.subcontractor)
        .map((subcontract) => ({
          principal: at(KEYS, subcontract.principal),
          subcontractor: at(KEYS, subcontract.subcontractor),
          lot: subcontract.lot + 1,
          kind: 'SOUS_TRAITANCE' as const,
          nature: 'Préparation des supports',
          maxAmountCents: subcontract.maxAmountCents,
        })),
      policy: { secondaryCost },
    } satisfies Scenario;
  });
