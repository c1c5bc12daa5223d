import { type Actor, CHANGE_REQUEST_REASON_LABELS, formatIdentifier } from '@cordage/domain';
import { clearData, testPersistence, refusal } from '@cordage/testing';
import { ChangeRequestService } from './change-request.service';
import {
  FakeSigner,
  type TestBid,
  addDocument,
  addSigningRequest,
  addVersion,
  agreedBid,
} from './signed-bid.fixture';
import { SigningService } from './signing.service';

const coordinator: Actor = { userId: null, label: 'coordinator@example.org', requestId: null };

describe('ChangeRequestService on Postgres', () => {
  const persistence = testPersistence();
  let changes: ChangeRequestService;
  let bid: TestBid;

  const memberStatus = async (memberId: string) =>
    (
      await persistence.dataSource.query<{ status: string }[]>(
        'SELECT status FROM members WHERE id = $1',
        [memberId],
      )
    )[0]?.status;
  const changeRow = async (id: string) =>
    (
      await persistence.dataSource.query<
        { status: string; allocation_version_id: string | null }[]
      >('SELECT status, allocation_version_id FROM change_requests WHERE id = $1', [id])
    )[0];
  const auditTrail = (id: string) =>
    persistence.dataSource.query<{ action: string; before: unknown; after: unknown }[]>(
      'SELECT action, before, after FROM audit_events WHERE entity_id = $1 ORDER BY seq',
      [id],
    );
  const party = (index: number) => {
    const found = bid.parties[index];
    if (!found) throw new Error(`no party ${index}`);
    return found;
  };

  beforeAll(() => {
    changes = persistence.get(ChangeRequestService);
  });

  beforeEach(async () => {
    await clearData(persistence.dataSource);
    bid = await agreedBid(persistence.context, persistence.dataSource, 'SIGNED');
  });

  const leaving = () => ({
    memberId: party(1).memberId,
    reason: 'MEMBER_UNABLE_TO_PERFORM' as const,
    justification: 'Liquidation judiciaire prononcée le 2 décembre.',
  });

  it('takes a change from its opening to the signed amendment, each step behind its guard', async () => {
    const opened = await changes.open(bid.bidId, leaving(), coordinator);
    expect([opened.status, opened.amendmentNumber, opened.previousMemberStatus]).toEqual([
      'OPEN',
      1,
      'SIGNED',
    ]);
    expect(await memberStatus(party(1).memberId)).toEqual('WITHDRAWN');
    const [organisation] = await persistence.dataSource.query<
      { legal_name: string; id_scheme: string; id_value: string }[]
    >('SELECT legal_name, id_scheme, id_value FROM organisations WHERE id = $1', [
      party(1).organisationId,
    ]);
    if (!organisation) throw new Error('no organisation');
    // What the amendment and the letter to the buyer will say of it.
    expect(await changes.membershipChange(opened.id)).toEqual({
      amendmentNumber: 1,
      reasonLabel: CHANGE_REQUEST_REASON_LABELS.MEMBER_UNABLE_TO_PERFORM,
      justification: 'Liquidation judiciaire prononcée le 2 décembre.',
      leaving: {
        legalName: organisation.legal_name,
        identifier: formatIdentifier(organisation.id_scheme, organisation.id_value),
      },
      requestedAt: opened.createdAt.toISOString(),
    });
    expect(await refusal(changes.open(bid.bidId, leaving(), coordinator))).toEqual({
      code: 'WORKFLOW_RULE_VIOLATED',
      problems: ['CHANGE_ALREADY_OPEN'],
    });

    const step = (event: 'REALLOCATE' | 'OPEN_AMENDMENT_SIGNING' | 'CLOSE', version?: number) =>
      changes.transition(bid.bidId, opened.id, event, coordinator, {
        ...(version !== undefined && { allocationVersion: version }),
      });
    // No new split yet, so none approved.
    expect(await refusal(step('OPEN_AMENDMENT_SIGNING'))).toEqual({
      code: 'INVALID_TRANSITION',
      problems: ['NOT_AGREED'],
    });
    expect(await refusal(step('REALLOCATE'))).toEqual({
      code: 'WORKFLOW_RULE_VIOLATED',
      problems: ['UNKNOWN_VERSION'],
    });
    // The new split, computed without the member who left.
    const version2 = await addVersion(persistence.context, persistence.dataSource, bid.bidId, 2);
    expect(await step('REALLOCATE', 2)).toEqual({
      from: 'OPEN',
      event: 'REALLOCATE',
      to: 'REALLOCATED',
    });
    expect(await changeRow(opened.id)).toEqual({
      status: 'REALLOCATED',
      allocation_version_id: version2,
    });

    expect(await refusal(step('OPEN_AMENDMENT_SIGNING'))).toEqual({
      code: 'INVALID_TRANSITION',
      problems: ['NOT_AGREED'],
    });
    const remaining = [party(0), party(2), party(3)];
    for (const member of remaining) {
      await persistence.dataSource.query(
        `INSERT INTO allocation_votes (allocation_version_id, member_id, choice, user_id)
         VALUES ($1, $2, 'APPROVE', $3)`,
        [version2, member.memberId, member.userId],
      );
    }
    expect(await refusal(step('OPEN_AMENDMENT_SIGNING'))).toEqual({
      code: 'WORKFLOW_RULE_VIOLATED',
      problems: ['AMENDMENT_MISSING'],
    });
    const amendmentId = await addDocument(persistence.dataSource, {
      bidId: bid.bidId,
      versionId: version2,
      kind: 'AMENDMENT',
      frozen: false,
      changeRequestId: opened.id,
    });
    expect(await step('OPEN_AMENDMENT_SIGNING')).toEqual({
      from: 'REALLOCATED',
      event: 'OPEN_AMENDMENT_SIGNING',
      to: 'AMENDMENT_SIGNING',
    });
    const amendment = await persistence.dataSource.query<{ frozen: boolean }[]>(
      'SELECT frozen_at IS NOT NULL AS frozen FROM documents WHERE id = $1',
      [amendmentId],
    );
    expect(amendment).toEqual([{ frozen: true }]);

    expect(await refusal(step('CLOSE'))).toEqual({
      code: 'INVALID_TRANSITION',
      problems: ['SIGNATURES_MISSING', 'SIGNATURES_MISSING', 'SIGNATURES_MISSING'],
    });
    // The leaving member does not sign the amendment.
    const signing = persistence.get(SigningService);
    const signer = new FakeSigner();
    const gone = await addSigningRequest(persistence.dataSource, amendmentId, party(1));
    expect(await refusal(signing.apply(gone, signer.sign, coordinator))).toEqual({
      code: 'INVALID_INPUT',
      problems: ['NOT_A_PARTY'],
    });
    // The last signature closes the request, in its own transaction.
    for (const member of remaining) {
      expect((await changeRow(opened.id))?.status).toBe('AMENDMENT_SIGNING');
      const requestId = await addSigningRequest(persistence.dataSource, amendmentId, member);
      await signing.apply(requestId, signer.sign, coordinator);
    }

    expect(await changeRow(opened.id)).toEqual({
      status: 'CLOSED',
      allocation_version_id: version2,
    });
    expect(
      (await changes.list(bid.bidId)).map((change) => [
        change.id,
        change.status,
        change.amendmentNumber,
      ]),
    ).toEqual([[opened.id, 'CLOSED', 1]]);
    expect(await auditTrail(opened.id)).toEqual([
      {
        action: 'change_request.opened',
        before: null,
        after: {
          member: 'org-002',
          reason: 'MEMBER_UNABLE_TO_PERFORM',
          justification: 'Liquidation judiciaire prononcée le 2 décembre.',
        },
      },
      {
        action: 'change_request.transition',
        before: { status: 'OPEN' },
        after: { status: 'REALLOCATED', event: 'REALLOCATE', allocationVersionId: version2 },
      },
      {
        action: 'change_request.transition',
        before: { status: 'REALLOCATED' },
        after: {
          status: 'AMENDMENT_SIGNING',
          event: 'OPEN_AMENDMENT_SIGNING',
          allocationVersionId: version2,
        },
      },
      {
        action: 'change_request.transition',
        before: { status: 'AMENDMENT_SIGNING' },
        after: { status: 'CLOSED', event: 'CLOSE', allocationVersionId: version2 },
      },
    ]);
  });

  it('brings the member back as it was when the change is rejected; the next one opens', async () => {
    const opened = await changes.open(bid.bidId, leaving(), coordinator);
    expect(await changes.transition(bid.bidId, opened.id, 'REJECT', coordinator)).toEqual({
      from: 'OPEN',
      event: 'REJECT',
      to: 'REJECTED',
    });
    expect(await memberStatus(party(1).memberId)).toEqual('SIGNED');
    expect(
      await refusal(changes.transition(bid.bidId, opened.id, 'REALLOCATE', coordinator)),
    ).toEqual({ code: 'INVALID_TRANSITION', problems: ['TRANSITION_NOT_ALLOWED'] });

    const next = await changes.open(
      bid.bidId,
      { ...leaving(), memberId: party(2).memberId },
      coordinator,
    );
    // Only a closed change makes an amendment: the number is still the first.
    expect([next.status, next.amendmentNumber]).toEqual(['OPEN', 1]);
  });

  it('refuses a change before the signature, for a member not a party, or without a reason', async () => {
    await persistence.dataSource.query(`UPDATE bids SET status = 'SIGNING' WHERE id = $1`, [
      bid.bidId,
    ]);
    expect(await refusal(changes.open(bid.bidId, leaving(), coordinator))).toEqual({
      code: 'WORKFLOW_RULE_VIOLATED',
      problems: ['CHANGE_NOT_ALLOWED'],
    });
    await persistence.dataSource.query(`UPDATE bids SET status = 'SIGNED' WHERE id = $1`, [
      bid.bidId,
    ]);
    const [declined] = await persistence.dataSource.query<{ id: string }[]>(
      `SELECT id FROM members WHERE bid_id = $1 AND key = 'org-005'`,
      [bid.bidId],
    );
    expect(
      await refusal(
        changes.open(bid.bidId, { ...leaving(), memberId: declined?.id ?? '' }, coordinator),
      ),
    ).toEqual({ code: 'WORKFLOW_RULE_VIOLATED', problems: ['NOT_A_PARTY'] });
    expect(
      await refusal(changes.open(bid.bidId, { ...leaving(), justification: '  ' }, coordinator)),
    ).toEqual({ code: 'INVALID_INPUT', problems: ['JUSTIFICATION_REQUIRED'] });
    // Nothing written: the member is still in, no change request exists.
    expect(await memberStatus(party(1).memberId)).toEqual('SIGNED');
    expect(await changes.list(bid.bidId)).toEqual([]);
  });
});
