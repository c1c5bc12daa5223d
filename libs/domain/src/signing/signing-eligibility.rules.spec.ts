import { DomainError, DomainErrorCode } from '../errors';
import {
  type SignableDocument,
  type Signer,
  amendmentVersionInSigning,
  assertDescribesSignedVersion,
  assertFrozenForSignature,
  assertMaySign,
} from './signing-eligibility.rules';

/** The refusal's error code and its problems' codes, or null when nothing is refused. */
function refusal(check: () => unknown): { code: string; problems: string[] } | null {
  try {
    check();
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, problems: error.problems.map((problem) => problem.code) };
  }
}

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
    expect(refusal(() => assertFrozenForSignature(frozen))).toBeNull();
    expect(refusal(() => assertFrozenForSignature({ ...frozen, kind: 'AMENDMENT' }))).toBeNull();
    const notFrozen = { code: DomainErrorCode.INVALID_INPUT, problems: ['DOCUMENT_NOT_FROZEN'] };
    expect(refusal(() => assertFrozenForSignature({ ...frozen, frozenAt: null }))).toEqual(
      notFrozen,
    );
    expect(refusal(() => assertFrozenForSignature({ ...frozen, kind: 'DC1' }))).toEqual(notFrozen);
  });

  it('signs the split approved, never a superseded one', () => {
    expect(refusal(() => assertDescribesSignedVersion(frozen, 'version-2'))).toBeNull();
    const superseded = {
      code: DomainErrorCode.INVALID_INPUT,
      problems: ['NOT_THE_AGREED_VERSION'],
    };
    expect(refusal(() => assertDescribesSignedVersion(frozen, 'version-3'))).toEqual(superseded);
    expect(refusal(() => assertDescribesSignedVersion(frozen, null))).toEqual(superseded);
  });

  it('signs an amendment while its change request is in signing only', () => {
    expect(
      amendmentVersionInSigning({ status: 'AMENDMENT_SIGNING', allocationVersionId: 'version-3' }),
    ).toBe('version-3');
    const closed = { code: DomainErrorCode.INVALID_INPUT, problems: ['AMENDMENT_NOT_IN_SIGNING'] };
    expect(refusal(() => amendmentVersionInSigning(null))).toEqual(closed);
    expect(
      refusal(() =>
        amendmentVersionInSigning({ status: 'REALLOCATED', allocationVersionId: 'version-3' }),
      ),
    ).toEqual(closed);
  });

  it('lets a party still in sign once, through its signatory', () => {
    expect(refusal(() => assertMaySign(signer, false))).toBeNull();
    const refused = (problem: string) => ({
      code: DomainErrorCode.INVALID_INPUT,
      problems: [problem],
    });
    expect(refusal(() => assertMaySign({ ...signer, status: 'WITHDRAWN' }, false))).toEqual(
      refused('NOT_A_PARTY'),
    );
    expect(refusal(() => assertMaySign({ ...signer, status: 'DECLINED' }, false))).toEqual(
      refused('NOT_A_PARTY'),
    );
    expect(refusal(() => assertMaySign({ ...signer, role: 'SOUS_TRAITANT' }, false))).toEqual(
      refused('NOT_A_PARTY'),
    );
    expect(refusal(() => assertMaySign({ ...signer, signsForOrganisation: false }, false))).toEqual(
      refused('NOT_A_SIGNATORY'),
    );
    expect(refusal(() => assertMaySign(signer, true))).toEqual(refused('ALREADY_SIGNED'));
  });

  it('names the organisation in the refusal', () => {
    expect(() => assertMaySign(signer, true)).toThrow(
      'Ateliers du Nord a déjà signé cette convention.',
    );
  });
});
