import { DomainErrorCode } from '../errors';
import {
  type CertificateFacts,
  assertCertificateCanSign,
  certificateProblems,
} from './certificate.rules';

const facts = (overrides: Partial<CertificateFacts> = {}): CertificateFacts => ({
  subject: 'CN=Claire Fontaine',
  notBefore: new Date('2026-01-01T00:00:00Z'),
  notAfter: new Date('2028-01-01T00:00:00Z'),
  keyUsage: { digitalSignature: true, nonRepudiation: true },
  ...overrides,
});
const now = new Date('2026-11-26T10:00:00Z');

describe('a certificate that may sign', () => {
  it('is valid today with a signing key usage, or no key usage restriction', () => {
    expect(certificateProblems(facts(), now)).toEqual([]);
    expect(certificateProblems(facts({ keyUsage: null }), now)).toEqual([]);
    const nonRepudiationOnly = { digitalSignature: false, nonRepudiation: true };
    expect(certificateProblems(facts({ keyUsage: nonRepudiationOnly }), now)).toEqual([]);
  });

  it('is refused when expired, not yet valid or limited to other usages', () => {
    expect(certificateProblems(facts({ notAfter: new Date('2026-11-01') }), now)).toEqual([
      'expired',
    ]);
    expect(certificateProblems(facts({ notBefore: new Date('2027-01-01') }), now)).toEqual([
      'not-yet-valid',
    ]);
    const encipherOnly = { digitalSignature: false, nonRepudiation: false };
    expect(certificateProblems(facts({ keyUsage: encipherOnly }), now)).toEqual(['key-usage']);
  });

  it('says why in French', () => {
    expect(() =>
      assertCertificateCanSign(facts({ notAfter: new Date('2026-11-01T00:00:00Z') }), now),
    ).toThrow(
      expect.objectContaining({
        code: DomainErrorCode.CERTIFICATE_INVALID,
        message: 'Certificat refusé (CN=Claire Fontaine) : le certificat a expiré le 01/11/2026.',
      }),
    );
  });
});
