// Browser helpers for the e2e tests: Debian's chromium driven by playwright-core.
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
