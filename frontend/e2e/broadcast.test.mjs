// Broadcasts in the browser, against `parley demo` (50 EUR starting credit, simulated phone):
// select 20 leads with the row checkboxes, see the price, send, watch the counters; a customer
// writes "Abmelden" on the simulated phone and the next broadcast skips them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { customerWrites, digits, gqlInPage, launchBrowser, newPage, pickOption, screenshot, signIn, tag, waitForText } from './browser.mjs';

/** Waits until the (debounced) search shows exactly `n` rows, each of the `family`. */
async function listShows(page, n, family) {
  await page.getByTestId('records-total').filter({ hasText: new RegExp(`^${n} `) }).waitFor();
  for (let i = 0; ; i++) {
    const rows = page.getByTestId('record-row');
    const all = await rows.count();
    const ours = await rows.filter({ hasText: family }).count();
    if (all === n && ours === n) break;
    assert.ok(i < 100, `the list shows ${n} rows of ${family}`);
    await page.waitForTimeout(100);
  }
}

describe('broadcasts', { timeout: 240_000 }, () => {
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

  test('20 selected leads: price, send, live counters; an opt-out is skipped next time', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    const t = tag();
    const templateName = `bcast_${t}`;
    const family = `Welle${t}`;
    const prefix = `+49151${digits(6)}`;
    try {
      await signIn(page, server.adminEmail, server.adminPassword);
      const created = await gqlInPage(
        page,
        `mutation($n: String!) { createTemplate(input: { name: $n, module: "Leads", language: "en",
           category: UTILITY, body: "Hello $[Leads.First Name], your order is ready for pickup." }) { id } }`,
        { n: templateName },
      );
      assert.ok(!created.errors, JSON.stringify(created.errors));
      for (let i = 0; ; i++) {
        const r = await gqlInPage(page, '{ templates(module: "Leads") { name status } }');
        if (r.data.templates.some((x) => x.name === templateName && x.status === 'APPROVED')) break;
        assert.ok(i < 240, 'the template is approved');
        await page.waitForTimeout(250);
      }
      for (let i = 0; i < 20; i++) {
        const r = await gqlInPage(
          page,
          'mutation($v: JSON!) { createRecord(module: "Leads", values: $v) { id } }',
          { v: { First_Name: `Kunde${i}`, Last_Name: family, Mobile: `${prefix}${String(i).padStart(2, '0')}` } },
        );
        assert.ok(!r.errors, JSON.stringify(r.errors));
      }

      // The Leads list: search the family, tick every row, broadcast to the selection.
      await page.getByTestId('nav-leads').click();
      await page.getByTestId('records-search').fill(family);
      await listShows(page, 20, family);
      await page.getByTestId('select-all').check();
      await waitForText(page, 'broadcast-selected', '20');
      await page.getByTestId('broadcast-selected').click();
      await page.waitForURL(/\/broadcasts\/new$/);
      await waitForText(page, 'broadcast-selected', '20');
      await page.getByTestId('broadcast-name').fill(`Spring ${t}`);
      await pickOption(page, 'broadcast-template', templateName);
      await page.getByTestId('quality-rating').waitFor();
      await page.getByTestId('broadcast-preview').click();
      await waitForText(page, 'cost-recipients', '20 recipients');
      // Germany, utility, per message (the embedded 2025-07-01 card): 20 × 0.0456 EUR.
      await waitForText(page, 'cost-total', '0.912 EUR');
      await page.getByTestId('broadcast-confirm').click();
      await page.waitForURL(/\/broadcasts\/[0-9a-z]+$/);
      await waitForText(page, 'counter-sent', '20');
      await page.locator('[data-testid="broadcast-status"][data-status="COMPLETED"]').waitFor({ timeout: 60_000 });

      // One of them writes "Abmelden" from the simulated phone.
      const phone = await context.newPage();
      const waId = `${prefix.replace('+', '')}07`;
      await customerWrites(phone, { waId, name: `Kunde7 ${family}`, text: 'Abmelden' });
      for (let i = 0; ; i++) {
        const r = await gqlInPage(
          page,
          'query($s: String!) { records(module: "Leads", search: $s, first: 50) { edges { node { id whatsappOptOut } } } }',
          { s: family },
        );
        if (r.data.records.edges.some((e) => e.node.whatsappOptOut)) break;
        assert.ok(i < 120, 'the opt-out is recorded');
        await page.waitForTimeout(250);
      }

      // The next broadcast to the same search skips them, saying why.
      await page.getByTestId('nav-leads').click();
      await page.getByTestId('records-search').fill(family);
      await listShows(page, 20, family);
      await page.getByTestId('broadcast-selected').click();
      await page.waitForURL(/\/broadcasts\/new$/);
      await pickOption(page, 'broadcast-template', templateName);
      await page.getByTestId('broadcast-preview').click();
      await waitForText(page, 'cost-recipients', '19 recipients');
      await waitForText(page, 'cost-skipped', '1 skipped');
      await waitForText(page, 'cost-skipped-list', 'opted out');

      // The history lists the first broadcast.
      await page.getByTestId('nav-broadcasts').click();
      await page.getByTestId('broadcast-row').filter({ hasText: `Spring ${t}` }).waitFor();

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'broadcast-failure');
      throw err;
    } finally {
      await context.close();
    }
  });
});
