import { DomainError } from '../errors';
import { assertConventionFreezable, changeRequestOfAmendment } from './convention-documents.rules';

function refusal(check: () => unknown): { code: string; problems: string[] } | null {
  try {
    check();
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, problems: error.problems.map((problem) => problem.code) };
  }
}

describe('the convention and its amendments as documents', () => {
  it('freezes the convention of the agreed split, on an agreed bid', () => {
    const convention = { kind: 'CONVENTION', allocationVersion: 2 };
    expect(
      refusal(() => assertConventionFreezable(convention, { status: 'AGREED', agreedVersion: 2 })),
    ).toBeNull();
    expect(
      refusal(() =>
        assertConventionFreezable(
          { kind: 'DC1', allocationVersion: 2 },
          { status: 'AGREED', agreedVersion: 2 },
        ),
      ),
    ).toEqual({ code: 'INVALID_INPUT', problems: ['NOT_A_CONVENTION'] });
    expect(
      refusal(() =>
        assertConventionFreezable(convention, { status: 'PROPOSED', agreedVersion: 2 }),
      ),
    ).toEqual({ code: 'WORKFLOW_RULE_VIOLATED', problems: ['BID_STATUS'] });
    expect(
      refusal(() => assertConventionFreezable(convention, { status: 'AGREED', agreedVersion: 3 })),
    ).toEqual({ code: 'INVALID_INPUT', problems: ['NOT_THE_AGREED_VERSION'] });
    expect(() =>
      assertConventionFreezable(convention, { status: 'AGREED', agreedVersion: null }),
    ).toThrow(
      'Cette convention décrit la version 2 de la répartition, alors que les membres ont ' +
        'approuvé la version —.',
    );
  });

  it('renders an amendment for the new split of the change request under way', () => {
    const change = { id: 'change-1', status: 'REALLOCATED' as const, allocationVersionId: 'v3' };
    expect(changeRequestOfAmendment(change, 'v3')).toBe('change-1');
    const none = { code: 'INVALID_INPUT', problems: ['NO_CHANGE_REQUEST'] };
    expect(refusal(() => changeRequestOfAmendment(change, 'v2'))).toEqual(none);
    expect(refusal(() => changeRequestOfAmendment(null, 'v3'))).toEqual(none);
    expect(
      refusal(() => changeRequestOfAmendment({ ...change, status: 'AMENDMENT_SIGNING' }, 'v3')),
    ).toEqual(none);
  });
});
