// (b) Create a lead from the generated form; the server stores the mobile number as E.164;
// the form shows German field labels when the UI is German.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startServer } from './server.mjs';
import { gqlInPage, launchBrowser, newPage, screenshot, signIn, waitForText } from './browser.mjs';

describe('records', { timeout: 180_000 }, () => {
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

  test('create a lead, open it, see E.164 mobile and German labels', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    const lastName = `Testlead${randomBytes(4).toString('hex')}`;
    try {
      await signIn(page, server.adminEmail, server.adminPassword);
      await page.getByTestId('nav-leads').click();
      await page.getByTestId('records-table').waitFor();

      // Create through the form generated from the Leads field metadata.
      await page.getByTestId('new-record').click();
      await page.getByTestId('field-Last_Name').fill(lastName);
      await page.getByTestId('field-Mobile').fill('0151 2345 6789');
      await page.getByTestId('record-form-submit').click();

      // After creating, the app opens the new record.
      await page.waitForURL(/\/leads\/[^/]+$/);
      await waitForText(page, 'record-value-Last_Name', lastName);
      await waitForText(page, 'record-value-Mobile', '+4915123456789');

      // Find it again from the list (search) and open it.
      await page.getByTestId('nav-leads').click();
      await page.getByTestId('records-search').fill(lastName);
      const row = page.getByTestId('record-row').filter({ hasText: lastName });
      await row.first().waitFor();
      await row.first().click();
      await page.waitForURL(/\/leads\/[^/]+$/);
      await waitForText(page, 'record-value-Mobile', '+4915123456789');

      // German field labels, as the server defines them, on the edit form.
      const meta = await gqlInPage(
        page,
        'query($m: String!) { module(apiName: $m) { fields { apiName label labelDe } } }',
        { m: 'Leads' },
      );
      assert.ok(!meta.errors, JSON.stringify(meta.errors));
      const lastNameField = meta.data.module.fields.find((f) => f.apiName === 'Last_Name');
      assert.ok(lastNameField, 'Leads has a Last_Name field');
      assert.notEqual(lastNameField.labelDe, lastNameField.label, 'Last_Name has a German label');

      await page.getByTestId('lang-de').click();
      await waitForText(page, 'nav-contacts', 'Kontakte');
      await page.getByTestId('edit-record').click();
      const form = page.getByTestId('record-form');
      await form.waitFor();
      await form.locator('label').filter({ hasText: lastNameField.labelDe }).first().waitFor();
      const labels = await form.locator('label').allTextContents();
      assert.ok(
        !labels.some((l) => l.replace(/\s*\*\s*$/, '').trim() === lastNameField.label),
        `no English label "${lastNameField.label}" left on the German form: ${labels.join(', ')}`,
      );
      // The stored value is shown in the form as it is stored.
      assert.equal(await page.getByTestId('field-Mobile').inputValue(), '+4915123456789');

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'records-failure');
      throw err;
    } finally {
      await context.close();
    }
  });
});
