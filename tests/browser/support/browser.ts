import type { INestApplication } from '@nestjs/common';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { REPO_ROOT, startApi } from '../../e2e/support/harness';

/** Debian's Chromium: no browser can be downloaded on these machines. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of every step, kept by CI as the run's artifacts. */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'tests', 'artifacts', 'browser');
const WEB_APP = path.join(REPO_ROOT, 'apps', 'web', 'dist', 'index.html');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The api as it runs in production, serving the built web app on a port of its own; the links it
 * mails point at that port. The port is chosen before the app is built (the links name it): when
 * another process takes it in between, as a run beside this one may, the next one is tried.
 */
export async function serveApp(): Promise<{ app: INestApplication; baseUrl: string }> {
  if (!existsSync(WEB_APP)) throw new Error('The web app is not built: npm run web:build');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    process.env.PUBLIC_URL = baseUrl;
    const app = await startApi();
    try {
      await app.listen(port, '127.0.0.1');
      return { app, baseUrl };
    } catch (error) {
      await app.close();
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt === 5) throw error;
    }
  }
}

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is missing at ${CHROMIUM} (apt install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    // This machine's network is closed: Chromium's own calls home would only fail, slowly.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A person's own browser: their cookies, a French locale, a laptop or a phone screen. */
export async function personBrowser(
  browser: Browser,
  baseUrl: string,
  screen: 'laptop' | 'phone' = 'laptop',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    acceptDownloads: true,
    viewport: screen === 'laptop' ? { width: 1280, height: 900 } : { width: 390, height: 844 },
  });
  const page = await context.newPage();
  // Each action waits up to this long: a loaded machine renders slowly, a broken page never does.
  page.setDefaultTimeout(30_000);
  return { context, page };
}

let shots = 0;
/** Keeps a full-page screenshot of this step, numbered in the journey's order. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  shots += 1;
  await page.screenshot({
    path: path.join(ARTIFACTS_DIR, `${String(shots).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

/** What the page's `document.getAnimations()` gives, as far as the wait below reads it. */
interface Running {
  finished: Promise<unknown>;
  effect: { getComputedTiming(): { endTime?: number | string } } | null;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * WCAG 2.1 A and AA rules that axe-core can check on the page as it is now: each violation with
 * the elements it concerns, for a readable failure.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // A dialog still fading in is judged at its final colours, not half-transparent (a contrast
  // failure seen once on a busy machine): finite animations and transitions end first, within 2 s.
  await page.evaluate(async () => {
    // Runs in the page: its document lists the animations running now.
    const { document } = globalThis as unknown as { document: { getAnimations(): Running[] } };
    const ending = document
      .getAnimations()
      .filter((animation) => Number.isFinite(Number(animation.effect?.getComputedTiming().endTime)))
      .map((animation) => animation.finished.catch(() => undefined));
    await Promise.race([Promise.all(ending), new Promise((resolve) => setTimeout(resolve, 2000))]);
  });
  // Evaluated through the devtools protocol: the app's CSP (script-src 'self') stays in force.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // Runs in the page: its window holds axe and the document.
    const { axe, document } = globalThis as unknown as {
      axe: typeof import('axe-core');
      document: never;
    };
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(' | ')}`,
    );
  });
  return violations;
}
