import { DomainErrorCode, isDomainError } from '../errors';
import {
  type DeclaredOffer,
  cellKey,
  freeMemberKey,
  matchDeclaredOffers,
  memberKeyBase,
} from './declaration';

const cells = new Map([
  [cellKey(1, 'COM:93066'), 'cell-1-saint-denis'],
  [cellKey(1, 'COM:93008'), 'cell-1-bobigny'],
  [cellKey(2, 'COM:93066'), 'cell-2-saint-denis'],
]);
const offer = (lot: number, territory: string): DeclaredOffer => ({
  lot,
  territory,
  hours: 100,
  preference: 'PRIMARY',
});

describe('matchDeclaredOffers', () => {
  it('gives each offer its cell, in the order declared', () => {
    expect(matchDeclaredOffers([offer(2, 'COM:93066'), offer(1, 'COM:93008')], cells)).toEqual([
      { ...offer(2, 'COM:93066'), cellId: 'cell-2-saint-denis' },
      { ...offer(1, 'COM:93008'), cellId: 'cell-1-bobigny' },
    ]);
    expect(matchDeclaredOffers([], cells)).toEqual([]);
  });

  it('lists every problem by path: a territory outside its lot, a cell declared twice', () => {
    let thrown: unknown;
    try {
      matchDeclaredOffers(
        [offer(1, 'COM:93066'), offer(2, 'COM:93008'), offer(1, 'COM:93066')],
        cells,
      );
    } catch (error) {
      thrown = error;
    }
    if (!isDomainError(thrown)) throw new Error('expected a DomainError');
    expect(thrown.code).toBe(DomainErrorCode.INVALID_INPUT);
    expect(thrown.message).toBe('Les offres contiennent des erreurs ; rien n’a été enregistré.');
    expect(thrown.problems).toEqual([
      {
        path: 'offers[1].territory',
        code: 'TERRITORY_OUTSIDE_LOT',
        message: 'le lot 2 n’a pas de cellule COM:93008',
      },
      {
        path: 'offers[2]',
        code: 'DUPLICATE_KEY',
        message: 'une seule offre par cellule (lot 1, COM:93066)',
      },
    ]);
  });
});

describe('member keys', () => {
  it('reads the organisation name without accents, case or punctuation', () => {
    expect(memberKeyBase('Régie de Quartier « Les Éco’liers »')).toBe(
      'regie-de-quartier-les-eco-liers',
    );
    expect(memberKeyBase('***')).toBe('membre');
    expect(memberKeyBase('a'.repeat(60))).toBe('a'.repeat(48));
  });

  it('numbers a key already held in the bid', () => {
    expect(freeMemberKey('atelier', new Set())).toBe('atelier');
    expect(freeMemberKey('atelier', new Set(['atelier', 'atelier-2']))).toBe('atelier-3');
  });
});
