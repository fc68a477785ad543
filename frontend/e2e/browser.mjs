// Browser helpers for the e2e tests: Debian's chromium driven by playwright-core.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const artifactsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '.artifacts');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
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

/** A fresh context (own cookies and storage) with an English browser language. */
export async function newPage(browser, baseURL, { locale = 'en-US' } = {}) {
  const context = await browser.newContext({ baseURL, locale, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  return { context, page, consoleErrors };
}

export async function signIn(page, email, password) {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-leads').waitFor();
}

/** Waits until the element with this test id contains `text`. */
export async function waitForText(page, testId, text) {
  await page.getByTestId(testId).filter({ hasText: text }).first().waitFor();
}

/** Saves a screenshot under e2e/.artifacts/ (for a failing test's post-mortem). */
export async function screenshot(page, name) {
  try {
    await mkdir(artifactsDir, { recursive: true });
    const file = path.join(artifactsDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  } catch {
    return null;
  }
}

/** Runs a GraphQL query from inside the page, so the session cookie authenticates it. */
export function gqlInPage(page, query, variables = {}) {
  return page.evaluate(
    async ({ query, variables }) => {
      const res = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    },
    { query, variables },
  );
}

/** `n` random decimal digits (for unique phone numbers). */
export const digits = (n) => String(randomInt(0, 10 ** n)).padStart(n, '0');

/** A short random hex tag that makes names and texts unique to one test run. */
export const tag = () => randomBytes(3).toString('hex');

/** Opens a Mantine Select (by the test id on its input) and picks the option with this label. */
export async function pickOption(page, testId, label) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: label }).first().click();
}

/** Types a text on the simulated phone as customer `waId` and waits until the thread shows it. */
export async function customerWrites(phone, { waId, name, text }) {
  if (!/\/simulator$/.test(new URL(phone.url()).pathname)) await phone.goto('/simulator');
  await phone.getByTestId('sim-wa-id').fill(waId);
  await phone.getByTestId('sim-name').fill(name);
  await phone.getByTestId('sim-text').fill(text);
  await phone.getByTestId('sim-send').click();
  await phone
    .locator('[data-testid="sim-thread"] [data-testid="sim-message"][data-direction="in"]')
    .filter({ hasText: text })
    .waitFor();
}
