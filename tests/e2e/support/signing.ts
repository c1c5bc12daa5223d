import { createCertificateAuthority, issueSignerCertificate } from '@cordage/documents';
import { type SmtpSink, opensslPkcs12 } from '@cordage/testing';
import type { SignedIn } from './actors';
import { pollJob } from './harness';

export interface Signing {
  bidId: string;
  memberId: string;
  documentId: string;
}

/** Asks for a signing code and reads it in the mail that really arrived. */
export async function signingCode(signatory: SignedIn, smtp: SmtpSink, at: Signing) {
  await signatory
    .post(`/api/bids/${at.bidId}/members/${at.memberId}/signature-code`)
    .send({ documentId: at.documentId })
    .expect(200);
  return smtp.lastCode(signatory.email);
}

export const confirmSigning = (signatory: SignedIn, at: Signing, code: string) =>
  signatory
    .post(`/api/bids/${at.bidId}/members/${at.memberId}/signatures`)
    .send({ documentId: at.documentId, code });

/** Signs as a person does: a code by mail, confirmed, then the worker's job followed to its end. */
export async function signWithCode(signatory: SignedIn, smtp: SmtpSink, at: Signing) {
  const accepted = await confirmSigning(signatory, at, await signingCode(signatory, smtp, at));
  if (accepted.status !== 202) throw new Error(`signing refused: ${JSON.stringify(accepted.body)}`);
  return (await pollJob(signatory, accepted.body.jobId)).last;
}

/**
 * A member's own PKCS#12 file (password "secret"), issued by an authority other than Cordage's,
 * written in `folder`: what a signatory uploads to sign with its own certificate.
 */
export async function ownPkcs12(
  folder: string,
  holder: { name: string; organisation: string; identifier: string; email: string },
): Promise<string> {
  const provider = await createCertificateAuthority({
    commonName: 'Prestataire de confiance',
    organisation: 'Prestataire',
  });
  const own = await issueSignerCertificate(provider, holder);
  return opensslPkcs12(folder, 'own', own, { password: 'secret' });
}
