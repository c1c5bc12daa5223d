import { type Actor } from '@cordage/domain';
import { clearData, testPersistence, refusal } from '@cordage/testing';
import {
  FakeSigner,
  type TestBid,
  addDocument,
  addSigningRequest,
  addVersion,
  personNamed,
  sha256,
  signingBidWithConvention,
} from './signed-bid.fixture';
import { SigningService } from './signing.service';
import { AuditTrail } from '../audit';

const worker: Actor = { userId: null, label: 'worker', requestId: null };

// Both parts sign the same thing: a bid with its convention, set up afresh before each test.
describe('SigningService on Postgres', () => {
  const persistence = testPersistence();
  let signing: SigningService;
  let bid: TestBid;
  let conventionId: string;

  beforeAll(() => {
    signing = persistence.get(SigningService);
  });

  beforeEach(async () => {
    await clearData(persistence.dataSource);
    ({ bid, conventionId } = await signingBidWithConvention(
      persistence.context,
      persistence.dataSource,
    ));
  });

  describe('apply', () => {
    const count = async (sql: string, parameters: unknown[]) =>
      Number((await persistence.dataSource.query<{ n: string }[]>(sql, parameters))[0]?.n);
    const signatures = () =>
      persistence.dataSource.query<
        { member_id: string; revision: number; sha256: string; ip: string }[]
      >(
        'SELECT member_id, revision, sha256, ip FROM signatures WHERE document_id = $1 ORDER BY revision',
        [conventionId],
      );
    const requestStatus = async (id: string) =>
      (
        await persistence.dataSource.query<{ status: string }[]>(
          'SELECT status FROM job_requests WHERE id = $1',
          [id],
        )
      )[0]?.status;
    const signedEntries = () =>
      persistence.dataSource.query<{ entity_id: string; bid_id: string; after: unknown }[]>(
        `SELECT entity_id, bid_id, after FROM audit_events
       WHERE action = 'document.signed' AND bid_id = $1 ORDER BY seq`,
        [bid.bidId],
      );

    it('applies a signature once: the revision, its request done and its audit entry', async () => {
      const [first] = bid.parties;
      if (!first) throw new Error('no party');
      const requestId = await addSigningRequest(persistence.dataSource, conventionId, first);
      const signer = new FakeSigner();

      const outcome = await signing.apply(requestId, signer.sign, worker);

      expect(outcome).toEqual({
        revision: 1,
        alreadyDone: false,
        bidId: bid.bidId,
        kind: 'CONVENTION',
      });
      expect(signer.seen.map((state) => [state.previous, state.ip, state.party.memberKey])).toEqual(
        [
          [
            {
              storageKey: 'frozen-CONVENTION',
              sha256: sha256(`CONVENTION ${bid.agreedVersionId}`),
              revision: 0,
            },
            '192.0.2.1',
            'org-001',
          ],
        ],
      );
      expect(await signatures()).toEqual([
        {
          member_id: first.memberId,
          revision: 1,
          sha256: sha256(`${conventionId} revision 1`),
          ip: '192.0.2.1',
        },
      ]);
      expect(await requestStatus(requestId)).toEqual('DONE');
      expect(await signedEntries()).toEqual([
        {
          entity_id: conventionId,
          bid_id: bid.bidId,
          after: {
            member: 'org-001',
            revision: 1,
            sha256: sha256(`${conventionId} revision 1`),
            signer: 'Signataire org-001@example.org',
            capacity: 'signataire habilité(e) de l’organisation',
          },
        },
      ]);
      expect((await persistence.get(AuditTrail).verify()).ok).toEqual(true);
    });

    it('records a replayed job once, and the next member signs the revision after', async () => {
      const [first, second] = bid.parties;
      if (!first || !second) throw new Error('no party');
      const requestId = await addSigningRequest(persistence.dataSource, conventionId, first);
      const signer = new FakeSigner();
      await signing.apply(requestId, signer.sign, worker);

      const replayed = await signing.apply(requestId, signer.sign, worker);
      // A second request of the same member (two codes confirmed) is the same signature too.
      const again = await addSigningRequest(persistence.dataSource, conventionId, first);
      const duplicate = await signing.apply(again, signer.sign, worker);
      const next = await addSigningRequest(persistence.dataSource, conventionId, second);
      const secondOutcome = await signing.apply(next, signer.sign, worker);

      const done = { revision: 1, alreadyDone: true, bidId: bid.bidId, kind: 'CONVENTION' };
      expect([replayed, duplicate]).toEqual([done, done]);
      expect(await requestStatus(again)).toEqual('DONE');
      expect(secondOutcome).toEqual({ ...done, revision: 2, alreadyDone: false });
      expect(signer.seen.map((state) => state.previous.revision)).toEqual([0, 1]);
      expect((await signatures()).map((row) => [row.member_id, row.revision])).toEqual([
        [first.memberId, 1],
        [second.memberId, 2],
      ]);
      expect((await signedEntries()).length).toEqual(2);
    });

    it('refuses a person who does not sign for the member, writing nothing', async () => {
      const [first] = bid.parties;
      if (!first) throw new Error('no party');
      const stranger = await personNamed(persistence.dataSource, 'stranger@example.org');
      const requestId = await addSigningRequest(persistence.dataSource, conventionId, {
        memberId: first.memberId,
        userId: stranger,
      });
      const signer = new FakeSigner();

      expect(await refusal(signing.apply(requestId, signer.sign, worker))).toEqual({
        code: 'INVALID_INPUT',
        problems: ['NOT_A_SIGNATORY'],
      });
      expect(signer.seen).toEqual([]);
      expect(await signatures()).toEqual([]);
      expect(await requestStatus(requestId)).toEqual('QUEUED');
      expect(await signedEntries()).toEqual([]);
    });

    it('refuses a member who left since the code was confirmed', async () => {
      const [first] = bid.parties;
      if (!first) throw new Error('no party');
      const requestId = await addSigningRequest(persistence.dataSource, conventionId, first);
      await persistence.dataSource.query(`UPDATE members SET status = 'WITHDRAWN' WHERE id = $1`, [
        first.memberId,
      ]);

      expect(await refusal(signing.apply(requestId, new FakeSigner().sign, worker))).toEqual({
        code: 'INVALID_INPUT',
        problems: ['NOT_A_PARTY'],
      });
      expect(await signatures()).toEqual([]);
    });

    it('refuses to sign a convention superseded by another agreed version', async () => {
      const [first] = bid.parties;
      if (!first) throw new Error('no party');
      const requestId = await addSigningRequest(persistence.dataSource, conventionId, first);
      const version2 = await addVersion(persistence.context, persistence.dataSource, bid.bidId, 2);
      await persistence.dataSource.query('UPDATE bids SET agreed_version_id = $2 WHERE id = $1', [
        bid.bidId,
        version2,
      ]);

      expect(await refusal(signing.apply(requestId, new FakeSigner().sign, worker))).toEqual({
        code: 'INVALID_INPUT',
        problems: ['NOT_THE_AGREED_VERSION'],
      });
      expect(await signatures()).toEqual([]);
      expect(await signedEntries()).toEqual([]);
    });

    it('writes the signature and its audit entry in one transaction: neither without the other', async () => {
      const [first] = bid.parties;
      if (!first) throw new Error('no party');
      const requestId = await addSigningRequest(persistence.dataSource, conventionId, first);
      const audit = persistence.get(AuditTrail);
      const append = jest
        .spyOn(audit, 'append')
        .mockRejectedValueOnce(new Error('the audit log is unavailable'));

      await expect(signing.apply(requestId, new FakeSigner().sign, worker)).rejects.toThrow(
        'the audit log is unavailable',
      );
      append.mockRestore();

      expect(await signatures()).toEqual([]);
      expect(await requestStatus(requestId)).toEqual('QUEUED');
      expect(
        await count('SELECT count(*) AS n FROM signer_certificates WHERE user_id = $1', [
          first.userId,
        ]),
      ).toEqual(0);
      // Retried, the job signs as if nothing had happened.
      expect(await signing.apply(requestId, new FakeSigner().sign, worker)).toEqual({
        revision: 1,
        alreadyDone: false,
        bidId: bid.bidId,
        kind: 'CONVENTION',
      });
      expect((await signedEntries()).length).toEqual(1);
    });
  });

  describe('the one-time code and its confirmation', () => {
    const pepper = Buffer.alloc(32, 3);

    const codes = () =>
      persistence.dataSource.query<{ attempts: number; used: boolean; expired: boolean }[]>(
        `SELECT attempts, used_at IS NOT NULL AS used, expires_at <= now() AS expired
       FROM signature_codes WHERE document_id = $1 ORDER BY created_at`,
        [conventionId],
      );
    const requests = () =>
      persistence.dataSource.query<{ id: string; member_id: string; status: string; ip: string }[]>(
        `SELECT id, parameters ->> 'memberId' AS member_id, status, parameters ->> 'ip' AS ip
       FROM job_requests WHERE kind = 'SIGNING' AND parameters ->> 'documentId' = $1`,
        [conventionId],
      );
    const jobs = () =>
      persistence.dataSource.query<{ id: string; job_name: string; payload: unknown }[]>(
        `SELECT id, job_name, payload FROM outbox_messages WHERE job_name = 'documents.sign'`,
      );

    it('counts a wrong code, then records the request and its job with the right one', async () => {
      const [first] = bid.parties;
      if (!first) throw new Error('no party');
      const actor = { userId: first.userId, label: 'signataire', requestId: 'req-1' };
      const earlier = await signing.issueCode(
        bid.bidId,
        first.memberId,
        conventionId,
        actor,
        pepper,
      );
      const issued = await signing.issueCode(
        bid.bidId,
        first.memberId,
        conventionId,
        actor,
        pepper,
      );
      expect([issued.party.memberId, issued.certificateSource]).toEqual([
        first.memberId,
        'PLATFORM',
      ]);
      // The earlier code stopped working when the new one was issued.
      expect(await codes()).toEqual([
        { attempts: 0, used: false, expired: true },
        { attempts: 0, used: false, expired: false },
      ]);

      const wrong = issued.code === '000000' ? '111111' : '000000';
      const confirm = (code: string) =>
        signing.confirm(
          bid.bidId,
          first.memberId,
          { documentId: conventionId, code },
          actor,
          '192.0.2.7',
          pepper,
        );
      expect(await refusal(confirm(wrong))).toEqual({
        code: 'ONE_TIME_CODE_INVALID',
        problems: [],
      });
      expect(await refusal(confirm(earlier.code === issued.code ? wrong : earlier.code))).toEqual({
        code: 'ONE_TIME_CODE_INVALID',
        problems: [],
      });
      expect(await requests()).toEqual([]);

      const accepted = await confirm(issued.code);

      expect(accepted).toEqual({
        jobId: accepted.jobId,
        statusUrl: `/api/jobs/${accepted.jobId}`,
      });
      expect(await codes()).toEqual([
        { attempts: 0, used: false, expired: true },
        { attempts: 2, used: true, expired: false },
      ]);
      expect(await requests()).toEqual([
        { id: accepted.jobId, member_id: first.memberId, status: 'QUEUED', ip: '192.0.2.7' },
      ]);
      expect(await jobs()).toEqual([
        { id: accepted.jobId, job_name: 'documents.sign', payload: { requestId: accepted.jobId } },
      ]);
      // Used once: the same code again is refused and records nothing more.
      expect(await refusal(confirm(issued.code))).toEqual({
        code: 'ONE_TIME_CODE_INVALID',
        problems: [],
      });
      expect((await requests()).length).toEqual(1);
    });

    it('refuses a code to a member who signed already, or for a document not frozen', async () => {
      const [first] = bid.parties;
      if (!first) throw new Error('no party');
      const actor = { userId: first.userId, label: 'signataire', requestId: null };
      await signing.apply(
        await addSigningRequest(persistence.dataSource, conventionId, first),
        new FakeSigner().sign,
        worker,
      );
      expect(
        await refusal(signing.issueCode(bid.bidId, first.memberId, conventionId, actor, pepper)),
      ).toEqual({ code: 'INVALID_INPUT', problems: ['ALREADY_SIGNED'] });
      const draft = await addDocument(persistence.dataSource, {
        bidId: bid.bidId,
        versionId: bid.agreedVersionId,
        kind: 'CONVENTION',
        frozen: false,
      });
      expect(
        await refusal(signing.issueCode(bid.bidId, first.memberId, draft, actor, pepper)),
      ).toEqual({ code: 'INVALID_INPUT', problems: ['DOCUMENT_NOT_FROZEN'] });
      expect(await codes()).toEqual([]);
    });
  });
});
