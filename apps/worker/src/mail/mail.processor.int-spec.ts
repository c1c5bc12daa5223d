import type { INestApplicationContext } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { MailOutbox, ApplicationModule } from '@cordage/application';
import { mailConfig } from '@cordage/config';
import { MailModule } from '@cordage/mail';
import { type Db, MailLogEntity, OutgoingMailEntity, TransactionHost } from '@cordage/persistence';
import { JobName } from '@cordage/queue';
import { SmtpSink, clearData, openTestPersistence } from '@cordage/testing';
import { MailDelivery } from './mail-delivery';
import { MailProcessor } from './mail.processor';

const LOGIN_LINK = {
  to: 'directrice@insertion.test',
  subject: 'Votre lien de connexion à Cordage',
  text: 'Bonjour,\n\nhttp://localhost:3000/api/auth/callback?token=secret\n',
};

/** The worker's mail processor, its mailer configured from `env` as the worker's would be. */
async function openMailWorker(env: Record<string, string>) {
  Object.assign(process.env, env);
  try {
    const { context, dataSource } = await openTestPersistence({
      imports: [ApplicationModule, MailModule],
      providers: [MailDelivery, MailProcessor],
      config: [mailConfig],
    });
    return { context, dataSource, processor: context.get(MailProcessor) };
  } finally {
    for (const name of Object.keys(env)) delete process.env[name];
  }
}

const sendJob = (mailId: string) => ({ name: JobName.MAIL_SEND, data: { mailId } }) as Job;

describe('the worker’s mail.send job', () => {
  const smtp = new SmtpSink();
  let smtpUrl: string;

  beforeAll(async () => {
    smtpUrl = await smtp.start();
  });
  afterAll(() => smtp.stop());

  async function queue(context: INestApplicationContext): Promise<string> {
    const db = context.get<Db>(TransactionHost);
    await db.withTransaction(() => context.get(MailOutbox).send(LOGIN_LINK));
    const [latest] = await db.tx.find(OutgoingMailEntity, {
      order: { createdAt: 'DESC' },
      take: 1,
    });
    if (!latest) throw new Error('the mail was not queued');
    return latest.id;
  }

  describe('through SMTP', () => {
    let context: INestApplicationContext;
    let dataSource: DataSource;
    let processor: MailProcessor;

    beforeAll(async () => {
      ({ context, dataSource, processor } = await openMailWorker({
        MAIL_MODE: 'smtp',
        MAIL_SMTP_URL: smtpUrl,
      }));
    });
    beforeEach(async () => {
      await clearData(dataSource);
      smtp.mails.length = 0;
    });
    afterAll(() => context.close());

    it('sends the mail once when its job runs twice, one after the other or at once', async () => {
      const mailId = await queue(context);
      expect(await processor.process(sendJob(mailId))).toEqual({ sent: true });
      expect(await processor.process(sendJob(mailId))).toEqual({ sent: false });
      const otherId = await queue(context);
      const together = await Promise.all([
        processor.process(sendJob(otherId)),
        processor.process(sendJob(otherId)),
      ]);
      expect(together.map((outcome) => outcome.sent).sort()).toEqual([false, true]);
      expect(smtp.mails).toEqual([
        { to: [LOGIN_LINK.to], subject: LOGIN_LINK.subject, text: LOGIN_LINK.text },
        { to: [LOGIN_LINK.to], subject: LOGIN_LINK.subject, text: LOGIN_LINK.text },
      ]);
    });

    it('keeps no body once the mail is sent: the login link was a secret', async () => {
      const mailId = await queue(context);
      await processor.process(sendJob(mailId));
      const mail = await dataSource.manager.findOneByOrFail(OutgoingMailEntity, { id: mailId });
      expect({ body: mail.body, sent: mail.sentAt instanceof Date }).toEqual({
        body: null,
        sent: true,
      });
    });
  });

  it('leaves the mail unsent, body kept, when SMTP fails, and sends it on the retry', async () => {
    // Nothing listens on port 1: the connection is refused at once.
    const failing = await openMailWorker({
      MAIL_MODE: 'smtp',
      MAIL_SMTP_URL: 'smtp://127.0.0.1:1',
    });
    let mailId: string;
    try {
      await clearData(failing.dataSource);
      mailId = await queue(failing.context);
      await expect(failing.processor.process(sendJob(mailId))).rejects.toThrow('ECONNREFUSED');
      const mail = await failing.dataSource.manager.findOneByOrFail(OutgoingMailEntity, {
        id: mailId,
      });
      expect({ body: mail.body, sentAt: mail.sentAt }).toEqual({
        body: LOGIN_LINK.text,
        sentAt: null,
      });
    } finally {
      await failing.context.close();
    }
    const working = await openMailWorker({ MAIL_MODE: 'smtp', MAIL_SMTP_URL: smtpUrl });
    try {
      smtp.mails.length = 0;
      expect(await working.processor.process(sendJob(mailId))).toEqual({ sent: true });
      expect(smtp.to(LOGIN_LINK.to).map((mail) => mail.text)).toEqual([LOGIN_LINK.text]);
    } finally {
      await working.context.close();
    }
  });

  it('keeps the mail once in the demo mailbox (MAIL_MODE=log), whatever the replays', async () => {
    const demo = await openMailWorker({ MAIL_MODE: 'log' });
    try {
      await clearData(demo.dataSource);
      const mailId = await queue(demo.context);
      await demo.processor.process(sendJob(mailId));
      await demo.processor.process(sendJob(mailId));
      const kept = await demo.dataSource.manager.find(MailLogEntity, {
        select: { recipient: true, subject: true, body: true },
      });
      expect(kept.map((mail) => ({ ...mail }))).toEqual([
        { recipient: LOGIN_LINK.to, subject: LOGIN_LINK.subject, body: LOGIN_LINK.text },
      ]);
    } finally {
      await demo.context.close();
    }
  });
});
