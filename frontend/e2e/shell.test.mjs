// (a) Sign in, see the app shell, switch to German (saved on the server), sign out.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser, newPage, screenshot, signIn, waitForText } from './browser.mjs';

describe('app shell', { timeout: 180_000 }, () => {
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

  test('sign in, switch language, sign out', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    try {
      // Signed out, the app sends any page to the login page.
      await page.goto('/leads');
      await page.getByTestId('login-submit').waitFor();
      assert.match(new URL(page.url()).pathname, /^\/login$/);

      // A wrong password is refused with a message.
      await page.getByTestId('login-email').fill(server.adminEmail);
      await page.getByTestId('login-password').fill('definitely-not-the-password');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('login-error').waitFor();

      await signIn(page, server.adminEmail, server.adminPassword);

      // The shell: product name, bell, user menu, navigation in English.
      await waitForText(page, 'product-name', 'Parley');
      await page.getByTestId('bell').waitFor();
      await page.getByTestId('user-menu').waitFor();
      await waitForText(page, 'nav-leads', 'Leads');
      await waitForText(page, 'nav-contacts', 'Contacts');
      await waitForText(page, 'nav-messages', 'Messages');
      await waitForText(page, 'nav-settings', 'Settings');
      // Signed out on /leads, signing in returns there (a fresh sign-in lands on the start page).
      await page.getByTestId('records-table').waitFor();

      // Switch to German: labels change at once.
      await page.getByTestId('lang-de').click();
      await waitForText(page, 'nav-contacts', 'Kontakte');
      await waitForText(page, 'nav-messages', 'Nachrichten');
      await waitForText(page, 'nav-settings', 'Einstellungen');

      // The choice is saved for the user: a new browser context (English browser language,
      // empty storage) signs in and gets German from `me.language`.
      const second = await newPage(browser, server.baseUrl);
      try {
        await signIn(second.page, server.adminEmail, server.adminPassword);
        await waitForText(second.page, 'nav-contacts', 'Kontakte');
      } finally {
        await second.context.close();
      }

      // Sign out returns to the login page, and the app is closed again.
      await page.getByTestId('user-menu').click();
      await page.getByTestId('logout').click();
      await page.getByTestId('login-submit').waitFor();
      assert.match(new URL(page.url()).pathname, /^\/login$/);
      await page.goto('/contacts');
      await page.getByTestId('login-submit').waitFor();
      assert.match(new URL(page.url()).pathname, /^\/login$/);

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'shell-failure');
      throw err;
    } finally {
      await context.close();
    }
  });
});
