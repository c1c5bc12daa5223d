import type { SmtpSink } from '@cordage/testing';
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
