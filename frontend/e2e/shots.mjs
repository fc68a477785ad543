// Screenshots kept as CI artifacts: e2e/screenshots/<test>-<locale>-<size>.png (gitignored).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const screenshotsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A fresh context at `viewport` in `locale` (`en-US` or `de-DE`), phone-like when narrow. */
export async function newSizedPage(browser, baseURL, { locale = 'en-US', viewport = DESKTOP } = {}) {
  const phone = viewport.width < 600;
  const context = await browser.newContext({ baseURL, locale, viewport, isMobile: phone, hasTouch: phone });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  return { context, page, consoleErrors };
}

/** Saves a full-page screenshot named by test, locale and size. */
export async function shot(page, test, locale) {
  await mkdir(screenshotsDir, { recursive: true });
  const { width } = page.viewportSize() ?? DESKTOP;
  const size = width < 600 ? 'phone' : 'desktop';
  const file = path.join(screenshotsDir, `${test}-${locale}-${size}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
