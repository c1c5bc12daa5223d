import { createHash } from 'node:crypto';
import { at, formatEuros, required } from '@cordage/domain';
import { validateOcdsPackage } from '@cordage/documents';
import { normalise, readExampleScenario } from '@cordage/testing';
import { moveBid } from './support/bid-state';
import { type SignedIn, signIn } from './support/actors';
import { asBytes, pollJob } from './support/harness';
import { allocatingExampleBid, otherNetworkCoordinator, systemForTests } from './support/system';
import { pdfText } from './support/pdf';

interface DocumentBody {
  id: string;
  kind: string;
  subject: string;
  version: number;
  sha256: string;
  allocationVersion: number;
  frozenAt: string | null;
  downloadUrl: string;
  filename: string;
}

/** The document of `kind` among those listed (the first, when there are several). */
function ofKind(documents: DocumentBody[], kind: string): DocumentBody {
  return required(
    documents.find((document) => document.kind === kind),
    `a ${kind} document`,
  );
}

describe('The bid’s documents through the api (real worker, Postgres, Redis, storage)', () => {
  const system = systemForTests();
  let bidId: string;
  let coordinator: SignedIn;
  let editor: SignedIn;
  let viewer: SignedIn;
  let stranger: SignedIn;
  let memberId: string;

  beforeAll(async () => {
    const { api } = system;
    ({ bidId, coordinator, editor, memberId } = await allocatingExampleBid(system));
    viewer = await signIn(api, system.dataSource, 'financeur@fondation.test', [
      { role: 'VIEWER', bidId },
    ]);
    stranger = await otherNetworkCoordinator(system);
    const run = await coordinator.post(`/api/bids/${bidId}/allocations`).expect(202);
    expect((await pollJob(coordinator, run.body.jobId)).last.state).toBe('completed');
  });

  async function generate(set: 'CONVENTION' | 'EXPORTS', allocationVersion = 1) {
    const accepted = await coordinator
      .post(`/api/bids/${bidId}/documents`)
      .send({ allocationVersion, set })
      .expect(202);
    return (await pollJob(coordinator, accepted.body.jobId)).last;
  }

  const list = async (who: SignedIn = coordinator) =>
    (await who.get(`/api/bids/${bidId}/documents`).expect(200)).body as DocumentBody[];

  async function download(who: SignedIn, document: DocumentBody): Promise<Buffer> {
    const response = await asBytes(who.get(document.downloadUrl)).expect(200);
    expect(response.headers.etag).toBe(`"${document.sha256}"`);
    expect(response.headers['content-disposition']).toContain('attachment');
    const body = response.body as Buffer;
    expect(createHash('sha256').update(body).digest('hex')).toBe(document.sha256);
    return body;
  }

  it('renders the convention with the coordinator’s parameters; every member downloads the same bytes', async () => {
    // Each member paid directly unless the members choose the mandataire's single account.
    const before = (await editor.get(`/api/bids/${bidId}`).expect(200)).body;
    expect(before.consortium.convention.paymentFlow).toBe('DIRECT');
    await coordinator
      .patch(`/api/bids/${bidId}`)
      .send({
        convention: {
          paymentFlow: 'MANDATAIRE_ACCOUNT',
          mandataireFeeBasisPoints: 150,
          redistributionDays: 30,
        },
      })
      .expect(204);
    const bid = (await editor.get(`/api/bids/${bidId}`).expect(200)).body;
    expect(bid.consortium.convention).toMatchObject({
      mandataireFeeBasisPoints: 150,
      redistributionDays: 30,
      paymentFlow: 'MANDATAIRE_ACCOUNT',
    });

    const job = await generate('CONVENTION');
    expect(job.failedReason).toBeNull();
    expect(job).toMatchObject({ state: 'completed', progress: 100 });
    const convention = at(await list(), 0);
    expect(convention).toMatchObject({
      kind: 'CONVENTION',
      version: 1,
      allocationVersion: 1,
      frozenAt: null,
    });
    const pdf = await download(editor, convention);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await download(viewer, convention)).toEqual(pdf);
    // The web app's preview shows the same bytes in the page rather than saving them.
    const preview = await asBytes(editor.get(`${convention.downloadUrl}?inline=1`)).expect(200);
    expect(preview.headers['content-disposition']).toMatch(/^inline; filename\*=UTF-8''/);
    expect(preview.body).toEqual(pdf);

    const text = pdfText(pdf);
    const version = (await coordinator.get(`/api/bids/${bidId}/allocations/1`).expect(200)).body;
    for (const member of bid.members.filter((m: { role: string }) => m.role === 'COTRAITANT')) {
      expect(text).toContain(member.organisation.legalName);
    }
    for (const share of version.result.members as { amountCents: number; hours: number }[]) {
      if (share.hours > 0) expect(text).toContain(normalise(formatEuros(share.amountCents)));
    }
    expect(text).toContain('1,50 %');
    // No court chosen by place: it would bind only traders, and members are associations too.
    expect(text).toContain('selon les règles de droit commun');
    expect(text).not.toMatch(/tribunal/i);
    expect(text).toMatch(/30 jours/);
    expect(text).toContain('requiert l’accord de chacun des membres');
    expect(text).toContain('de la solvabilité du mandataire');
    // The deadline as the tender states it, in Paris time (articles 1 and 20, preamble and admission): Postgres keeps the
    // instant in UTC, which once came out an hour early.
    const { deadline } = readExampleScenario().tender as { deadline: string };
    const [, year] = required(/^(\d{4})-01-15T12:00:00\+01:00$/.exec(deadline), 'the deadline');
    expect(bid.tender.deadline).toBe(deadline);
    expect(text.split(`15 janvier ${year} à 12 h 00`)).toHaveLength(3);
    expect(text).not.toContain('11 h 00');

    // A stranger does not learn the document exists.
    await stranger.get(convention.downloadUrl).expect(404);
    await editor
      .get(`/api/bids/${bidId}/documents/00000000-0000-4000-8000-000000000000`)
      .expect(404);
  });

  it('refuses convention settings and a convention that do not fit the bid’s dates, in French', async () => {
    // The tender's deadline brought 42 days ahead, as in the issue that found it, then restored.
    const exampleDeadline = (readExampleScenario().tender as { deadline: string }).deadline;
    const moveDeadline = (interval: string | null) =>
      system.dataSource.query(
        `UPDATE tenders SET deadline = COALESCE($2::timestamptz, now() + $3::interval)
         WHERE id = (SELECT tender_id FROM bids WHERE id = $1)`,
        [bidId, interval === null ? exampleDeadline : null, interval],
      );
    const [before] = await system.dataSource.query<{ convention_settings: object }[]>(
      'SELECT convention_settings FROM bids WHERE id = $1',
      [bidId],
    );
    try {
      await moveDeadline('42 days');
      const refused = await coordinator
        .patch(`/api/bids/${bidId}`)
        .send({ convention: { exitNoticeDays: 90 } })
        .expect(422);
      expect(refused.body).toMatchObject({
        code: 'INVALID_INPUT',
        message:
          'Le préavis de retrait (90\u00a0jours) dépasse le temps qui reste avant la date limite de ' +
          'remise des offres (42\u00a0jours) : aucun membre ne pourrait se retirer dans les ' +
          'conditions de la convention. Choisissez un préavis de 42\u00a0jours au plus.',
        problems: [{ path: 'exitNoticeDays', code: 'EXIT_NOTICE_AFTER_DEADLINE' }],
      });
      const bid = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body;
      expect(bid.consortium.convention.exitNoticeDays).toBe(8);
      // The court is no setting: the disputes clause leaves it to the ordinary rules of law.
      expect(bid.consortium.convention).not.toHaveProperty('court');
      await coordinator
        .patch(`/api/bids/${bidId}`)
        .send({ convention: { court: 'le tribunal de commerce de Bobigny' } })
        .expect(400);

      // Settings saved when they fitted no longer do (the deadline came closer): no convention.
      await moveDeadline('5 days');
      const request = await coordinator
        .post(`/api/bids/${bidId}/documents`)
        .send({ allocationVersion: 1, set: 'CONVENTION' })
        .expect(422);
      expect(request.body.problems).toEqual([
        expect.objectContaining({ path: 'exitNoticeDays', code: 'EXIT_NOTICE_AFTER_DEADLINE' }),
      ]);
    } finally {
      await moveDeadline(null);
      await system.dataSource.query('UPDATE bids SET convention_settings = $2 WHERE id = $1', [
        bidId,
        before?.convention_settings,
      ]);
    }
  });

  it('exports what the buyer needs: DC1, one DC4 per subcontract, XLSX, CSV and a valid OCDS package', async () => {
    expect(await generate('EXPORTS')).toMatchObject({ state: 'completed' });
    const documents = await list(editor);
    const kinds = documents.map((document) => document.kind).sort();
    expect(kinds.filter((kind) => kind === 'DC4')).toHaveLength(5);
    expect(new Set(kinds)).toEqual(new Set(['CONVENTION', 'DC1', 'DC4', 'XLSX', 'CSV', 'OCDS']));

    const ocds = ofKind(documents, 'OCDS');
    const parsed = JSON.parse((await download(editor, ocds)).toString('utf8'));
    expect(validateOcdsPackage(parsed)).toEqual({ valid: true, errors: [] });
    // The consortium extension it names is served by the api itself.
    const extension = required(
      (parsed.extensions as string[]).find((url) => url.includes('cordage')),
      'the consortium extension',
    );
    const served = await editor.get(new URL(extension).pathname).expect(200);
    expect(served.body).toMatchObject({ name: expect.anything() });

    // The package's uri returns the package itself, to whoever may read the bid, and to no one else.
    const uri = new URL(parsed.uri as string);
    expect(uri.pathname).toBe(`/api/bids/${bidId}/allocations/1/ocds`);
    const itself = await asBytes(viewer.get(uri.pathname)).expect(200);
    expect(itself.headers['content-type']).toMatch(/^application\/json/);
    expect(itself.headers.etag).toBe(`"${ocds.sha256}"`);
    expect(JSON.parse((itself.body as Buffer).toString('utf8'))).toEqual(parsed);
    const hidden = await stranger.get(uri.pathname).expect(404);
    expect(hidden.body.message).toBe('Candidature introuvable.');
    const unknown = await editor.get(`/api/bids/${bidId}/allocations/99/ocds`).expect(404);
    expect(unknown.body.message).toBe('Version 99 de la répartition introuvable.');
    await editor.get(`/api/bids/${bidId}/allocations/0/ocds`).expect(400);
    // Territories by qualified code and name, item by item.
    const [firstItem] = parsed.releases[0].tender.items as {
      deliveryLocation: {
        description: string;
        gazetteer: { scheme: string; identifiers: string[] };
      };
    }[];
    expect(firstItem?.deliveryLocation.gazetteer).toEqual({
      scheme: 'CORDAGE-TERRITORY',
      identifiers: [expect.stringMatching(/^COM:\d{5}$/)],
    });
    expect(firstItem?.deliveryLocation.description).not.toMatch(/^COM:/);

    // Two CSV files: one a French spreadsheet opens right, one for programs.
    const csvs = documents.filter((document) => document.kind === 'CSV');
    expect(csvs.map((document) => document.subject).sort()).toEqual(['', 'iso']);
    const csv = (await download(editor, ofKind(documents, 'CSV'))).toString();
    expect(csv).toMatch(/^\uFEFFConsultation;Version de la répartition;/);
    expect(csv).toContain('Rénov');
    expect(csv).toMatch(/;SIRET \d{3} \d{3} \d{3} \d{5};/);
    const isoCsv = required(
      csvs.find((document) => document.subject === 'iso'),
      'the CSV for programs',
    );
    expect(isoCsv.filename).toMatch(/-repartition-iso\.csv$/);
    const iso = (await download(editor, isoCsv)).toString();
    expect(iso).toMatch(/^tender_reference,allocation_version,computed_at,/);
    const dc4 = ofKind(documents, 'DC4');
    expect(dc4.subject).toMatch(/^lot-\d+\/org-\d+\/org-\d+$/);
    const dc4Text = pdfText(await download(editor, dc4));
    expect(dc4Text).toMatch(/soustrait/i);
    const dc1Text = pdfText(await download(editor, ofKind(documents, 'DC1')));
    const { deadline } = readExampleScenario().tender as { deadline: string };
    const year = deadline.slice(0, 4);
    for (const sheet of [dc1Text, dc4Text]) {
      expect(sheet).toContain(`15 janvier ${year} à 12 h 00`);
    }
  });

  it('numbers a new rendering as the next version, and freezes the convention for good', async () => {
    await generate('CONVENTION');
    const conventions = (await list()).filter((document) => document.kind === 'CONVENTION');
    expect(conventions.map((document) => document.version)).toEqual([2, 1]);

    const latest = at(conventions, 0);
    await editor.post(`${latest.downloadUrl}/freeze`).expect(403);
    // Only once the members agreed on version 1, and only a convention of that version.
    const early = await coordinator.post(`${latest.downloadUrl}/freeze`).expect(422);
    expect(early.body.problems[0]).toMatchObject({ code: 'BID_STATUS' });
    await moveBid(system.dataSource, bidId, 'AGREED', 1);
    await coordinator.post(`${latest.downloadUrl}/freeze`).expect(204);
    await coordinator.post(`${latest.downloadUrl}/freeze`).expect(204); // again: no change
    const frozen = required(
      (await list()).find((document) => document.id === latest.id),
      'the frozen convention',
    );
    expect(frozen.frozenAt).not.toBeNull();

    // Not even the database lets a frozen document change or go.
    await expect(
      system.dataSource.query(`UPDATE documents SET sha256 = repeat('0', 64) WHERE id = $1`, [
        latest.id,
      ]),
    ).rejects.toThrow(/frozen/);
    await expect(
      system.dataSource.query('DELETE FROM documents WHERE id = $1', [latest.id]),
    ).rejects.toThrow(/frozen/);
    expect(await download(editor, frozen)).toBeInstanceOf(Buffer);

    const dc1 = ofKind(await list(), 'DC1');
    const refused = await coordinator.post(`${dc1.downloadUrl}/freeze`).expect(422);
    expect(refused.body.problems[0]).toMatchObject({ code: 'NOT_A_CONVENTION' });

    const history = (await coordinator.get(`/api/bids/${bidId}/history`).expect(200)).body.items;
    expect(history[0]).toMatchObject({ action: 'document.frozen', entityId: latest.id });
  });

  it('refuses bad requests by name, and a version whose data have changed, writing nothing', async () => {
    const unknown = await coordinator
      .post(`/api/bids/${bidId}/documents`)
      .send({ allocationVersion: 99, set: 'CONVENTION' })
      .expect(404);
    expect(unknown.body.problems[0]).toMatchObject({ path: 'allocationVersion' });
    const invalid = await coordinator
      .post(`/api/bids/${bidId}/documents`)
      .send({ allocationVersion: 1, set: 'TOUT' })
      .expect(400);
    expect(invalid.body.problems[0]).toMatchObject({ path: 'set' });

    await moveBid(system.dataSource, bidId, 'COLLECTING');
    await editor
      .put(`/api/bids/${bidId}/members/${memberId}/offers`)
      .send({ offers: [{ lot: 3, territory: 'COM:93029', hours: 50, preference: 'PRIMARY' }] })
      .expect(200);
    const before = (await list()).length;
    const job = await generate('CONVENTION');
    expect(job.state).toBe('failed');
    expect(job.failedReason).toMatch(/ont changé depuis la version 1/);
    expect((await list()).length).toBe(before);
  });
});
