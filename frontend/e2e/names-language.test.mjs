// Issue 18: lookups show the linked record's name as a link (Contacts and Quotes, lists and
// record pages), picklist values and server errors speak the user's language. Chromium, in
// English and in German; screenshots go to e2e/screenshots/ (kept as CI artifacts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { gqlInPage, launchBrowser, newPage, screenshot, signIn } from './browser.mjs';

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
  en: {
    status: 'Not Contacted',
    phoneError: "'12ab' is not a valid phone number",
    typed: '1985-11-30',
    shown: '1985-11-30',
    conflict: 'a user with email admin@parley.local exists',
    bell: 'You were added to the group',
  },
  de: {
    status: 'Nicht kontaktiert',
    phoneError: '„12ab“ ist keine gültige Telefonnummer',
    typed: '30.11.1985',
    shown: '30.11.1985',
    conflict: 'Es gibt bereits einen Benutzer mit der E-Mail admin@parley.local',
    bell: 'Sie wurden der Gruppe',
  },
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
        const contactId = await page
          .getByTestId('record-row')
          .filter({ has: page.getByTestId('lookup-link') })
          .first()
          .getAttribute('data-id');
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

        // A date input writes the date as the app's language does (not the browser's), and
        // sends the same YYYY-MM-DD as before.
        await page.keyboard.press('Escape');
        await page.getByTestId('record-form-submit').waitFor({ state: 'detached' });
        await page.getByTestId('nav-contacts').click();
        await page.getByTestId('records-table').waitFor();
        await page.getByTestId('new-record').click();
        const birthday = page.getByTestId('field-Date_of_Birth');
        assert.equal(await birthday.getAttribute('placeholder'), lang === 'de' ? 'TT.MM.JJJJ' : 'YYYY-MM-DD');
        await birthday.fill(TEXTS[lang].typed);
        await page.getByTestId('field-Last_Name').fill(`Datum ${lang}`);
        await page.getByTestId('field-Last_Name').click();
        assert.equal(await birthday.inputValue(), TEXTS[lang].shown);
        await shot(page, 'date-input', lang);
        await page.getByTestId('record-form-submit').click();
        await page.getByTestId('record-value-Date_of_Birth').waitFor();
        const savedId = new URL(page.url()).pathname.split('/').pop();
        const saved = await gqlInPage(page, 'query($id:ID!){ record(module:"Contacts", id:$id){ values } }', {
          id: savedId,
        });
        assert.equal(saved.data?.record?.values?.Date_of_Birth, '1985-11-30', JSON.stringify(saved));

        // A refusal (CONFLICT) in the user's language, as the API answers it.
        const dup = await gqlInPage(
          page,
          'mutation($i:CreateUserInput!){ createUser(input:$i){ id } }',
          { i: { email: 'admin@parley.local', name: 'Zweite', password: 'User-Passw0rd-1' } },
        );
        assert.equal(dup.errors?.[0]?.message, TEXTS[lang].conflict, JSON.stringify(dup));

        // A notification written in the user's language: being added to a group rings the bell.
        const me = await gqlInPage(page, '{ me { id } }');
        const group = await gqlInPage(
          page,
          'mutation($n:String!,$m:[ID!]!){ createGroup(name:$n, memberIds:$m){ id } }',
          { n: `Team ${lang}`, m: [me.data.me.id] },
        );
        assert.ok(!group.errors, JSON.stringify(group));
        await page.getByTestId('bell').click();
        await page
          .getByTestId('notification-item')
          .filter({ hasText: `${TEXTS[lang].bell} Team ${lang}` })
          .first()
          .waitFor();
        await shot(page, 'bell-group', lang);
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
