import { refusal } from '../errors/refusal.fixture';
import {
  DIRECT_PAYMENT_FROM_CENTS_INCL_VAT,
  type SubcontractContext,
  type SubcontractTerms,
  assertSubcontractTerms,
  directPaymentRequired,
  matchDeclaredCapacities,
  needsDc4,
  subcontractExceedsPrincipal,
  subcontractTermsProblems,
} from '.';

const terms = (overrides: Partial<SubcontractTerms> = {}): SubcontractTerms => ({
  kind: 'SOUS_TRAITANCE',
  nature: 'Nettoyage des vitres',
  durationMonths: 12,
  amountExclVatCents: 100_000,
  amountInclVatCents: 120_000,
  reverseCharge: false,
  ...overrides,
});
const codes = (
  t: SubcontractTerms,
  context: SubcontractContext = { subcontractorKind: 'EI', principalAmountCents: 500_000 },
) => subcontractTermsProblems(t, context).map((problem) => `${problem.path}:${problem.code}`);

describe('direct payment (R2193-10)', () => {
  it('is due from 600 EUR incl. VAT, not below, for subcontracting only', () => {
    expect(DIRECT_PAYMENT_FROM_CENTS_INCL_VAT).toBe(60_000);
    expect(directPaymentRequired('SOUS_TRAITANCE', 59_999)).toBe(false);
    expect(directPaymentRequired('SOUS_TRAITANCE', 60_000)).toBe(true);
    expect(directPaymentRequired('SOUS_TRAITANCE', 60_001)).toBe(true);
    // A loan of workers is paid by the principal, whatever its amount.
    expect(directPaymentRequired('MISE_A_DISPOSITION', 10_000_000)).toBe(false);
  });
});

describe('the principal’s ceiling on the lot', () => {
  it('is the same rule as the allocation’s warning: never above, equal allowed', () => {
    expect(subcontractExceedsPrincipal(500_000, 500_000)).toBe(false);
    expect(subcontractExceedsPrincipal(500_001, 500_000)).toBe(true);
    expect(codes(terms({ amountExclVatCents: 500_001, amountInclVatCents: 600_000 }))).toEqual([
      'amountExclVatCents:SUBCONTRACT_EXCEEDS_PRINCIPAL',
    ]);
    expect(codes(terms({ amountExclVatCents: 500_000, amountInclVatCents: 600_000 }))).toEqual([]);
  });

  it('is left to the allocation’s warning before any allocation', () => {
    expect(
      subcontractTermsProblems(
        terms({ amountExclVatCents: 9_000_000, amountInclVatCents: 9_000_000 }),
        {
          subcontractorKind: 'EI',
          principalAmountCents: null,
        },
      ),
    ).toEqual([]);
  });
});

describe('amounts and VAT', () => {
  it('refuses an amount incl. VAT below the amount excl. VAT', () => {
    expect(codes(terms({ amountInclVatCents: 99_999 }))).toEqual([
      'amountInclVatCents:BELOW_EXCL_VAT',
    ]);
  });

  it('accepts a VAT-exempt association (incl. = excl.)', () => {
    expect(codes(terms({ amountInclVatCents: 100_000 }))).toEqual([]);
  });

  it('under the reverse charge, no VAT is invoiced: incl. must equal excl.', () => {
    expect(codes(terms({ reverseCharge: true }))).toEqual([
      'amountInclVatCents:REVERSE_CHARGE_VAT',
    ]);
    expect(codes(terms({ reverseCharge: true, amountInclVatCents: 100_000 }))).toEqual([]);
  });
});

describe('kinds: subcontracting and loans of workers', () => {
  it('lets only an AI, an ETTI or a GEIQ lend workers', () => {
    const loan = terms({ kind: 'MISE_A_DISPOSITION' });
    expect(codes(loan, { subcontractorKind: 'AI', principalAmountCents: null })).toEqual([]);
    for (const kind of ['ETTI', 'GEIQ'] as const)
      expect(
        subcontractTermsProblems(loan, { subcontractorKind: kind, principalAmountCents: null }),
      ).toEqual([]);
    for (const kind of ['EA', 'ESAT', 'EI'] as const)
      expect(
        subcontractTermsProblems(loan, { subcontractorKind: kind, principalAmountCents: null }).map(
          (p) => p.code,
        ),
      ).toEqual(['NOT_A_LENDER']);
  });

  it('refuses the reverse charge on a loan of workers', () => {
    expect(
      codes(
        terms({ kind: 'MISE_A_DISPOSITION', reverseCharge: true, amountInclVatCents: 100_000 }),
        {
          subcontractorKind: 'ETTI',
          principalAmountCents: null,
        },
      ),
    ).toEqual(['reverseCharge:REVERSE_CHARGE_ON_LOAN']);
  });

  it('declares subcontracting on a DC4, never a loan', () => {
    expect(needsDc4('SOUS_TRAITANCE')).toBe(true);
    expect(needsDc4('MISE_A_DISPOSITION')).toBe(false);
  });

  it('refuses with every field at fault, in French', () => {
    const error = refusal(() =>
      assertSubcontractTerms(
        terms({ kind: 'MISE_A_DISPOSITION', reverseCharge: true, amountExclVatCents: 900_000 }),
        { subcontractorKind: 'EI', principalAmountCents: 500_000 },
      ),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.problems.map((problem) => problem.path)).toEqual([
      'kind',
      'reverseCharge',
      'amountInclVatCents',
      'amountExclVatCents',
    ]);
    expect(error.message).toMatch(/^Sous-traitance refusée/);
  });
});

describe('a subcontractor’s capacity declaration', () => {
  const cells = [
    { cellId: 'c1', lot: 1, territory: 'COM:93066' },
    { cellId: 'c2', lot: 1, territory: 'COM:93008' },
  ];

  it('matches each line to its principal’s cell', () => {
    expect(
      matchDeclaredCapacities(
        [
          { lot: 1, territory: 'COM:93066', hours: 120 },
          { lot: 1, territory: 'COM:93008', hours: 40.5 },
        ],
        cells,
      ),
    ).toEqual([
      { cellId: 'c1', hours: 120 },
      { cellId: 'c2', hours: 40.5 },
    ]);
  });

  it('refuses a cell outside its principal’s lots and a cell declared twice, by path', () => {
    const error = refusal(() =>
      matchDeclaredCapacities(
        [
          { lot: 2, territory: 'COM:93066', hours: 1 },
          { lot: 1, territory: 'COM:93066', hours: 1 },
          { lot: 1, territory: 'COM:93066', hours: 2 },
        ],
        cells,
      ),
    );
    expect(error.problems.map((p) => `${p.path}:${p.code}`)).toEqual([
      'capacities[0].territory:NOT_A_PRINCIPAL_CELL',
      'capacities[2]:DUPLICATE_CELL',
    ]);
  });
});
