import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { type ChildProcess, execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createCertificateAuthority } from '@cordage/documents';
import {
  at,
  formatEuros,
  formatHours,
  organizationIdentifier,
  required,
  uncoveredByLot,
  wallClock,
} from '@cordage/domain';
import { JobName, QueueName, QueueRegistry } from '@cordage/queue';
import { OTHER_SIGNATORY_CAPACITY } from '@cordage/persistence';
import {
  PdfFile,
  SmtpSink,
  normalise,
  readExampleScenario,
  verifyWithSharedTool,
} from '@cordage/testing';
import { moveBid } from './support/bid-state';
import { type SignedIn, signIn } from './support/actors';
import { confirmSigning, ownPkcs12, signWithCode, signingCode } from './support/signing';
import { asBytes, pollJob, spawnWorker, stopProcess } from './support/harness';
import { type System, exampleBidWithCoordinator, startSystem } from './support/system';
import { pdfText } from './support/pdf';

/**
 * Every time of day a text prints ("à 12 h 00"), with the date before it when there is one:
 * "15 janvier 2027 à 12 h 00" (clauses, sheets), "le 06/12/2026 à 3 h 12" (a signature box).
 * "à" tells a time from hours of work ("1 750 h 62 195,27 €" in a table read as text).
 */
function timesIn(text: string): string[] {
  return [
    ...text.matchAll(
      /(?:(?:1er|\d{1,2}) \p{L}+ \d{4} |le \d{2}\/\d{2}\/\d{4} )?à \d{1,2} h \d{2}\b/gu,
    ),
  ].map((match) => match[0]);
}

/**
 * The signature fields of a PDF as qpdf reads them (not our PDF library): each widget's
 * rectangle and whether it has a normal appearance stream, i.e. shows something in its box.
 */
function signatureWidgets(pdf: Buffer): { rect: number[]; appearance: boolean }[] {
  const file = new PdfFile(pdf);
  try {
    const json = JSON.parse(
      execFileSync('qpdf', ['--json=2', '--json-key=acroform', '--json-key=qpdf', file.file], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      }),
    ) as {
      acroform: { fields: { fieldtype: string; annotation: { object: string } }[] };
      qpdf: [unknown, Record<string, { value?: Record<string, unknown>; stream?: unknown }>];
    };
    const objects = json.qpdf[1];
    return json.acroform.fields
      .filter((field) => field.fieldtype === '/Sig')
      .map((field) => {
        const widget = required(
          objects[`obj:${field.annotation.object}`]?.value,
          'the signature widget',
        );
        const rect = (widget['/Rect'] as number[] | undefined) ?? [0, 0, 0, 0];
        const normal = (widget['/AP'] as Record<string, string> | undefined)?.['/N'];
        const visible = rect[2] !== rect[0] && rect[3] !== rect[1];
        return {
          rect,
          appearance:
            visible && normal !== undefined && objects[`obj:${normal}`]?.stream !== undefined,
        };
      });
  } finally {
    file.remove();
  }
}

/** The signature counts at which the 14-signature journey runs the shared checker. */
const CHECKED_WITH_SHARED_TOOL = [1, 2, 9, 10, 11, 14];

interface Party {
  memberId: string;
  key: string;
  legalName: string;
  signatory: SignedIn;
}

