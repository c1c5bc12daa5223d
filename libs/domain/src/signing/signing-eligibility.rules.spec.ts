import { DomainErrorCode } from '../errors';
import {
  type SignableDocument,
  type Signer,
  amendmentVersionInSigning,
  assertAmendmentOfChange,
  assertDescribesSignedVersion,
  assertFrozenForSignature,
  assertMaySign,
} from './signing-eligibility.rules';
import { refusalCodes } from '../errors/refusal.fixture';

const frozen: SignableDocument = {
  kind: 'CONVENTION',
  frozenAt: new Date('2026-11-26T10:00:00Z'),
  allocationVersionId: 'version-2',
};
const signer: Signer = {
  role: 'COTRAITANT',
  status: 'SIGNED',
  legalName: 'Ateliers du Nord',
  signsForOrganisation: true,
};

describe('who signs what, and when', () => {
  it('signs a frozen convention or amendment only', () => {
    expect(refusalCodes(() => assertFrozenForSignature(frozen))).toBeNull();
    expect(
      refusalCodes(() => assertFrozenForSignature({ ...frozen, kind: 'AMENDMENT' })),
    ).toBeNull();
    const notFrozen = { code: DomainErrorCode.INVALID_INPUT, problems: ['DOCUMENT_NOT_FROZEN'] };
    expect(refusalCodes(() => assertFrozenForSignature({ ...frozen, frozenAt: null }))).toEqual(
      notFrozen,
    );
    expect(refusalCodes(() => assertFrozenForSignature({ ...frozen, kind: 'DC1' }))).toEqual(
      notFrozen,
    );
  });

  it('signs the split approved, never a superseded one', () => {
    expect(refusalCodes(() => assertDescribesSignedVersion(frozen, 'version-2'))).toBeNull();
    const superseded = {
      code: DomainErrorCode.INVALID_INPUT,
      problems: ['NOT_THE_AGREED_VERSION'],
    };
    expect(refusalCodes(() => assertDescribesSignedVersion(frozen, 'version-3'))).toEqual(
      superseded,
    );
    expect(refusalCodes(() => assertDescribesSignedVersion(frozen, null))).toEqual(superseded);
  });

  it('signs an amendment while its change request is in signing only', () => {
    expect(
      amendmentVersionInSigning({ status: 'AMENDMENT_SIGNING', allocationVersionId: 'version-3' }),
    ).toBe('version-3');
    const closed = { code: DomainErrorCode.INVALID_INPUT, problems: ['AMENDMENT_NOT_IN_SIGNING'] };
    expect(refusalCodes(() => amendmentVersionInSigning(null))).toEqual(closed);
    expect(
      refusalCodes(() =>
        amendmentVersionInSigning({ status: 'REALLOCATED', allocationVersionId: 'version-3' }),
      ),
    ).toEqual(closed);
  });

  it('lets a party still in sign once, through its signatory', () => {
    expect(refusalCodes(() => assertMaySign(signer, false))).toBeNull();
    const refused = (problem: string) => ({
      code: DomainErrorCode.INVALID_INPUT,
      problems: [problem],
    });
    expect(refusalCodes(() => assertMaySign({ ...signer, status: 'WITHDRAWN' }, false))).toEqual(
      refused('NOT_A_PARTY'),
    );
    expect(refusalCodes(() => assertMaySign({ ...signer, status: 'DECLINED' }, false))).toEqual(
      refused('NOT_A_PARTY'),
    );
    expect(refusalCodes(() => assertMaySign({ ...signer, role: 'SOUS_TRAITANT' }, false))).toEqual(
      refused('NOT_A_PARTY'),
    );
    expect(
      refusalCodes(() => assertMaySign({ ...signer, signsForOrganisation: false }, false)),
    ).toEqual(refused('NOT_A_SIGNATORY'));
    expect(refusalCodes(() => assertMaySign(signer, true))).toEqual(refused('ALREADY_SIGNED'));
  });

  it('names the organisation in the refusal', () => {
    expect(() => assertMaySign(signer, true)).toThrow(
      'Ateliers du Nord a déjà signé cette convention.',
    );
  });

  it('signs an amendment for the change request in signing only', () => {
    expect(
      refusalCodes(() => assertAmendmentOfChange({ changeRequestId: 'c-2' }, 'c-2')),
    ).toBeNull();
    for (const [document, change] of [
      ['c-1', 'c-2'],
      [null, 'c-2'],
      [null, null],
    ] as const) {
      expect(
        refusalCodes(() => assertAmendmentOfChange({ changeRequestId: document }, change)),
      ).toEqual({
        code: DomainErrorCode.INVALID_INPUT,
        problems: ['NOT_THE_AMENDMENT_IN_SIGNING'],
      });
    }
  });
});
