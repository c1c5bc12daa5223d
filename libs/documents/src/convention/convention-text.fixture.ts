// Test fixture (excluded from the build): a small document model for the clause texts.
import {
  type BidDocumentModel,
  DEFAULT_CONVENTION_SETTINGS,
  type DocumentParty,
  consortiumFormLabel,
} from '@cordage/domain';

export const party: DocumentParty = {
  key: 'a',
  legalName: 'Atelier Œuvre',
  kind: 'EI',
  kindLabel: 'entreprise d’insertion (EI)',
  idScheme: 'SIRET',
  idValue: '47360714636845',
  identifier: 'SIRET 473 607 146 36845',
  employees: 1,
  small: true,
  homeCode: 'COM:93066',
  registeredOffice: 'Saint-Denis (COM:93066)',
  representative: { name: 'Anne Dupont', title: 'Présidente', email: 'a@example.org' },
  particulars: {
    legalForm: null,
    registeredAddress: null,
    approval: {
      name: 'conventionnement d’insertion par l’activité économique',
      number: null,
      authority: null,
    },
    // No capacity entered: the model carries the representative's title (buildBidDocumentModel).
    representativeCapacity: 'Présidente',
  },
  isMandataire: true,
  hours: 10,
  amountCents: 100_000,
  insertionHours: 1,
};

/** A one-member model, enough for the texts: the renderer tests use a real allocation. */
export function model(change: (m: BidDocumentModel) => void = () => undefined): BidDocumentModel {
  const m: BidDocumentModel = {
    locale: 'fr-FR',
    timeZone: 'Europe/Paris',
    settings: { ...DEFAULT_CONVENTION_SETTINGS },
    tender: {
      reference: 'REF-1',
      title: 'Peinture',
      buyer: { name: 'Département', idScheme: 'SIRET', id: '1', identifier: 'SIRET 1' },
      deadline: '2027-03-01T12:00:00+01:00',
      reserved: 'NONE',
    },
    consortium: { form: 'CONJOINT', formLabel: consortiumFormLabel('CONJOINT', 'fr-FR') },
    parties: [party],
    mandataire: party,
    lots: [],
    subcontracts: [],
    allocation: {
      versionNumber: 2,
      computedAt: '2026-11-20T09:30:00.000Z',
      optima: { coverage: 0, proximity: 0, fairness: 1 },
    },
    totals: {
      amountCents: 1_000_000,
      allocatedCents: 1_000_000,
      uncoveredCents: 0,
      demandHours: 10,
      allocatedHours: 10,
      insertionHours: 1,
    },
  };
  change(m);
  return m;
}
