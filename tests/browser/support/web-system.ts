import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { loginLinkUrl, required } from '@cordage/domain';
import { type SmtpSink, clearData, issueLoginToken, openTestPersistence } from '@cordage/testing';
import { AccessRepository } from '@cordage/persistence';
import { type System, memberByKey } from '../../e2e/support/system';
import { startWorkerInProcess } from '../../e2e/support/harness';
import type { SignedIn } from '../../e2e/support/actors';
import {
  accessibilityViolations,
  launchChromium,
  personBrowser,
  screenshot,
  serveApp,
} from './browser';

/** What a browser test drives: the e2e system, its api serving the built web app, and Chromium. */
export interface WebSystem extends System {
  baseUrl: string;
  browser: Browser;
}

/**
 * The web system of one describe block: the emptied database, the api listening on a port of its
 * own with the web app, a worker in this process (unless `worker: false`) and Chromium, started
 * before the block's tests and stopped after them. With `smtp`, mail leaves through that sink
 * (the worker sends it), for a test that follows a mailed link as people do.
 */
export function webSystemForTests({
  worker = true,
  smtp,
}: { worker?: boolean; smtp?: SmtpSink } = {}): WebSystem {
  let started: WebSystem | undefined;
  beforeAll(async () => {
    if (smtp) {
      process.env.MAIL_MODE = 'smtp';
      process.env.MAIL_SMTP_URL = await smtp.start();
    }
    const { context: persistence, dataSource } = await openTestPersistence();
    await clearData(dataSource);
    const { app: api, baseUrl } = await serveApp();
    const inProcess = worker ? await startWorkerInProcess() : undefined;
    const browser = await launchChromium();
    started = {
      api,
      worker: inProcess,
      persistence,
      dataSource,
      baseUrl,
      browser,
      async stop() {
        await browser.close();
        await inProcess?.close();
        await api.close();
        await persistence.close();
        delete process.env.PUBLIC_URL;
        if (smtp) {
          await smtp.stop();
          delete process.env.MAIL_MODE;
          delete process.env.MAIL_SMTP_URL;
        }
      },
    };
  }, 120_000);
  afterAll(() => started?.stop());
  const current = () => required(started, 'the web system, started by beforeAll');
  return {
    get api(): INestApplication {
      return current().api;
    },
    get worker(): INestApplicationContext | undefined {
      return current().worker;
    },
    get persistence(): INestApplicationContext {
      return current().persistence;
    },
    get dataSource(): DataSource {
      return current().dataSource;
    },
    get baseUrl(): string {
      return current().baseUrl;
    },
    get browser(): Browser {
      return current().browser;
    },
    stop: () => current().stop(),
  };
}

/** The bid a browser block's tests start from, set up through the api, and its coordinator. */
export interface BidOfBlock {
  bidId: string;
  coordinator: SignedIn;
}

/**
 * The web system of a describe block whose tests all start from one bid that `setUp` puts in
 * place through the api (awarded, its contracts under way…) within `timeout`, with the
 * accessibility log of the block's pages. `bid()` is that bid (with whatever else `setUp` found),
 * once the block's beforeAll has run.
 */
export function webSystemWithBid<Bid extends BidOfBlock>(
  setUp: (system: WebSystem) => Promise<Bid>,
  timeout: number,
): { system: WebSystem; a11y: ReturnType<typeof accessibilityLog>; bid: () => Bid } {
  const system = webSystemForTests();
  const a11y = accessibilityLog();
  let bid: Bid | undefined;
  beforeAll(async () => {
    bid = await setUp(system);
  }, timeout);
  return { system, a11y, bid: () => required(bid, 'the bid, set up by beforeAll') };
}

/**
 * A person's browser signed in through a login link and opened at `path`. The phone is the
 * narrowest the app is made for (375 px).
 */
export async function signedInPage(
  system: WebSystem,
  person: { email: string; userId: string },
  path: string,
  screen: 'laptop' | 'phone' = 'laptop',
): Promise<Page> {
  const token = await issueLoginToken(system.persistence, person);
  const { page } = await personBrowser(system.browser, system.baseUrl, screen);
  if (screen === 'phone') await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(loginLinkUrl(system.baseUrl, required(token, 'a login token'), path));
  await page.getByRole('button', { name: 'Me connecter' }).click();
  return page;
}

/**
 * axe-core's WCAG 2.1 AA verdict on each step's page, kept per step so that one assertion at the
 * end (`expect(a11y.violations).toEqual({})`) names every step that failed.
 */
export function accessibilityLog(): {
  check(page: Page, step: string): Promise<void>;
  violations: Record<string, string[]>;
} {
  const violations: Record<string, string[]> = {};
  return {
    violations,
    async check(page, step) {
      const found = await accessibilityViolations(page);
      if (found.length > 0) violations[step] = found;
    },
  };
}

/** Waits for a text, keeping a screenshot named `failureShot` when it never comes. */
export async function expectVisible(
  page: Page,
  text: string | RegExp,
  { timeout = 30_000, failureShot = 'ECHEC' }: { timeout?: number; failureShot?: string } = {},
): Promise<void> {
  try {
    await page.getByText(text).first().waitFor({ state: 'visible', timeout });
  } catch (error) {
    await screenshot(page, failureShot);
    throw error;
  }
}

/** How far the page is wider than the screen: above 0, the whole page scrolls sideways. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as {
      document: { documentElement: { scrollWidth: number; clientWidth: number } };
    };
    return document.documentElement.scrollWidth - document.documentElement.clientWidth;
  });
}

/**
 * A person made an editor of the member under `key` (org-001...) of the bid: the member, and the
 * person as `signedInPage` opens a page for it.
 */
export async function memberEditorPerson(
  system: System,
  bidId: string,
  key: string,
  { email, name }: { email: string; name: string },
): Promise<{
  member: { id: string; organisationId: string };
  person: { email: string; userId: string };
}> {
  const member = await memberByKey(system.dataSource, bidId, key);
  const access = system.persistence.get(AccessRepository);
  const user = await access.ensureUser(email, name);
  await access.grant(user.id, 'EDITOR', { organisationId: member.organisationId });
  return { member, person: { email, userId: user.id } };
}
