import { AccessRepository } from '@cordage/persistence';
import { signIn } from '../e2e/support/actors';
import { screenshot } from './support/browser';
import {
  accessibilityLog,
  expectVisible,
  horizontalOverflow,
  signedInPage,
  webSystemForTests,
} from './support/web-system';

const ADMIN = 'admin@plateforme.test';
const PARTNER = 'direction@partenaire.test';

describe('The platform administrator reads the demonstration mailbox, in Chromium', () => {
  const system = webSystemForTests();
  const a11y = accessibilityLog();

  it('opens it from the header and reads the mails Cordage did not send; others are refused', async () => {
    const admin = await signIn(system.api, system.dataSource, ADMIN, [], { platformAdmin: true });
    const access = system.persistence.get(AccessRepository);
    const networkId = await access.ensureNetwork('Réseau du courrier');
    await access.ensureUser(PARTNER, 'Direction du partenaire');
    // A login link for the partner: the worker writes it to the mailbox (MAIL_MODE=log).
    await admin.post('/api/auth/login-link').send({ email: PARTNER }).expect(202);
    let mails: { subject: string; recipient: string }[] = [];
    for (let tries = 0; mails.length === 0 && tries < 120; tries++) {
      mails = await system.dataSource.query(
        'SELECT subject, recipient FROM mail_log WHERE recipient = $1',
        [PARTNER],
      );
      if (mails.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const [mail] = mails;
    if (!mail) throw new Error('the login link never reached the mailbox');

    for (const screen of ['laptop', 'phone'] as const) {
      const page = await signedInPage(system, { email: ADMIN, userId: admin.userId }, '/', screen);
      await page.getByRole('link', { name: 'Courriels' }).click();
      await page.getByRole('heading', { name: 'Courriels de démonstration', level: 1 }).waitFor();
      await expectVisible(page, /ces mails n’ont pas été envoyés/);
      await page.getByRole('article', { name: mail.subject }).waitFor();
      await expectVisible(page, `À ${PARTNER}`, { failureShot: `courriels-${screen}-ECHEC` });
      await a11y.check(page, `courriels-${screen}`);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `courriels-${screen}`);
    }

    // A coordinator has no link to it, and the address alone shows the refusal and a way back.
    const coordinator = await signIn(system.api, system.dataSource, 'coordination@courrier.test', [
      { role: 'COORDINATOR', networkId },
    ]);
    const page = await signedInPage(
      system,
      { email: 'coordination@courrier.test', userId: coordinator.userId },
      '/administration/courriels',
    );
    await page.getByRole('alert').filter({ hasText: 'Impossible d’afficher cette page' }).waitFor();
    await page.getByRole('link', { name: 'Retour aux candidatures' }).waitFor();
    expect(await page.getByRole('link', { name: 'Courriels' }).count()).toBe(0);
    await a11y.check(page, 'courriels-refus');
    expect(a11y.violations).toEqual({});
  }, 300_000);
});
