import { type Actor } from '@cordage/domain';
import type { StoredDocument } from '@cordage/persistence';
import { clearData, moveDeadline, testPersistence, refusal } from '@cordage/testing';
import { BidDocumentsService } from './bid-documents.service';
import { type TestBid, addDocument, addVersion, agreedBid, sha256 } from './signed-bid.fixture';

const worker: Actor = { userId: null, label: 'worker', requestId: null };

const rendered = (kind: 'CONVENTION' | 'DC4', subject: string): StoredDocument => ({
  kind,
  subject,
  filename: `${kind}-${subject}.pdf`,
  mediaType: 'application/pdf',
  sizeBytes: 2048,
  sha256: sha256(`${kind} ${subject}`),
  storageKey: `key-${kind}-${subject}`,
});

describe('BidDocumentsService on Postgres', () => {
  const persistence = testPersistence();
  let documents: BidDocumentsService;
  let bid: TestBid;

  const pendingRequest = async () => {
    const [request] = await persistence.dataSource.query<{ id: string }[]>(
      `INSERT INTO job_requests (id, kind, status, network_id, bid_id, parameters)
       SELECT gen_random_uuid(), 'DOCUMENTS', 'QUEUED', network_id, id,
         jsonb_build_object('allocationVersionId', $2::uuid, 'documentSet', 'CONVENTION',
           'changeRequestId', NULL)
       FROM bids WHERE id = $1 RETURNING id`,
      [bid.bidId, bid.agreedVersionId],
    );
    if (!request) throw new Error('no request inserted');
    return request.id;
  };
  const generatedEntries = () =>
    persistence.dataSource.query<{ entity_id: string }[]>(
      `SELECT entity_id FROM audit_events WHERE action = 'documents.generated' AND bid_id = $1`,
      [bid.bidId],
    );

  beforeAll(() => {
    documents = persistence.get(BidDocumentsService);
  });

  beforeEach(async () => {
    await clearData(persistence.dataSource);
    bid = await agreedBid(persistence.context, persistence.dataSource, 'AGREED');
  });

  it('numbers rendered documents after their kind and subject; a retried job records them once', async () => {
    await addDocument(persistence.dataSource, {
      bidId: bid.bidId,
      versionId: bid.agreedVersionId,
      kind: 'CONVENTION',
      frozen: false,
    });
    const requestId = await pendingRequest();
    const set = [rendered('CONVENTION', ''), rendered('DC4', 'lot 1'), rendered('DC4', 'lot 2')];

    const ids = await documents.record(requestId, set, worker);
    const again = await documents.record(requestId, set, worker);

    expect(again).toEqual(ids);
    expect(
      (await documents.list(bid.bidId)).map((document) => [
        document.kind,
        document.subject,
        document.version,
        document.allocationVersion,
      ]),
    ).toEqual([
      ['CONVENTION', '', 2, 1],
      ['CONVENTION', '', 1, 1],
      ['DC4', 'lot 1', 1, 1],
      ['DC4', 'lot 2', 1, 1],
    ]);
    expect(await documents.storedBy(requestId)).toEqual(ids);
    expect(await generatedEntries()).toEqual([{ entity_id: requestId }]);
    const [request] = await persistence.dataSource.query<{ status: string }[]>(
      'SELECT status FROM job_requests WHERE id = $1',
      [requestId],
    );
    expect(request).toEqual({ status: 'DONE' });
  });

  it('freezes the convention of the agreed split once; refuses another document or version', async () => {
    const conventionId = await addDocument(persistence.dataSource, {
      bidId: bid.bidId,
      versionId: bid.agreedVersionId,
      kind: 'CONVENTION',
      frozen: false,
    });
    const version2 = await addVersion(persistence.context, persistence.dataSource, bid.bidId, 2);
    const staleId = await addDocument(persistence.dataSource, {
      bidId: bid.bidId,
      versionId: version2,
      kind: 'CONVENTION',
      frozen: false,
    });
    const amendmentId = await addDocument(persistence.dataSource, {
      bidId: bid.bidId,
      versionId: bid.agreedVersionId,
      kind: 'AMENDMENT',
      frozen: false,
    });
    const renderedAgainId = await addDocument(persistence.dataSource, {
      bidId: bid.bidId,
      versionId: bid.agreedVersionId,
      kind: 'CONVENTION',
      frozen: false,
    });

    await documents.freeze(bid.bidId, conventionId, worker);
    await documents.freeze(bid.bidId, conventionId, worker);

    expect((await documents.find(bid.bidId, conventionId)).frozenAt).toBeInstanceOf(Date);
    const frozenEntries = await persistence.dataSource.query<{ entity_id: string }[]>(
      `SELECT entity_id FROM audit_events WHERE action = 'document.frozen' AND bid_id = $1`,
      [bid.bidId],
    );
    expect(frozenEntries).toEqual([{ entity_id: conventionId }]);
    expect(await refusal(documents.freeze(bid.bidId, staleId, worker))).toEqual({
      code: 'INVALID_INPUT',
      problems: ['NOT_THE_AGREED_VERSION'],
    });
    // The members sign one document: another convention of the same split stays a draft.
    expect(await refusal(documents.freeze(bid.bidId, renderedAgainId, worker))).toEqual({
      code: 'WORKFLOW_RULE_VIOLATED',
      problems: ['CONVENTION_ALREADY_FROZEN'],
    });
    expect(await refusal(documents.freeze(bid.bidId, amendmentId, worker))).toEqual({
      code: 'INVALID_INPUT',
      problems: ['NOT_A_CONVENTION'],
    });
    expect(await refusal(documents.freeze(bid.bidId, 'not-a-uuid', worker))).toEqual({
      code: 'NOT_FOUND',
      problems: [],
    });
    expect((await documents.find(bid.bidId, staleId)).frozenAt).toEqual(null);
  });
  it('renders and freezes no convention whose notice to leave no longer fits before the deadline', async () => {
    const conventionId = await addDocument(persistence.dataSource, {
      bidId: bid.bidId,
      versionId: bid.agreedVersionId,
      kind: 'CONVENTION',
      frozen: false,
    });
    await persistence.dataSource.query(
      `UPDATE bids SET convention_settings = '{"exitNoticeDays": 30}' WHERE id = $1`,
      [bid.bidId],
    );
    await moveDeadline(persistence.dataSource, bid.bidId, 60);
    const accepted = await documents.request(bid.bidId, 1, 'CONVENTION', worker);
    expect(accepted.jobId).toEqual(expect.any(String));

    // The deadline comes closer (the buyer moves it, or weeks pass) after the settings were saved.
    await moveDeadline(persistence.dataSource, bid.bidId, 10);
    const refused = documents.request(bid.bidId, 1, 'CONVENTION', worker);
    await expect(refused).rejects.toThrow(
      'Le préavis de retrait (30\u00a0jours) dépasse le temps qui reste avant la date limite de ' +
        'remise des offres (10\u00a0jours)',
    );
    expect(await refusal(documents.request(bid.bidId, 1, 'CONVENTION', worker))).toEqual({
      code: 'INVALID_INPUT',
      problems: ['EXIT_NOTICE_AFTER_DEADLINE'],
    });
    expect(await refusal(documents.freeze(bid.bidId, conventionId, worker))).toEqual({
      code: 'INVALID_INPUT',
      problems: ['EXIT_NOTICE_AFTER_DEADLINE'],
    });
    expect((await documents.find(bid.bidId, conventionId)).frozenAt).toBeNull();
    // The exports carry no exit clause: they are still made.
    await documents.request(bid.bidId, 1, 'EXPORTS', worker);

    await persistence.dataSource.query(
      `UPDATE bids SET convention_settings = '{"exitNoticeDays": 10}' WHERE id = $1`,
      [bid.bidId],
    );
    await documents.freeze(bid.bidId, conventionId, worker);
    expect((await documents.find(bid.bidId, conventionId)).frozenAt).toBeInstanceOf(Date);
  });
});