describe('Signing the convention for real (worker processes, SMTP, pdfsig, openssl, qpdf)', () => {
  const smtp = new SmtpSink();
  let system: System;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let secondWorker: ChildProcess;
  let dataSource: DataSource;
  let bidId: string;
  let coordinator: SignedIn;
  let documentId: string;
  let parties: Party[];
  let folder: string;
  /** The party at `index`, in member key order. */
  const partyAt = (index: number) => at(parties, index);

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'cordage-signing-'));
    system = await startSystem({ smtp });
    ({ api, dataSource } = system);
    worker = required(system.worker, 'the worker');
    ({ bidId, coordinator } = await exampleBidWithCoordinator(system));
    const members = await dataSource.query<
      {
        id: string;
        key: string;
        organisation_id: string;
        legal_name: string;
        representative_email: string;
      }[]
    >(
      `SELECT m.id, m.key, m.organisation_id, o.legal_name,
              lower(own.representatives->0->>'email') AS representative_email FROM members m
       JOIN organisations o ON o.id = m.organisation_id
       JOIN bids b ON b.id = m.bid_id
       JOIN network_organisations own
         ON own.network_id = b.network_id AND own.organisation_id = m.organisation_id
       WHERE m.bid_id = $1 AND m.role = 'COTRAITANT' ORDER BY m.key`,
      [bidId],
    );
    parties = [];
    for (const member of members) {
      parties.push({
        memberId: member.id,
        key: member.key,
        legalName: member.legal_name,
        // The first member signs through its legal representative; the others through a
        // signatory their organisation named, who must not borrow the representative's capacity.
        signatory: await signIn(
          api,
          dataSource,
          parties.length === 0 ? member.representative_email : `signature@${member.key}.test`,
          [{ role: 'SIGNATORY', organisationId: member.organisation_id }],
        ),
      });
    }
    await moveBid(dataSource, bidId, 'ALLOCATING');
    const run = await coordinator.post(`/api/bids/${bidId}/allocations`).expect(202);
    expect((await pollJob(coordinator, run.body.jobId)).last.state).toBe('completed');
    documentId = await frozenConvention();
  });
  afterAll(async () => {
    if (secondWorker) await stopProcess(secondWorker);
    await system?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  /** The allocation version the conventions frozen so far describe: 0 before the first. */
  let frozenVersion = 0;

  /**
   * A new convention, frozen for signature (else a draft of version 1): its document id. The
   * members sign one convention of a split, so each frozen one describes a split of its own: the
   * first, version 1; each next one, a copy of it under the next number.
   */
  async function frozenConvention(freeze = true): Promise<string> {
    let version = 1;
    if (freeze && frozenVersion > 0) {
      // The same split as version 1 under the next number (a run on unchanged data adds none).
      version = frozenVersion + 1;
      await dataSource.query(
        `INSERT INTO allocation_versions (bid_id, number, kind, input_hash, result)
         SELECT bid_id, $2, kind, input_hash, result FROM allocation_versions
          WHERE bid_id = $1 AND number = 1`,
        [bidId, version],
      );
    }
    const accepted = await coordinator
      .post(`/api/bids/${bidId}/documents`)
      .send({ allocationVersion: version, set: 'CONVENTION' })
      .expect(202);
    const { last } = await pollJob(coordinator, accepted.body.jobId);
    expect(last.state).toBe('completed');
    const id = at((last.result as unknown as { documentIds: string[] }).documentIds, 0);
    if (freeze) {
      // The members agreed on that version: the convention is frozen, then signing opens.
      await moveBid(dataSource, bidId, 'AGREED', version);
      await coordinator.post(`/api/bids/${bidId}/documents/${id}/freeze`).expect(204);
      await moveBid(dataSource, bidId, 'SIGNING', version);
      frozenVersion = version;
    }
    return id;
  }

  const signingOf = (party: Party, document = documentId) => ({
    bidId,
    memberId: party.memberId,
    documentId: document,
  });
  const codeFor = (party: Party, document = documentId) =>
    signingCode(party.signatory, smtp, signingOf(party, document));
  const confirm = (party: Party, code: string, document = documentId) =>
    confirmSigning(party.signatory, signingOf(party, document), code);

  async function sign(party: Party, document = documentId): Promise<void> {
    const last = await signWithCode(party.signatory, smtp, signingOf(party, document));
    expect(last).toMatchObject({ state: 'completed', result: { alreadyDone: false } });
  }

  function save(name: string, content: Buffer | string): string {
    const file = path.join(folder, name);
    writeFileSync(file, content);
    return file;
  }

  const download = async (who: SignedIn, url: string) =>
    (await asBytes(who.get(url)).expect(200)).body as Buffer;

  it('five members sign in turn; the file verifies with pdfsig, openssl and qpdf, and a changed byte or another CA fails', async () => {
    for (const party of parties.slice(0, 5)) await sign(party);
    const viewer = partyAt(9).signatory;
    const signed = await download(viewer, `/api/bids/${bidId}/documents/${documentId}/signed`);
    const authority = (await viewer.get('/api/signing/authority.pem').expect(200)).text;
    const signedFile = save('signed.pdf', signed);
    const caFile = save('authority.pem', authority);

    const verified = verifyWithSharedTool(signedFile, caFile, 5);
    expect(verified.output).toContain('OK: 5 signatures valid');
    expect(verified.status).toBe(0);

    // The frozen file claims no signature; the signed one shows the five, each in its own box.
    const documents = (await viewer.get(`/api/bids/${bidId}/documents`).expect(200)).body as {
      id: string;
      downloadUrl: string;
    }[];
    const frozen = required(
      documents.find((document) => document.id === documentId),
      'the frozen convention',
    );
    expect(pdfText(await download(viewer, frozen.downloadUrl))).not.toMatch(
      /signé électroniquement/i,
    );
    const signedText = pdfText(signed);
    expect(signedText.split('Signé électroniquement par')).toHaveLength(6);

    const tampered = Buffer.from(signed);
    tampered[2_000] = at(tampered, 2_000) ^ 0x01; // inside the first signed range
    expect(verifyWithSharedTool(save('tampered.pdf', tampered), caFile, 5).status).not.toBe(0);
    const other = await createCertificateAuthority({ commonName: 'Autre', organisation: 'Autre' });
    const otherCa = save('other-ca.pem', other.certificatePem);
    expect(verifyWithSharedTool(signedFile, otherCa, 5).status).not.toBe(0);

    const listed = (
      await viewer.get(`/api/bids/${bidId}/documents/${documentId}/signatures`).expect(200)
    ).body;
    expect(listed.signatures.map((s: { revision: number }) => s.revision)).toEqual([1, 2, 3, 4, 5]);
    expect(listed.signatures.map((s: { memberKey: string }) => s.memberKey)).toEqual(
      parties.slice(0, 5).map((party) => party.key),
    );
    expect(listed.signatures[0].level.label).toMatch(/simple au sens du règlement eIDAS/);
    // Each certificate names its organisation as ETSI EN 319 412-1 says (NTRFR-<SIREN>).
    const [first] = await dataSource.query<{ id_scheme: string; id_value: string }[]>(
      `SELECT o.id_scheme, o.id_value FROM members m JOIN organisations o ON o.id = m.organisation_id
       WHERE m.id = $1`,
      [parties[0]?.memberId],
    );
    expect(listed.signatures[0].certificateSubject).toContain(
      organizationIdentifier(first?.id_scheme ?? '', first?.id_value ?? ''),
    );
    expect(listed.signatures[0].certificateSubject).toMatch(/NTRFR-\d{9}\b/);
    // And, for people, its holder and issuer by name.
    expect(listed.signatures[0].certificate).toEqual({
      holderName: expect.stringContaining(listed.signatures[0].organisation),
      issuerName: expect.not.stringMatching(/=/),
    });
    expect(listed.awaiting).toHaveLength(parties.length - 5);
    for (const signature of listed.signatures as { organisation: string }[]) {
      expect(signedText).toContain(normalise(`pour ${signature.organisation}`));
    }

    // The proof file: sealed by the platform, naming every revision and signer.
    const proof = await download(viewer, listed.proofUrl);
    expect(verifyWithSharedTool(save('proof.pdf', proof), caFile, 1).status).toBe(0);
    const proofFile = new PdfFile(proof);
    const proofText = normalise(proofFile.text());
    proofFile.remove();
    for (const signature of listed.signatures) expect(proofText).toContain(signature.sha256);
    expect(proofText).toContain(listed.frozenSha256);

    // Anyone of the bid can check a file against Cordage's records.
    const report = (
      await viewer
        .post(`/api/bids/${bidId}/signatures/verify`)
        .set('Content-Type', 'application/pdf')
        .send(signed)
        .expect(200)
    ).body;
    expect(report.signatures).toHaveLength(5);
    for (const [i, signature] of report.signatures.entries()) {
      expect(signature).toMatchObject({ valid: true, issuedByPlatform: true });
      expect(signature.record).toMatchObject({ revision: i + 1 });
    }
    expect(report.signatures[4].coversWholeFile).toBe(true);
    expect(report.verdict).toBe(
      'Les 5 signatures sont valides et conformes aux enregistrements de Cordage.',
    );
    const refused = (
      await viewer
        .post(`/api/bids/${bidId}/signatures/verify`)
        .set('Content-Type', 'application/pdf')
        .send(tampered)
        .expect(200)
    ).body;
    expect(refused.signatures.some((s: { valid: boolean }) => !s.valid)).toBe(true);
    // The byte changed is in the first revision, which every signature covers.
    expect(refused.verdict).toBe(
      'Aucune des 5 signatures n’est valide : le document a été modifié après la signature, ' +
        'ou la signature est fausse.',
    );
  });

  it('refuses wrong, expired and reused codes, anyone but the signatory, and a document not frozen', async () => {
    const party = partyAt(5);
    const code = await codeFor(party);
    // Read from the body: the subject, shown on lock screens, never carries it.
    const mail = required(smtp.to(party.signatory.email).at(-1), 'the code mail');
    expect(mail.subject).toBe('Votre code de signature Cordage');
    expect(mail.subject).not.toMatch(/\d{6}/);
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await confirm(party, wrong).expect(403);
    expect(first.body).toMatchObject({ code: 'ONE_TIME_CODE_INVALID' });
    expect(first.body.message).toBe('Code incorrect : il vous reste 4 essai(s).');
    for (let i = 0; i < 4; i++) await confirm(party, wrong).expect(403);
    const locked = await confirm(party, code).expect(403);
    expect(locked.body.message).toBe(
      'Trop de codes erronés : ce code est bloqué. Demandez un nouveau code.',
    );

    const expiring = await codeFor(party);
    await dataSource.query(
      `UPDATE signature_codes SET expires_at = now() - interval '1 second'
       WHERE member_id = $1 AND used_at IS NULL`,
      [party.memberId],
    );
    expect((await confirm(party, expiring).expect(403)).body.message).toBe(
      'Ce code a expiré (validité 10 minutes). Demandez un nouveau code.',
    );

    // The same code twice at once: one signature request, one refusal.
    const once = await codeFor(party);
    const answers = await Promise.all([confirm(party, once), confirm(party, once)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 403]);
    const reused = required(
      answers.find((answer) => answer.status === 403),
      'the refused answer',
    );
    expect(reused.body.message).toBe('Ce code a déjà été utilisé. Demandez un nouveau code.');
    const accepted = required(
      answers.find((answer) => answer.status === 202),
      'the accepted answer',
    );
    await pollJob(party.signatory, accepted.body.jobId);
    const again = await party.signatory
      .post(`/api/bids/${bidId}/members/${party.memberId}/signature-code`)
      .send({ documentId })
      .expect(422);
    expect(again.body.problems[0]).toMatchObject({ code: 'ALREADY_SIGNED' });

    // Someone else's signatory, and the coordinator, may not sign for this member.
    await partyAt(6)
      .signatory.post(`/api/bids/${bidId}/members/${partyAt(7).memberId}/signature-code`)
      .send({ documentId })
      .expect(403);
    await coordinator
      .post(`/api/bids/${bidId}/members/${partyAt(7).memberId}/signatures`)
      .send({ documentId, code: '123456' })
      .expect(403);

    const draft = await frozenConvention(false);
    const notFrozen = await partyAt(7)
      .signatory.post(`/api/bids/${bidId}/members/${partyAt(7).memberId}/signature-code`)
      .send({ documentId: draft })
      .expect(422);
    expect(notFrozen.body.problems[0]).toMatchObject({ code: 'DOCUMENT_NOT_FROZEN' });
  });

  it('lets a signatory sign with its own PKCS#12 certificate, checked, its key kept sealed', async () => {
    const party = partyAt(11);
    const p12 = await ownPkcs12(folder, {
      name: 'Directrice du membre',
      organisation: party.legalName,
      identifier: 'NTRFR-473607146',
      email: party.signatory.email,
    });
    const upload = (password: string) =>
      party.signatory
        .put(`/api/bids/${bidId}/members/${party.memberId}/certificate`)
        .send({ pkcs12: readFileSync(p12).toString('base64'), password });

    const wrong = await upload('mauvais').expect(422);
    expect(wrong.body).toMatchObject({
      code: 'CERTIFICATE_INVALID',
      message: 'Mot de passe du certificat PKCS#12 incorrect.',
    });
    await upload('secret').expect(204);
    const current = (
      await party.signatory
        .get(`/api/bids/${bidId}/members/${party.memberId}/certificate`)
        .expect(200)
    ).body;
    // Named as people read them, beside the X.509 subject.
    expect(current.certificate).toMatchObject({
      source: 'PKCS12',
      holderName: `Directrice du membre, ${party.legalName}`,
      issuerName: 'Prestataire de confiance',
    });
    expect(current.level.code).toBe('EIDAS_MEMBER_CERTIFICATE');
    const [found] = await dataSource.query<{ sealed_private_key: string }[]>(
      `SELECT sealed_private_key FROM signer_certificates WHERE source = 'PKCS12' AND revoked_at IS NULL`,
    );
    const stored = required(found, 'the stored PKCS#12 key');
    expect(stored.sealed_private_key).toMatch(/^v1:/);
    expect(stored.sealed_private_key).not.toContain('PRIVATE KEY');

    await sign(party);
    const signed = await download(
      party.signatory,
      `/api/bids/${bidId}/documents/${documentId}/signed`,
    );
    const report = (
      await party.signatory
        .post(`/api/bids/${bidId}/signatures/verify`)
        .set('Content-Type', 'application/pdf')
        .send(signed)
        .expect(200)
    ).body;
    const last = report.signatures.at(-1);
    expect(last).toMatchObject({ valid: true, coversWholeFile: true, issuedByPlatform: false });
    expect(last.record).toMatchObject({ organisation: party.legalName });

    // Revoked: the next signature would get a certificate of the platform again.
    await party.signatory
      .delete(`/api/bids/${bidId}/members/${party.memberId}/certificate`)
      .expect(204);
    const after = (
      await party.signatory
        .get(`/api/bids/${bidId}/members/${party.memberId}/certificate`)
        .expect(200)
    ).body;
    expect(after.certificate).toBeNull();
  });

  it('publishes its authority’s revocations: a renewed platform certificate fails openssl’s CRL check', async () => {
    const party = partyAt(0); // signed in the first test: it holds a platform certificate
    const [issued] = await dataSource.query<{ serial_number: string; certificate_pem: string }[]>(
      `SELECT serial_number, certificate_pem FROM signer_certificates
       WHERE user_id = $1 AND source = 'PLATFORM' AND revoked_at IS NULL`,
      [party.signatory.userId],
    );
    const certificate = required(issued, 'the first signatory’s platform certificate');
    const anyone = request(api.getHttpServer());
    const caFile = save('authority.pem', (await anyone.get('/api/signing/authority.pem')).text);
    const certFile = save('signer.pem', certificate.certificate_pem);
    /** Fetches the list, checks it is signed by the authority, then checks the certificate. */
    const checkAgainstRevocations = async () => {
      const list = await anyone.get('/api/signing/revocations.pem').expect(200);
      const crlFile = save('revocations.pem', list.text);
      execFileSync('openssl', ['crl', '-in', crlFile, '-CAfile', caFile, '-noout'], {
        stdio: 'pipe',
      });
      const listed = execFileSync('openssl', ['crl', '-in', crlFile, '-noout', '-text'], {
        encoding: 'utf8',
      });
      const verify = spawnSync(
        'openssl',
        ['verify', '-crl_check', '-CAfile', caFile, '-CRLfile', crlFile, certFile],
        { encoding: 'utf8' },
      );
      return { listed, verdict: verify.stdout + verify.stderr, status: verify.status };
    };

    const before = await checkAgainstRevocations();
    expect(before).toMatchObject({ status: 0, verdict: `${certFile}: OK\n` });

    await party.signatory
      .delete(`/api/bids/${bidId}/members/${party.memberId}/certificate`)
      .expect(204);
    const after = await checkAgainstRevocations();
    expect(after.status).not.toBe(0);
    expect(after.verdict).toContain('certificate revoked');
    // Only the platform's own: the member's PKCS#12 revoked above is its issuer's to publish.
    expect(after.listed.match(/Serial Number: \w+/g)).toEqual([
      `Serial Number: ${certificate.serial_number.toUpperCase()}`,
    ]);
  });

  it('ten signatories at once on two workers: every signature valid, none lost, none applied twice', async () => {
    secondWorker = spawnWorker({ WORKER_CONCURRENCY: '4' });
    const document = await frozenConvention();
    const ten = parties.slice(0, 10);
    const codes: string[] = [];
    for (const party of ten) codes.push(await codeFor(party, document));
    const accepted = await Promise.all(
      ten.map((party, i) => confirm(party, at(codes, i), document).expect(202)),
    );
    const jobs = await Promise.all(
      accepted.map((answer, i) => pollJob(at(ten, i).signatory, answer.body.jobId)),
    );
    expect(jobs.map(({ last }) => last.failedReason ?? last.state)).toEqual(
      Array(10).fill('completed'),
    );

    // A job delivered once more (at-least-once queues) signs nothing twice.
    const queue = worker.get(QueueRegistry).get(QueueName.SIGNATURES);
    const replay = await queue.add(
      JobName.DOCUMENTS_SIGN,
      { requestId: at(accepted, 0).body.jobId },
      { jobId: randomUUID() },
    );
    const deadline = Date.now() + 120_000;
    while (!(await replay.isCompleted())) {
      if (Date.now() > deadline) throw new Error('the replayed job did not complete in 120 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(
      (await queue.getJob(required(replay.id, 'the replayed job id')))?.returnvalue,
    ).toMatchObject({ alreadyDone: true });

    const listed = (
      await coordinator.get(`/api/bids/${bidId}/documents/${document}/signatures`).expect(200)
    ).body;
    expect(listed.signatures.map((s: { revision: number }) => s.revision)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(new Set(listed.signatures.map((s: { memberId: string }) => s.memberId)).size).toBe(10);

    const signed = await download(coordinator, listed.signedUrl);
    const report = (
      await coordinator
        .post(`/api/bids/${bidId}/signatures/verify`)
        .set('Content-Type', 'application/pdf')
        .send(signed)
        .expect(200)
    ).body;
    expect(report.signatures).toHaveLength(10);
    expect(report.signatures.every((s: { valid: boolean }) => s.valid)).toBe(true);
    expect(report.signatures.every((s: { record: unknown }) => s.record !== null)).toBe(true);
    // pdfsig and qpdf agree (the shared checker's dump step cannot name ten signatures).
    const file = new PdfFile(signed);
    try {
      const pdfsig = file.pdfsig();
      expect(pdfsig.match(/Signature is Valid\./g)).toHaveLength(10);
      expect(pdfsig).toContain('Total document signed');
      expect(file.qpdfCheck().status).toBe(0);
    } finally {
      file.remove();
    }
  });

  // Last: once every cotraitant has signed a convention of the agreed version, the bid is
  // « convention signée » and no test after this one could sign. The earlier tests left 10, 12
  // and 13 unsigned, so the bid completes with the 14th signature here, as it checks.
  it('takes the example to its 14 signatures: k boxes signed after k, each file valid, every time on the Paris clock, the uncovered part stated', async () => {
    // The first member enters the capacity its representative signs in; the others leave it, and
    // the convention and their boxes read the title given with their representative instead.
    const first = partyAt(0);
    await coordinator
      .put(`/api/bids/${bidId}/members/${first.memberId}/particulars`)
      .send({
        legalForm: 'SCIC',
        registeredAddress: '12 rue de la République, 93200 Saint-Denis',
        approvalNumber: '93-2024-0117',
        approvalAuthority: 'DREETS Île-de-France',
        representativeCapacity: 'directrice générale',
      })
      .expect(200);
    const document = await frozenConvention();
    const authority = (await coordinator.get('/api/signing/authority.pem').expect(200)).text;
    const caFile = save('authority-14.pem', authority);
    const { deadline } = readExampleScenario().tender as { deadline: string };
    // The scenario's 2027-01-15T12:00:00+01:00 (its year moved ahead to stay in the future), as
    // every document must print it: the wall-clock time in Paris, 12 h 00.
    const [, year] = required(/^(\d{4})-01-15T12:00:00\+01:00$/.exec(deadline), 'the deadline');
    const dueText = `15 janvier ${year} à 12 h 00`;

    // The frozen convention: no signature claimed, no signing date, no widget; the deadline in
    // Paris time wherever a time is printed; the uncovered part per lot and who answers for it.
    const documents = (await coordinator.get(`/api/bids/${bidId}/documents`).expect(200)).body as {
      id: string;
      downloadUrl: string;
    }[];
    const frozenMeta = required(
      documents.find((listed) => listed.id === document),
      'the frozen convention',
    );
    const frozen = await download(coordinator, frozenMeta.downloadUrl);
    const frozenText = pdfText(frozen);
    expect(frozenText).not.toMatch(/signé électroniquement/i);
    expect(frozenText).not.toMatch(/heure de Paris|\d{2}\/\d{2}\/\d{4}/);
    expect(signatureWidgets(frozen)).toEqual([]);
    expect(timesIn(frozenText)).toEqual([dueText, dueText]); // articles 1 (preamble) and 20 (admission)
    const bid = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body;
    expect(bid.consortium.convention.uncoveredWorkRule).toBe('MANDATAIRE');
    const version = (await coordinator.get(`/api/bids/${bidId}/allocations/1`).expect(200)).body;
    const open = uncoveredByLot(version.result);
    expect(open.length).toBeGreaterThan(0);
    for (const lot of open) {
      expect(frozenText).toContain(
        normalise(
          `lot ${lot.lot} : ${formatHours(lot.hours)} pour ${formatEuros(lot.amountCents)} HT`,
        ),
      );
    }
    expect(frozenText).toContain(normalise('Le mandataire en répond envers l’acheteur'));
    expect(frozenText).not.toContain(normalise('qualité de à compléter'));
    expect(frozenText).toContain(normalise('en qualité de directrice générale, employant'));
    // The titles the bid's network gave its representatives (the scenario file's).
    const titles = await dataSource.query<{ key: string; representative_title: string }[]>(
      `SELECT m.key, own.representatives->0->>'title' AS representative_title FROM members m
       JOIN bids b ON b.id = m.bid_id
       JOIN network_organisations own
         ON own.network_id = b.network_id AND own.organisation_id = m.organisation_id
       WHERE m.bid_id = $1`,
      [bidId],
    );
    const titleOf = (party: Party) =>
      required(
        titles.find((row) => row.key === party.key),
        party.key,
      ).representative_title;
    expect(frozenText).toContain(normalise(`en qualité de ${titleOf(partyAt(1))}, employant`));

    // The DC1 and DC4 sheets of the same version print the same wall-clock time, and no other.
    const exports = await coordinator
      .post(`/api/bids/${bidId}/documents`)
      .send({ allocationVersion: 1, set: 'EXPORTS' })
      .expect(202);
    expect((await pollJob(coordinator, exports.body.jobId)).last.state).toBe('completed');
    const sheets = (await coordinator.get(`/api/bids/${bidId}/documents`).expect(200)).body as {
      kind: string;
      downloadUrl: string;
    }[];
    const dc1 = sheets.filter((sheet) => sheet.kind === 'DC1');
    const dc4 = sheets.filter((sheet) => sheet.kind === 'DC4');
    expect(dc1.length).toBeGreaterThan(0);
    expect(dc4.length).toBeGreaterThan(0);
    for (const sheet of [...dc1, ...dc4]) {
      const times = timesIn(pdfText(await download(coordinator, sheet.downloadUrl)));
      expect(times.length).toBeGreaterThan(0);
      expect({ kind: sheet.kind, times }).toEqual({
        kind: sheet.kind,
        times: times.map(() => dueText),
      });
    }

    // Every cotraitant signs in turn; after k signatures, k boxes show one and the file holds.
    expect(parties).toHaveLength(14);
    for (const [i, party] of parties.entries()) {
      const k = i + 1;
      await sign(party, document);
      const signed = await download(coordinator, `/api/bids/${bidId}/documents/${document}/signed`);
      const widgets = signatureWidgets(signed);
      expect({ k, shown: widgets.filter((widget) => widget.appearance).length }).toEqual({
        k,
        shown: k,
      });
      // Each in a box of its own, none on another's, none invisible.
      expect(new Set(widgets.map((widget) => widget.rect.join(' '))).size).toBe(k);
      const text = pdfText(signed);
      expect(text.split('Signé électroniquement par')).toHaveLength(k + 1);
      for (const [j, other] of parties.entries()) {
        expect({ k, j, shown: text.includes(normalise(`pour ${other.legalName}`)) }).toEqual({
          k,
          j,
          shown: j < k,
        });
      }
      // The shared checker (pdfsig, openssl, qpdf) at the first, around the tenth, where pdfsig
      // names its dumps differently, and at the last: every k would double the test's time.
      if (CHECKED_WITH_SHARED_TOOL.includes(k)) {
        const verified = verifyWithSharedTool(save(`signed-${k}.pdf`, signed), caFile, k);
        expect({ k, status: verified.status, output: verified.output }).toMatchObject({
          k,
          status: 0,
        });
        expect(verified.output).toContain(`OK: ${k} signature`);
      } else {
        // Between them, poppler still finds k valid signatures, the last covering the file.
        const file = new PdfFile(signed);
        try {
          const report = file.pdfsig();
          expect({ k, valid: report.match(/Signature is Valid\./g)?.length }).toEqual({
            k,
            valid: k,
          });
          expect(report).toContain('Total document signed');
        } finally {
          file.remove();
        }
      }
    }
    expect((await coordinator.get(`/api/bids/${bidId}`).expect(200)).body.status).toBe('SIGNED');

    // In the signed file, the only times are the deadline's and each signature's own, in Paris.
    const listed = (
      await coordinator.get(`/api/bids/${bidId}/documents/${document}/signatures`).expect(200)
    ).body as { signatures: { signedAt: string }[] };
    expect(listed.signatures).toHaveLength(14);
    const signedText = pdfText(
      await download(coordinator, `/api/bids/${bidId}/documents/${document}/signed`),
    );
    const two = (value: number) => String(value).padStart(2, '0');
    const signingTimes = listed.signatures.map(({ signedAt }) => {
      const { year, month, day, hour, minute } = wallClock(signedAt, 'Europe/Paris');
      return `le ${two(day)}/${two(month)}/${year} à ${hour} h ${two(minute)}`;
    });
    // The representative's box prints the capacity the parties clause gives; another signatory's
    // box says only that the organisation empowered them.
    const boxes = listed.signatures as unknown as {
      memberKey: string;
      signerName: string;
      capacity: string;
    }[];
    for (const box of boxes) {
      const party = required(
        parties.find((p) => p.key === box.memberKey),
        box.memberKey,
      );
      const capacity = party === first ? 'directrice générale' : OTHER_SIGNATORY_CAPACITY;
      expect(box.capacity).toBe(capacity);
      expect(signedText).toContain(normalise(`${box.signerName}, ${capacity}`));
    }
    const times = timesIn(signedText);
    expect(times.filter((time) => !time.startsWith('le '))).toEqual([dueText, dueText]);
    expect(times.filter((time) => time.startsWith('le ')).sort()).toEqual(signingTimes.sort());
  });
});
