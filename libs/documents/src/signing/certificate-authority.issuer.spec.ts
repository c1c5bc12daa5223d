// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect polyfill.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { organizationIdentifier } from '@cordage/domain';
import {
  type CertificateAuthority,
  createCertificateAuthority,
  issueSignerCertificate,
} from './certificate-authority.issuer';
import { certificateNames, certificateSummary } from './platform-authority';

/** id-at-organizationIdentifier. */
const ORGANIZATION_IDENTIFIER = '2.5.4.97';

describe('issueSignerCertificate', () => {
  let ca: CertificateAuthority;
  const identity = {
    name: 'Anne Dupont',
    organisation: 'Atelier Œuvre',
    email: 'anne@atelier.test',
  };

  beforeAll(async () => {
    ca = await createCertificateAuthority({
      commonName: 'Cordage CA test',
      organisation: 'Cordage',
    });
  });

  const organizationIdentifierOf = (pem: string) =>
    new x509.X509Certificate(pem).subjectName.getField(ORGANIZATION_IDENTIFIER);

  it('carries the organisation identifier in the form of ETSI EN 319 412-1', async () => {
    const french = await issueSignerCertificate(ca, {
      ...identity,
      identifier: organizationIdentifier('SIRET', '55210055400013'),
    });
    expect(organizationIdentifierOf(french.certificatePem)).toEqual(['NTRFR-552100554']);
    expect(certificateSummary(french.certificatePem).subject).toContain('NTRFR-552100554');

    const belgian = await issueSignerCertificate(ca, {
      ...identity,
      identifier: organizationIdentifier('BCE', '0123.456.749'),
    });
    expect(organizationIdentifierOf(belgian.certificatePem)).toEqual(['NTRBE-0123456749']);
  });

  it('refuses an identifier in another form, and certifies none when there is none', async () => {
    await expect(
      issueSignerCertificate(ca, { ...identity, identifier: 'SIRET 473 607 146 36845' }),
    ).rejects.toThrow(RangeError);
    const seal = await issueSignerCertificate(ca, identity);
    expect(organizationIdentifierOf(seal.certificatePem)).toEqual([]);
  });

  it('names its holder and its issuer as people read them', async () => {
    const issued = await issueSignerCertificate(ca, identity);
    expect(certificateNames(issued.certificatePem)).toEqual({
      holderName: 'Anne Dupont, Atelier Œuvre',
      issuerName: 'Cordage CA test',
    });
  });
});
