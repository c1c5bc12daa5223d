import { randomUUID } from 'node:crypto';
import { SmtpSink } from '@cordage/testing';
import type { SignedIn } from './support/actors';
import { moveBid } from './support/bid-state';
import { collectingBidFromScratch, memberByKey, systemForTests } from './support/system';

describe('Reminding members on demand ("Relancer")', () => {
  const smtp = new SmtpSink();
  const system = systemForTests({ smtp });
  let bidId: string;
  let coordinator: SignedIn;
  let outsider: SignedIn;
  let editor: SignedIn;
  let late: { id: string; organisationId: string };
  let declared: { id: string; organisationId: string };

  beforeEach(async () => {
    ({
      bidId,
      coordinator,
      outsider,
      member: late,
      editor,
    } = await collectingBidFromScratch(system));
    declared = await memberByKey(system.dataSource, bidId, 'org-002');
    // org-001 has not declared yet: the example bid comes with everyone's offers.
    await system.dataSource.query('DELETE FROM offers WHERE member_id = $1', [late.id]);
    smtp.mails.length = 0;
  });

  const remind = (who: SignedIn, memberId: string, clickId: string) =>
    who.post(`/api/bids/${bidId}/members/${memberId}/reminders`).send({ clickId });
  const queued = () =>
    system.dataSource.query<{ recipient: string; subject: string }[]>(
      "SELECT recipient, subject FROM outgoing_mails WHERE subject LIKE 'Rappel%' ORDER BY created_at",
    );
  const audited = () =>
    system.dataSource.query<{ entity_id: string; after: { step: string } }[]>(
      "SELECT entity_id, after FROM audit_events WHERE action = 'member.reminded' AND bid_id = $1 ORDER BY seq",
      [bidId],
    );
  const lastRemindedAt = async (memberId: string) => {
    const bid = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body as {
      members: { id: string; lastRemindedAt: string | null }[];
    };
    return bid.members.find((member) => member.id === memberId)?.lastRemindedAt;
  };

  it('reminds a member who has not declared once per click, audited, and shows when', async () => {
    expect(await lastRemindedAt(late.id)).toBeNull();
    const click = randomUUID();
    const first = (await remind(coordinator, late.id, click).expect(200)).body;
    expect(first).toMatchObject({ memberId: late.id, mails: 1 });
    // The same click again (a retry): nothing more is sent or recorded.
    const retried = (await remind(coordinator, late.id, click).expect(200)).body;
    expect(retried).toEqual({ ...first, mails: 0 });
    expect(await queued()).toEqual([
      { recipient: 'ed@org-001.test', subject: expect.stringContaining('déclarez les capacités') },
    ]);
    expect(await audited()).toEqual([
      { entity_id: late.id, after: expect.objectContaining({ step: 'DECLARATION' }) },
    ]);
    expect(await lastRemindedAt(late.id)).toBe(first.lastRemindedAt);
    const mail = await smtp.waitForMail('ed@org-001.test', (m) => m.subject.startsWith('Rappel'));
    expect(mail.text).toContain('coord@a.test');
    expect(mail.text).toContain(`/candidatures/${bidId}/membres`);

    // Another click is another reminder, and a later date.
    const second = (await remind(coordinator, late.id, randomUUID()).expect(200)).body;
    expect(second.mails).toBe(1);
    expect(Date.parse(second.lastRemindedAt)).toBeGreaterThan(Date.parse(first.lastRemindedAt));
    expect(await queued()).toHaveLength(2);
    expect(await audited()).toHaveLength(2);
    expect(await lastRemindedAt(late.id)).toBe(second.lastRemindedAt);
  });

  it('reminds all who are late with one click, and no one who declared', async () => {
    const click = randomUUID();
    const body = (
      await coordinator.post(`/api/bids/${bidId}/reminders`).send({ clickId: click }).expect(200)
    ).body as { reminded: { memberId: string; mails: number }[] };
    expect(body.reminded.map((one) => one.memberId)).toEqual([late.id]);
    await coordinator.post(`/api/bids/${bidId}/reminders`).send({ clickId: click }).expect(200);
    expect(await queued()).toHaveLength(1);
    expect(await audited()).toHaveLength(1);

    await system.dataSource.query(
      'INSERT INTO offers (member_id, lot_cell_id, hours, preference) SELECT $1, lot_cell_id, hours, preference FROM offers WHERE member_id = $2 LIMIT 1',
      [late.id, declared.id],
    );
    const none = await coordinator
      .post(`/api/bids/${bidId}/reminders`)
      .send({ clickId: randomUUID() })
      .expect(409);
    expect(none.body.message).toBe(
      'Tous les membres ont déjà fait cette étape : il n’y a personne à relancer.',
    );
  });

  it('refuses partners (403), other networks (404), a member who declared and a bid waiting on no one (409)', async () => {
    await remind(editor, late.id, randomUUID()).expect(403);
    const hidden = await remind(outsider, late.id, randomUUID()).expect(404);
    expect(hidden.text).not.toContain(bidId);
    const done = await remind(coordinator, declared.id, randomUUID()).expect(409);
    expect(done.body.message).toMatch(/a déjà déclaré ses capacités : inutile de le relancer\.$/);
    await remind(coordinator, late.id, 'pas-un-uuid').expect(400);
    await moveBid(system.dataSource, bidId, 'ALLOCATING');
    const idle = await remind(coordinator, late.id, randomUUID()).expect(409);
    expect(idle.body.message).toMatch(/^Aucune étape n’attend les membres/);
    expect(await queued()).toEqual([]);
    expect(await audited()).toEqual([]);
    expect(await lastRemindedAt(late.id)).toBeNull();
  });
});
