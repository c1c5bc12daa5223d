import { randomUUID } from 'node:crypto';
import { TransactionNotActiveError } from '@nestjs-cls/transactional';
import {
  type Db,
  OutboxMessageEntity,
  OutgoingMailEntity,
  OutgoingMailsRepository,
  TransactionHost,
} from '@cordage/persistence';
import { clearData, testPersistence } from '@cordage/testing';
import { ApplicationModule } from '../application.module';
import { MailOutbox } from './mail-outbox.service';

const LOGIN_LINK = {
  to: 'directrice@insertion.test',
  subject: 'Votre lien de connexion à Cordage',
  text: 'Bonjour,\n\nhttp://localhost:3000/api/auth/callback?token=secret\n',
};

describe('MailOutbox on Postgres: a mail queued in the use case’s transaction', () => {
  const context = testPersistence({ imports: [ApplicationModule] });
  let mailOutbox: MailOutbox;
  let db: Db;

  beforeAll(() => {
    mailOutbox = context.get(MailOutbox);
    db = context.get<Db>(TransactionHost);
  });
  beforeEach(() => clearData(context.dataSource));

  const mails = () =>
    context.dataSource.manager.find(OutgoingMailEntity, {
      select: {
        id: true,
        recipient: true,
        subject: true,
        body: true,
        dedupeKey: true,
        sentAt: true,
      },
      order: { createdAt: 'ASC' },
    });
  const messages = () =>
    context.dataSource.manager.find(OutboxMessageEntity, {
      select: { id: true, queueName: true, jobName: true, payload: true, jobId: true },
      order: { createdAt: 'ASC' },
    });

  it('stores the mail and its mail.send job, under one id, when the transaction commits', async () => {
    expect(await db.withTransaction(() => mailOutbox.send(LOGIN_LINK))).toBe(true);
    const [mail] = await mails();
    expect(await mails()).toEqual([
      {
        id: mail?.id,
        recipient: LOGIN_LINK.to,
        subject: LOGIN_LINK.subject,
        body: LOGIN_LINK.text,
        dedupeKey: null,
        sentAt: null,
      },
    ]);
    expect(await messages()).toEqual([
      {
        id: mail?.id,
        queueName: 'mail',
        jobName: 'mail.send',
        payload: { mailId: mail?.id },
        jobId: null,
      },
    ]);
  });

  it('leaves neither the mail nor its job when the transaction rolls back', async () => {
    await expect(
      db.withTransaction(async () => {
        await mailOutbox.send(LOGIN_LINK);
        throw new Error('the use case failed after asking for the mail');
      }),
    ).rejects.toThrow('the use case failed after asking for the mail');
    expect(await mails()).toEqual([]);
    expect(await messages()).toEqual([]);
  });

  it('refuses to queue a mail outside a transaction, writing nothing', async () => {
    // The decorator refuses before the method's promise exists: an async caller sees a rejection.
    await expect(async () => mailOutbox.send(LOGIN_LINK)).rejects.toThrow(
      TransactionNotActiveError,
    );
    expect(await mails()).toEqual([]);
    expect(await messages()).toEqual([]);
  });

  it('queues a mail with a dedupe key once, however often it is asked', async () => {
    const reminder = { ...LOGIN_LINK, subject: 'Rappel : déclarez les capacités' };
    // A reminder's job id and the address: room for the longest of both.
    const dedupeKey = `reminder-capacity-${randomUUID()}-1798106400000:${'a'.repeat(300)}@insertion.test`;
    const queued = [
      await db.withTransaction(() => mailOutbox.send(reminder, { dedupeKey })),
      await db.withTransaction(() => mailOutbox.send(reminder, { dedupeKey })),
      await db.withTransaction(() =>
        mailOutbox.send(reminder, { dedupeKey: `${dedupeKey}:other` }),
      ),
    ];
    expect(queued).toEqual([true, false, true]);
    expect((await mails()).map((mail) => mail.dedupeKey)).toEqual([
      dedupeKey,
      `${dedupeKey}:other`,
    ]);
    expect(await messages()).toHaveLength(2);
  });

  it('queues one mail when two transactions race with the same dedupe key', async () => {
    const dedupeKey = 'close:bid-1:coordinatrice@insertion.test';
    const queued = await Promise.all([
      db.withTransaction(() => mailOutbox.send(LOGIN_LINK, { dedupeKey })),
      db.withTransaction(() => mailOutbox.send(LOGIN_LINK, { dedupeKey })),
    ]);
    expect(queued.sort()).toEqual([false, true]);
    expect(await mails()).toHaveLength(1);
    expect(await messages()).toHaveLength(1);
  });

  it('stays for the reconciler to enqueue again until it is sent: Redis may have lost its job', async () => {
    const outgoing = context.get(OutgoingMailsRepository);
    await db.withTransaction(() => mailOutbox.send(LOGIN_LINK));
    const [mail] = await mails();
    expect(await outgoing.waitingJobs()).toEqual([]); // still the relay's
    // Handed to Redis by the relay: from now on only the reconciler can bring it back.
    await context.dataSource.query('UPDATE outbox_messages SET published_at = now()');
    expect(await outgoing.waitingJobs()).toEqual([
      {
        queueName: 'mail',
        jobName: 'mail.send',
        payload: { mailId: mail?.id },
        jobId: mail?.id,
        deliverAt: null,
      },
    ]);
    await context.dataSource.manager.update(
      OutgoingMailEntity,
      { id: mail?.id },
      { sentAt: new Date() },
    );
    expect(await outgoing.waitingJobs()).toEqual([]);
  });
});
