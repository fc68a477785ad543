// Browser helpers for the e2e tests: Debian's chromium driven by playwright-core.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
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

// ---- journeys: locales, viewports, step screenshots, accessibility ------------------------

/** Where every journey step's screenshot goes (gitignored; CI keeps the folder as an artifact). */
export const screenshotsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** The two sizes the web app is tried at: a laptop and a phone. */
export const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
};

/** Every (language, viewport) pair a journey runs in. */
export const VARIANTS = [
  { lang: 'en', viewport: 'desktop' },
  { lang: 'de', viewport: 'desktop' },
  { lang: 'en', viewport: 'phone' },
  { lang: 'de', viewport: 'phone' },
];

/**
 * A fresh context at `viewport` ('desktop' | 'phone') with the browser language of `lang`,
 * plus `step(name)`, which saves a screenshot named by journey, language, viewport and step
 * into e2e/screenshots/ (numbered in the order taken).
 */
export async function newJourneyPage(browser, baseURL, { journey, lang, viewport }) {
  const phone = viewport === 'phone';
  const context = await browser.newContext({
    baseURL,
    locale: lang === 'de' ? 'de-DE' : 'en-US',
    viewport: VIEWPORTS[viewport],
    isMobile: phone,
    hasTouch: phone,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  // A run replaces the previous run's screenshots of this journey, language and size.
  const prefix = `${journey}-${lang}-${viewport}-`;
  await mkdir(screenshotsDir, { recursive: true });
  for (const f of await readdir(screenshotsDir)) {
    if (f.startsWith(prefix)) await rm(path.join(screenshotsDir, f), { force: true });
  }
  let n = 0;
  const step = async (name, target = page) => {
    n += 1;
    await mkdir(screenshotsDir, { recursive: true });
    const file = path.join(screenshotsDir, `${journey}-${lang}-${viewport}-${String(n).padStart(2, '0')}-${name}.png`);
    await target.screenshot({ path: file, fullPage: false });
    return file;
  };
  return { context, page, consoleErrors, step };
}

/** Signs in and puts the user's language to `lang` (saved on the server, like a user would). */
export async function signInAs(page, email, password, lang) {
  await signIn(page, email, password);
  await chooseLanguage(page, lang);
}

/** Puts the signed-in user's language to `lang` with the header's switch. */
export async function chooseLanguage(page, lang) {
  const button = page.getByTestId(`lang-${lang}`);
  if ((await button.getAttribute('aria-pressed')) !== 'true') {
    await button.click();
    await page.locator(`[data-testid="lang-${lang}"][aria-pressed="true"]`).waitFor();
  }
}

/**
 * axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA rules),
 * as "rule: target …" lines; an empty list passes.
 */
export async function accessibilityProblems(page) {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(' ')} — ${node.failureSummary?.split('\n')[1]?.trim() ?? v.help}`));
}

/**
 * What reaches past the right edge of the viewport: the page's own sideways scroll, and every
 * visible element that sticks out without being inside a sideways-scrolling box (a wide table
 * in its scroll area is fine; a cut-off button is not). Answers descriptions; [] = fits.
 */
export function sidewaysOverflow(page) {
  return page.evaluate(() => {
    const out = [];
    // The layout viewport: on a phone, window.innerWidth grows with content that sticks out.
    const width = document.documentElement.clientWidth;
    const extra = document.documentElement.scrollWidth - width;
    if (extra > 0) out.push(`the page scrolls sideways by ${extra} px`);
    const scrolls = (el) => {
      for (let a = el.parentElement; a; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o === 'auto' || o === 'scroll') return true;
      }
      return false;
    };
    const name = (el) =>
      el.getAttribute('data-testid') ??
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= width + 1) continue;
      if (getComputedStyle(el).visibility === 'hidden' || scrolls(el)) continue;
      // Report the outermost offender only.
      const parent = el.parentElement?.getBoundingClientRect();
      if (parent && parent.right > width + 1) continue;
      out.push(`${name(el)} ends at ${Math.round(r.right)} px`);
    }
    return out;
  });
}

/**
 * The focused element and whether its focus can be seen: an outline, a focus ring (box
 * shadow), or for a text field Mantine's focused border (the primary colour).
 */
export function focusState(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { testId: null, tag: 'body', visible: false };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const ring = s.boxShadow !== 'none';
    const field = (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && s.borderColor === 'rgb(8, 127, 91)';
    return {
      testId: el.getAttribute('data-testid'),
      tag: el.tagName.toLowerCase(),
      text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40),
      visible: outline || ring || field,
    };
  });
}

/**
 * Presses Tab (Shift+Tab with `back`) until the focused element has test id `testId`, at
 * most `max` times; every element passed on the way must show its focus. Answers the stops.
 */
export async function tabTo(page, testId, { max = 60, back = false } = {}) {
  const stops = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focusState(page);
    stops.push(f);
    if (f.tag !== 'body' && !f.visible) {
      throw new Error(`focus is not visible on ${f.tag}[data-testid=${f.testId}] "${f.text}"`);
    }
    if (f.testId === testId) return stops;
  }
  throw new Error(`${testId} not reached in ${max} Tab presses: ${stops.map((s) => s.testId ?? s.tag).join(' → ')}`);
}
