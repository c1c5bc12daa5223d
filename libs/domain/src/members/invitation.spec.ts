import { assertSubcontractPrincipal } from './invitation';

describe('the principal of an invited subcontractor', () => {
  const cotraitant = { legalName: 'Rénov’Plaine', role: 'COTRAITANT', status: 'ACCEPTED' } as const;
  const refusal = (run: () => void) => {
    try {
      run();
    } catch (error) {
      return error as { problems: { path: string; code: string }[] };
    }
    return null;
  };

  it('is a co-contractor still in the consortium, on a lot of the bid', () => {
    expect(refusal(() => assertSubcontractPrincipal(cotraitant, true))).toBeNull();
  });

  it('is refused, naming the field, when unknown, a subcontractor, gone, or on an unknown lot', () => {
    expect(refusal(() => assertSubcontractPrincipal(null, true))?.problems[0]).toMatchObject({
      path: 'subcontract.principalMemberId',
      code: 'UNKNOWN_PRINCIPAL',
    });
    expect(
      refusal(() => assertSubcontractPrincipal({ ...cotraitant, role: 'SOUS_TRAITANT' }, true))
        ?.problems[0],
    ).toMatchObject({ code: 'PRINCIPAL_IS_SUBCONTRACTOR' });
    expect(
      refusal(() => assertSubcontractPrincipal({ ...cotraitant, status: 'WITHDRAWN' }, true))
        ?.problems[0],
    ).toMatchObject({ code: 'PRINCIPAL_NOT_IN_CONSORTIUM' });
    expect(refusal(() => assertSubcontractPrincipal(cotraitant, false))?.problems[0]).toMatchObject(
      { path: 'subcontract.lot', code: 'UNKNOWN_LOT' },
    );
  });
});
