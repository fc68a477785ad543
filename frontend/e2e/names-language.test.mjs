// Issue 18: lookups show the linked record's name as a link (Contacts and Quotes, lists and
// record pages), picklist values and server errors speak the user's language. Chromium, in
// English and in German; screenshots go to e2e/screenshots/ (kept as CI artifacts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { launchBrowser, newPage, screenshot, signIn } from './browser.mjs';

const shotsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** Saves `e2e/screenshots/<name>-<lang>.png`. */
async function shot(page, name, lang) {
  await mkdir(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}-${lang}.png`), fullPage: true });
}

/** A raw record id as the lists showed before: a time-ordered id, 20+ characters. */
const RAW_ID = /^[0-9a-z]{20,}$/i;

const ACCOUNTS = ['Nordwind Handels GmbH', 'Zimmermann KG'];

const TEXTS = {
  en: { status: 'Not Contacted', phoneError: "'12ab' is not a valid phone number" },
  de: { status: 'Nicht kontaktiert', phoneError: '„12ab“ ist keine gültige Telefonnummer' },
};

describe('names instead of ids, and the user\'s language', { timeout: 240_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ['en', 'de']) {
    test(`lookups are named links, picklists and server errors in ${lang}`, async () => {
      const { context, page, consoleErrors } = await newPage(browser, server.baseUrl, {
        locale: lang === 'de' ? 'de-DE' : 'en-US',
      });
      try {
        await signIn(page, server.adminEmail, server.adminPassword);
        // The choice is saved on the server, which then answers in it.
        await page.getByTestId(`lang-${lang}`).click();
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);

        // Contacts: the account is named and links to its page.
        await page.getByTestId('nav-contacts').click();
        await page.getByTestId('records-table').waitFor();
        const accountLink = page.getByTestId('record-row').getByTestId('lookup-link').first();
        await accountLink.waitFor();
        const accountName = (await accountLink.innerText()).trim();
        assert.ok(ACCOUNTS.includes(accountName), `an account's name, not ${accountName}`);
        const listCells = await page.getByTestId('records-table').innerText();
        assert.ok(!listCells.split(/\s+/).some((w) => RAW_ID.test(w)), 'no raw id in the Contacts list');
        await shot(page, 'contacts-list', lang);

        // A contact's page names its account too, as a link to it.
        const contactId = await page.getByTestId('record-row').first().getAttribute('data-id');
        await page.goto(`/contacts/${contactId}`);
        const onPage = page.getByTestId('record-value-Account_Name').getByTestId('lookup-link');
        await onPage.waitFor();
        assert.ok(ACCOUNTS.includes((await onPage.innerText()).trim()));
        await shot(page, 'contact-page', lang);
        await onPage.click();
        await page.waitForURL(/\/m\/Accounts\/[^/]+$/);
        await page.getByTestId('record-value-Account_Name').waitFor();

        // Quotes: the contact and the account are named links in the list and on the page.
        await page.goto('/m/Quotes');
        await page.getByTestId('records-table').waitFor();
        const row = page.getByTestId('record-row').first();
        await row.getByTestId('lookup-link').first().waitFor();
        const links = await row.getByTestId('lookup-link').allInnerTexts();
        assert.ok(links.length >= 2, `contact and account named: ${links}`);
        for (const l of links) assert.ok(!RAW_ID.test(l.trim()), `a name, not an id: ${l}`);
        await shot(page, 'quotes-list', lang);
        await page.goto(`/m/Quotes/${await row.getAttribute('data-id')}`);
        const contact = page.getByTestId('record-value-Contact_Name').getByTestId('lookup-link');
        await contact.waitFor();
        assert.ok(!RAW_ID.test((await contact.innerText()).trim()));
        await shot(page, 'quote-page', lang);

        // Leads: picklist values in the user's language.
        await page.getByTestId('nav-leads').click();
        await page.getByTestId('records-table').waitFor();
        await page.getByTestId('record-row').filter({ hasText: TEXTS[lang].status }).first().waitFor();
        await shot(page, 'leads-list', lang);

        // A server error in the user's language: a phone number the server refuses.
        await page.getByTestId('new-record').click();
        await page.getByTestId('field-Last_Name').fill('Fehlerfall');
        await page.getByTestId('field-Mobile').fill('12ab');
        await page.getByTestId('record-form-submit').click();
        const error = page.getByTestId('record-form-error');
        await error.waitFor();
        const text = await error.innerText();
        assert.ok(text.includes(TEXTS[lang].phoneError), `server error in ${lang}: ${text}`);
        await shot(page, 'server-error', lang);
        assert.deepEqual(consoleErrors, []);
      } catch (err) {
        await screenshot(page, `names-language-${lang}-failure`);
        throw err;
      } finally {
        await context.close();
      }
    });
  }
});
