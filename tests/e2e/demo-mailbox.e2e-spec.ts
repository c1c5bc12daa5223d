import { spawn } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { AccessRepository, MailLogRepository } from '@cordage/persistence';
import { MAIL_WAIT_MS, SmtpSink } from '@cordage/testing';
import { systemForTests } from './support/system';
import { signIn } from './support/actors';
import { REPO_ROOT } from './support/harness';

/**
 * Starts an entry point as an operator does and collects what it says until it exits; one that
 * starts instead of refusing is stopped after a minute, and the test fails on its status.
 */
function run(entry: string, env: Record<string, string | undefined>) {
  return new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'run.js'), entry], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const deadline = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (status) => {
      clearTimeout(deadline);
      resolve({ status, stderr });
    });
  });
}

describe('the demo mailbox (MAIL_MODE=log)', () => {
  // Mail leaves through the outbox: the system's worker sends it.
  const system = systemForTests({ env: { MAIL_MODE: undefined } }); // the test default: log
  const email = 'directrice@insertion.test';

  it('shows admins the kept mails as a demo mailbox, and no one else', async () => {
    await system.persistence.get(AccessRepository).ensureUser(email, 'Directrice');
    await request(system.api.getHttpServer())
      .post('/api/auth/login-link')
      .send({ email })
      .expect(202);
    // The worker keeps the mail once it has taken it from the outbox.
    const keptBy = Date.now() + MAIL_WAIT_MS;
    while ((await system.persistence.get(MailLogRepository).latest(1)).length === 0) {
      if (Date.now() > keptBy) throw new Error('the login link never reached the demo mailbox');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const admin = await signIn(system.api, system.dataSource, 'admin@plateforme.test', [], {
      platformAdmin: true,
    });
    const mailbox = (await admin.get('/api/admin/mails').expect(200)).body;
    expect(mailbox.demo).toBe(true);
    expect(mailbox.notice).toMatch(/^Boîte aux lettres de démonstration \(MAIL_MODE=log\)/);
    expect(mailbox.notice).toMatch(/codes de signature/);
    expect(mailbox.mails).toHaveLength(1);
    expect(mailbox.mails[0]).toMatchObject({ recipient: email });
    expect(mailbox.mails[0].body).toMatch(/\/api\/auth\/callback\?token=/);

    const someone = await signIn(system.api, system.dataSource, 'quelquun@insertion.test');
    await someone.get('/api/admin/mails').expect(403);
  });

  it.each(['apps/api/src/main.ts', 'apps/worker/src/main.ts'])(
    '%s refuses to start in production with mails kept, naming the variables',
    async (entry) => {
      const refused = await run(entry, {
        NODE_ENV: 'production',
        MAIL_MODE: 'log',
        DEMO_MODE: undefined,
      });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('Configuration invalide');
      expect(refused.stderr).toMatch(/MAIL_MODE \(valeur "log"\) : .*NODE_ENV=production/);
      expect(refused.stderr).toContain('DEMO_MODE=true');
      expect(refused.stderr).not.toMatch(/\n\s+at /); // the message only, no stack trace
    },
  );
});

describe('the admins’ mailbox once mail is sent (MAIL_MODE=smtp)', () => {
  const smtp = new SmtpSink();
  const system = systemForTests({ smtp, worker: false });

  it('shows none of the mails an earlier demo kept', async () => {
    await system.persistence.get(MailLogRepository).add({
      recipient: 'directrice@insertion.test',
      subject: 'Votre lien de connexion à Cordage',
      body: 'http://localhost:3000/api/auth/callback?token=ancien',
    });
    const admin = await signIn(system.api, system.dataSource, 'admin@plateforme.test', [], {
      platformAdmin: true,
    });
    expect((await admin.get('/api/admin/mails').expect(200)).body).toEqual({
      demo: false,
      notice: 'Les mails sont envoyés par SMTP (MAIL_MODE=smtp) : aucun n’est gardé ici.',
      mails: [],
    });
  });
});
