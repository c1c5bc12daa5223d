import { describe, expect, it } from '@jest/globals';
import type { CarriedOffersDto } from '../api/schema';
import { type CapacityValues, type Cell, proposedValues } from './model';

const cell = (index: number, lot: number, territory: string): Cell => ({
  index,
  lot,
  territory,
  name: territory,
  within: null,
  demandHours: 100,
});
const cells = [cell(0, 1, 'COM:93001'), cell(1, 1, 'COM:93005'), cell(2, 2, 'COM:93008')];
const empty: CapacityValues = {
  cells: cells.map(() => ({ hours: '', preference: '' })),
  maxHours: '',
  maxRevenue: '',
  insertionHoursMax: '120',
};
const proposal: CarriedOffersDto = {
  previous: { reference: '2027-X', title: 'Marché précédent' },
  declared: false,
  offers: [
    {
      lot: 1,
      territory: 'COM:93005',
      hours: 30.75,
      preference: 'SECONDARY',
      source: 'REALISED',
      previousHours: 40,
    },
    {
      lot: 2,
      territory: 'COM:93008',
      hours: 300,
      preference: 'PRIMARY',
      source: 'OFFER',
      previousHours: 300,
    },
  ],
  dropped: [],
  limits: { maxHours: 700.5, maxRevenueCents: 15_000_050 },
};

describe('the capacity form prefilled with the offers carried from the previous tender', () => {
  it('fills the carried cells and the empty caps, typed as a person types them', () => {
    expect(proposedValues(cells, empty, proposal)).toEqual({
      cells: [
        { hours: '', preference: '' },
        { hours: '30,75', preference: 'SECONDARY' },
        { hours: '300', preference: 'PRIMARY' },
      ],
      maxHours: '700,5',
      maxRevenue: '150000,50',
      insertionHoursMax: '120',
    });
  });

  it('keeps caps the member has already entered', () => {
    const capped = { ...empty, maxHours: '', maxRevenue: '1000' };
    expect(proposedValues(cells, capped, proposal)).toMatchObject({
      maxHours: '',
      maxRevenue: '1000',
    });
  });
});
