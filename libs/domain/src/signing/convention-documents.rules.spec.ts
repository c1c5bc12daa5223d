import { assertConventionFreezable, changeRequestOfAmendment } from './convention-documents.rules';
import { refusalCodes } from '../errors/refusal.fixture';

describe('the convention and its amendments as documents', () => {
  it('freezes the convention of the agreed split, on an agreed bid', () => {
    const convention = { id: 'conv-1', kind: 'CONVENTION', allocationVersion: 2 };
    const agreed = { frozenConvention: null };
    expect(
      refusalCodes(() =>
        assertConventionFreezable(convention, { status: 'AGREED', agreedVersion: 2, ...agreed }),
      ),
    ).toBeNull();
    expect(
      refusalCodes(() =>
        assertConventionFreezable(
          { id: 'dc1', kind: 'DC1', allocationVersion: 2 },
          { status: 'AGREED', agreedVersion: 2, ...agreed },
        ),
      ),
    ).toEqual({ code: 'INVALID_INPUT', problems: ['NOT_A_CONVENTION'] });
    expect(
      refusalCodes(() =>
        assertConventionFreezable(convention, { status: 'PROPOSED', agreedVersion: 2, ...agreed }),
      ),
    ).toEqual({ code: 'WORKFLOW_RULE_VIOLATED', problems: ['BID_STATUS'] });
    expect(
      refusalCodes(() =>
        assertConventionFreezable(convention, { status: 'AGREED', agreedVersion: 3, ...agreed }),
      ),
    ).toEqual({ code: 'INVALID_INPUT', problems: ['NOT_THE_AGREED_VERSION'] });
    expect(() =>
      assertConventionFreezable(convention, { status: 'AGREED', agreedVersion: null, ...agreed }),
    ).toThrow(
      'Cette convention décrit la version 2 de la répartition, alors que les membres ont ' +
        'approuvé la version —.',
    );
  });

  it('freezes one convention of the split: the same again changes nothing, another is refused', () => {
    const convention = { id: 'conv-2', kind: 'CONVENTION', allocationVersion: 2 };
    const bid = { status: 'AGREED' as const, agreedVersion: 2 };
    expect(
      refusalCodes(() =>
        assertConventionFreezable(convention, {
          ...bid,
          frozenConvention: { id: 'conv-2', number: 2 },
        }),
      ),
    ).toBeNull();
    expect(
      refusalCodes(() =>
        assertConventionFreezable(convention, {
          ...bid,
          frozenConvention: { id: 'conv-1', number: 1 },
        }),
      ),
    ).toEqual({ code: 'WORKFLOW_RULE_VIOLATED', problems: ['CONVENTION_ALREADY_FROZEN'] });
  });

  it('renders an amendment for the new split of the change request under way', () => {
    const change = { id: 'change-1', status: 'REALLOCATED' as const, allocationVersionId: 'v3' };
    expect(changeRequestOfAmendment(change, 'v3')).toBe('change-1');
    const none = { code: 'INVALID_INPUT', problems: ['NO_CHANGE_REQUEST'] };
    expect(refusalCodes(() => changeRequestOfAmendment(change, 'v2'))).toEqual(none);
    expect(refusalCodes(() => changeRequestOfAmendment(null, 'v3'))).toEqual(none);
    expect(
      refusalCodes(() =>
        changeRequestOfAmendment({ ...change, status: 'AMENDMENT_SIGNING' }, 'v3'),
      ),
    ).toEqual(none);
  });
});
