import { DomainError, DomainErrorCode } from '../errors';

/** What the signing rules need to know about a certificate, read by a crypto adapter. */
export interface CertificateFacts {
  subject: string;
  notBefore: Date;
  notAfter: Date;
  /** Null when the certificate has no keyUsage extension (no restriction). */
  keyUsage: { digitalSignature: boolean; nonRepudiation: boolean } | null;
}

export type CertificateProblem = 'not-yet-valid' | 'expired' | 'key-usage';

export function certificateProblems(facts: CertificateFacts, now: Date): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  if (now.getTime() < facts.notBefore.getTime()) problems.push('not-yet-valid');
  if (now.getTime() > facts.notAfter.getTime()) problems.push('expired');
  const usage = facts.keyUsage;
  if (usage !== null && !usage.digitalSignature && !usage.nonRepudiation)
    problems.push('key-usage');
  return problems;
}

const frenchDate = (date: Date): string => date.toLocaleDateString('fr-FR', { timeZone: 'UTC' });

/** Refuses, in French, a certificate that cannot sign at `now`. */
export function assertCertificateCanSign(facts: CertificateFacts, now: Date): void {
  const messages = certificateProblems(facts, now).map((problem) => {
    switch (problem) {
      case 'not-yet-valid':
        return `le certificat n’est valable qu’à partir du ${frenchDate(facts.notBefore)}`;
      case 'expired':
        return `le certificat a expiré le ${frenchDate(facts.notAfter)}`;
      case 'key-usage':
        return 'l’usage de la clé du certificat n’autorise pas la signature (digitalSignature ou nonRepudiation requis)';
    }
  });
  if (messages.length > 0) {
    throw new DomainError(
      DomainErrorCode.CERTIFICATE_INVALID,
      `Certificat refusé (${facts.subject}) : ${messages.join(' ; ')}.`,
      messages.map((message) => ({ path: 'certificate', code: 'CERTIFICATE_INVALID', message })),
    );
  }
}
