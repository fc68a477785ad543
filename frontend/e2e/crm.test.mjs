// CRM extras: a seeded quote gets a generated PDF (Documents tab) and line items with
// computed totals; a lead gets a task (Activities tab). Only auto-waiting locators, no sleeps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startServer } from './server.mjs';
import { launchBrowser, newPage, screenshot, signIn, waitForText } from './browser.mjs';

describe('crm', { timeout: 180_000 }, () => {
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

  test('quote: generate a PDF and edit line items; lead: create a task', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    const subject = `Call back ${randomBytes(4).toString('hex')}`;
    try {
      await signIn(page, server.adminEmail, server.adminPassword);

      // ---- a seeded quote: Documents tab -> Generate PDF -> a row with a download link
      await page.goto('/m/Quotes');
      // Open the row from a cell without a link (a lookup's name links to the linked record).
      await page
        .getByTestId('record-row')
        .first()
        .locator('td')
        .filter({ hasNot: page.getByTestId('lookup-link') })
        .first()
        .click();
      await page.waitForURL(/\/m\/Quotes\/[^/]+$/);
      await page.getByTestId('tab-documents').click();
      await page.getByTestId('documents-empty').waitFor();
      await page.getByTestId('generate-document').click();
      const link = page.getByTestId('document-row').first().getByTestId('document-download');
      await link.waitFor();
      const href = await link.getAttribute('href');
      assert.ok(href, 'the download link has a URL');
      // The link serves the PDF to the signed-in user.
      const pdf = await page.evaluate(async (url) => {
        const res = await fetch(url, { credentials: 'same-origin' });
        const bytes = new Uint8Array(await res.arrayBuffer());
        return { status: res.status, head: String.fromCharCode(...bytes.slice(0, 5)) };
      }, href);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.head, '%PDF-');

      // ---- line items on the same quote: one product, 2 × its price, 19 % tax
      await page.getByTestId('tab-details').click();
      await page.getByTestId('edit-line-items').click();
      await page.getByTestId('line-item-product-0').click();
      await page.getByRole('option', { name: 'Starter Paket' }).click();
      // Picking the product fills in its price (49.00).
      await page.getByTestId('line-item-unit-price-0').and(page.locator('[value="49.00"]')).waitFor();
      await page.getByTestId('line-item-quantity-0').fill('2');
      await page.getByTestId('line-item-tax-0').fill('19');
      await page.getByTestId('line-items-save').click();
      await page.getByTestId('line-items-editor').waitFor({ state: 'detached' });
      await waitForText(page, 'line-item-product', 'Starter Paket');
      // 2 × 49.00 = 98.00 net, 18.62 tax, 116.62 total (en-GB: €116.62).
      await waitForText(page, 'total-Sub_Total', '€98.00');
      await waitForText(page, 'total-Tax', '€18.62');
      await waitForText(page, 'total-Grand_Total', '€116.62');

      // ---- a lead: Activities tab -> New task -> it is listed
      await page.getByTestId('nav-leads').click();
      await page.getByTestId('record-row').first().click();
      await page.waitForURL(/\/leads\/[^/]+$/);
      await page.getByTestId('tab-activities').click();
      await page.getByTestId('activities-table').waitFor();
      await page.getByTestId('new-activity-task').click();
      await page.getByTestId('activity-subject-input').fill(subject);
      await page.getByTestId('activity-due-input').fill('2030-05-04T10:30');
      await page.getByTestId('activity-form-submit').click();
      const row = page.getByTestId('activity-row').filter({ hasText: subject });
      await row.waitFor();
      assert.equal(await row.getAttribute('data-status'), 'PLANNED');
      await row.getByTestId('activity-kind-TASK').waitFor();

      // Mark it completed inline.
      await row.getByTestId('activity-complete').click();
      await page.getByTestId('activity-row').filter({ hasText: subject }).and(page.locator('[data-status="COMPLETED"]')).waitFor();

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'crm-failure');
      throw err;
    } finally {
      await context.close();
    }
  });
});
