// Credits in the browser, against `parley demo` (50 EUR starting credit, simulated card gateway):
// an administrator buys credits with the confirmation step, then sees a template's price in the
// send dialog before sending it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { gqlInPage, launchBrowser, newPage, pickOption, screenshot, signIn, tag, waitForText } from './browser.mjs';

describe('credits', { timeout: 180_000 }, () => {
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

  test('buy credits with confirmation; the send dialog shows the price', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    const templateName = `price_${tag()}`;
    try {
      await signIn(page, server.adminEmail, server.adminPassword);

      // Settings → Credits: buy 20, confirm the payment, the balance grows by 20.
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-tab-credits').click();
      await page.waitForURL(/\/settings\/credits$/);
      const before = await gqlInPage(page, '{ wallet { balance } }');
      const start = Number(before.data.wallet.balance.split('.')[0]);
      await page.getByTestId('buy-amount').fill('20');
      await page.getByTestId('buy-credits').click();
      await page.getByTestId('confirm-payment').click();
      await page.getByTestId('buy-done').waitFor();
      await waitForText(page, 'credits-balance', `${start + 20}.`);
      await page.getByTestId('ledger-row').filter({ hasText: 'Top-up' }).first().waitFor();

      // A utility template (approved by the simulator's review after ~2 s).
      const created = await gqlInPage(
        page,
        `mutation($n: String!) { createTemplate(input: { name: $n, module: "Leads", language: "en",
           category: UTILITY, body: "Hello $[Leads.First Name], your order is ready." }) { id } }`,
        { n: templateName },
      );
      assert.ok(!created.errors, JSON.stringify(created.errors));
      for (let i = 0; ; i++) {
        const r = await gqlInPage(page, '{ templates(module: "Leads") { name status } }');
        if (r.data.templates.some((t) => t.name === templateName && t.status === 'APPROVED')) break;
        assert.ok(i < 240, 'the template is approved');
        await page.waitForTimeout(250);
      }

      // A seeded lead with a German mobile and no conversation: the template is billable.
      const found = await gqlInPage(
        page,
        `query {
          records(module: "Leads", first: 200) { edges { node { id values } } }
          conversations(first: 500) { edges { node { record { id } } } }
        }`,
      );
      const talked = new Set(found.data.conversations.edges.map((e) => e.node.record?.id).filter(Boolean));
      const lead = found.data.records.edges
        .map((e) => e.node)
        .find((l) => typeof l.values.Mobile === 'string' && l.values.Mobile.startsWith('+49') && !talked.has(l.id));
      assert.ok(lead, 'a seeded lead with a German mobile and no conversation');
      await page.goto(`/leads/${lead.id}`);
      await page.getByTestId('send-template').click();
      await pickOption(page, 'template-select', templateName);
      // Germany, utility, per-message pricing (the embedded 2025-07-01 card): 0.0456 EUR.
      await waitForText(page, 'template-price', '0.0456 EUR');
      await waitForText(page, 'template-price', 'utility');
      await page.getByTestId('template-send').click();
      await page.getByTestId('send-template-dialog').waitFor({ state: 'detached' });

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'credits-failure');
      throw err;
    } finally {
      await context.close();
    }
  });
});
