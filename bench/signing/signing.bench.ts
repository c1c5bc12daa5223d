// Requirement (issue 6): 30 members sign one 20-lot convention in under 6 s in total, and the
// 30th signature takes under 2x the 1st. Each step is what the worker does for one member: sign
// the latest revision, check it extends the previous bytes, seal a new proof file listing every
// revision. Baseline in the same run: one bare node:crypto signature of the same bytes.
// Run: npm run bench:signing [-- --size=xs: 3 members, one run]. Exits non-zero on an error only.
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  type DocumentParty,
  assertAppendOnly,
  at,
  organizationIdentifier,
  signatureBoxName,
} from '@cordage/domain';
import {
  type IssuedCertificate,
  type ProofRevision,
  type SigningCredentials,
  createCertificateAuthority,
  issueSignerCertificate,
  readPdfSignatures,
  renderConventionPdf,
  renderProofPdf,
  signPdf,
} from '@cordage/documents';
import { benchModel } from '../documents/bench-model';
import { luhnCheckDigit, smallestSize } from '../scenario-generator';

const MEMBERS = smallestSize() ? 3 : 30;
const RUNS = smallestSize() ? 1 : 5;

/** A valid SIREN per member: its certificate carries it as ETSI EN 319 412-1 asks. */
function memberSiren(index: number): string {
  const body = String(47360700 + index);
  return `${body}${luhnCheckDigit(body)}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return at(sorted, Math.floor(sorted.length / 2));
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every member signs in turn, each step as the worker makes it (signature, check, proof file). */
async function signInTurn(
  pdf: Uint8Array,
  signers: IssuedCertificate[],
  parties: DocumentParty[],
  seal: SigningCredentials,
) {
  const times: number[] = [];
  const revisions: ProofRevision[] = [];
  let signed = pdf;
  const start = performance.now();
  for (const [i, signer] of signers.entries()) {
    const t = performance.now();
    const signedAt = new Date();
    const next = await signPdf(signed, signer, {
      name: `Signataire ${i + 1}`,
      reason: 'Signature de la convention de groupement',
      location: 'France',
      signingTime: signedAt,
      // Shown in the member's own box, as the worker does.
      appearance: {
        box: signatureBoxName(at(parties, i)),
        organisation: at(parties, i).legalName,
        capacity: 'Directrice',
        timeZone: 'Europe/Paris',
      },
    });
    assertAppendOnly(signed, next);
    signed = next;
    revisions.push({
      sha256: sha256(signed),
      signer: `Signataire ${i + 1}`,
      capacity: 'Directrice',
      organisation: `Structure ${i + 1}`,
      signedAt: signedAt.toISOString(),
      ip: '127.0.0.1',
      certificateSerial: signer.serialNumber,
      certificateSubject: `CN=Signataire ${i + 1}`,
    });
    await renderProofPdf(
      {
        documentTitle: 'convention.pdf',
        frozenSha256: sha256(pdf),
        revisions,
        generatedAt: signedAt.toISOString(),
      },
      seal,
    );
    times.push(performance.now() - t);
  }
  return { times, total: performance.now() - start, signed };
}

async function main(): Promise<void> {
  const model = await benchModel();
  const pdf = await renderConventionPdf(model);
  const ca = await createCertificateAuthority({
    commonName: 'Cordage bench CA',
    organisation: 'Cordage',
  });
  const sealCertificate = await issueSignerCertificate(ca, {
    name: 'Sceau',
    organisation: 'Cordage',
    email: 'sceau@cordage.invalid',
  });
  const seal = { ...sealCertificate, chainPems: [ca.certificatePem] };
  const signers = await Promise.all(
    Array.from({ length: MEMBERS }, (_, i) =>
      issueSignerCertificate(ca, {
        name: `Signataire ${i + 1}`,
        organisation: `Structure ${i + 1}`,
        identifier: organizationIdentifier('SIREN', memberSiren(i)),
        email: `membre${i + 1}@bench.cordage.fr`,
      }),
    ),
  );

  // Baseline: a bare node:crypto signature of the same bytes (median of 21, after a warm-up).
  const key = createPrivateKey(at(signers, 0).privateKeyPem);
  sign('sha256', pdf, key);
  const bareMs = median(
    Array.from({ length: 21 }, () => {
      const bareStart = performance.now();
      sign('sha256', pdf, key);
      return performance.now() - bareStart;
    }),
  );

  // Warm-up on a throwaway copy, so that the 1st measured signature is not paying for the JIT.
  await signPdf(pdf, at(signers, 0), {
    name: 'warm-up',
    reason: 'warm-up',
    location: 'bench',
    signingTime: new Date(),
  });

  // Several full runs; each position's figure is its median, so one GC pause does not decide.
  const runs: { times: number[]; total: number; signed: Uint8Array }[] = [];
  for (let run = 0; run < RUNS; run++)
    runs.push(await signInTurn(pdf, signers, model.parties, seal));
  const current = at(runs, 0).signed;
  const total = median(runs.map((run) => run.total));
  const times = signers.map((_, i) => median(runs.map((run) => at(run.times, i))));

  const verifyStart = performance.now();
  const reports = await readPdfSignatures(current);
  const verifyMs = performance.now() - verifyStart;
  const valid = reports.filter((report) => report.signatureValid).length;
  if (valid !== MEMBERS || !at(reports, MEMBERS - 1).coversWholeFile) {
    throw new Error(`${valid} of ${reports.length} signatures valid after the run`);
  }
  const [first, last] = [at(times, 0), at(times, times.length - 1)];
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  console.log(
    `convention of ${model.parties.length} members and ${model.lots.length} lots: ${(pdf.length / 1024).toFixed(0)} KB -> ${(current.length / 1024).toFixed(0)} KB after ${MEMBERS} signatures`,
  );
  console.log(`baseline, one bare node:crypto signature of the same bytes: ${ms(bareMs)}`);
  console.log(
    `total for ${MEMBERS} signatures (median of ${RUNS} runs): ${ms(total)} (target < 6000 ms) ${total < 6000 ? 'OK' : 'MISSED'}`,
  );
  console.log(
    `1st signature: ${ms(first)}; ${MEMBERS}th: ${ms(last)}; ratio ${(last / first).toFixed(2)} (target < 2) ${last / first < 2 ? 'OK' : 'MISSED'}`,
  );
  console.log(`verifying the ${MEMBERS} signatures in-process: ${ms(verifyMs)}`);
  console.log(`per signature (median): ${times.map((t) => t.toFixed(0)).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
