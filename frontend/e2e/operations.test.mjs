// Operations in the browser, against `parley demo`: the audit log (filters, paging, CSV
// download), outgoing webhooks to a local receiver (the demo allows loopback: create, secret
// shown once, test event delivered 200 and correctly signed) and the opt-out keywords (edited on
// the settings page; a customer writing the new word is opted out).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { startServer } from './server.mjs';
import { customerWrites, digits, gqlInPage, launchBrowser, newPage, pickOption, screenshot, signIn, tag } from './browser.mjs';

/** A webhook receiver on a free loopback port that keeps every request's headers and raw body. */
function startReceiver() {
  const got = [];
  const srv = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      got.push({ path: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  return new Promise((resolve) => {
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      resolve({ url: `http://127.0.0.1:${port}/hook`, got, close: () => new Promise((r) => srv.close(r)) });
    });
  });
}

/** Today as the `YYYY-MM-DD` a date input holds (the browser's time zone, like the test's). */
function today(plusDays = 0) {
  const d = new Date();
  d.setDate(d.getDate() + plusDays);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

async function openSettingsTab(page, tab) {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId(`settings-tab-${tab}`).click();
  await page.waitForURL(new RegExp(`/settings/${tab}$`));
}

describe('operations', { timeout: 240_000 }, () => {
  let server;
  let browser;
  let receiver;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    receiver = await startReceiver();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
  });

  test('audit log: filters, paging and a CSV download', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    try {
      await signIn(page, server.adminEmail, server.adminPassword);
      // 55 keyword saves: more than one page (50) of one action.
      for (let i = 0; i < 55; i++) {
        const r = await gqlInPage(
          page,
          'mutation($o: [String!]!) { setConsentKeywords(optOut: $o, optIn: ["START", "ANMELDEN"]) { optOut } }',
          { o: ['STOP', 'STOPP', 'ABMELDEN', 'ABBESTELLEN', 'UNSUBSCRIBE', `X${i}`] },
        );
        assert.ok(!r.errors, JSON.stringify(r.errors));
      }
      await openSettingsTab(page, 'audit-log');
      // Newest first: the keyword changes fill the first page.
      await page.locator('[data-testid="audit-row"][data-action="consent.keywords"]').first().waitFor();

      // An area filter: sign-ins only.
      await pickOption(page, 'audit-filter-action', 'Sign-ins: all');
      await page.locator('[data-testid="audit-row"][data-action="consent.keywords"]').first().waitFor({ state: 'detached' });
      const actions = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.dataset.action));
      assert.ok(actions.length > 0, 'the sign-in is listed');
      assert.ok(actions.every((a) => a.startsWith('auth.')), `only sign-ins: ${actions}`);
      // The details of an entry unfold.
      await page.getByTestId('audit-toggle').first().click();
      await page.getByTestId('audit-detail').first().waitFor();

      // A date range: today shows them, from tomorrow shows none.
      await page.getByTestId('audit-filter-from').fill(today());
      await page.getByTestId('audit-filter-to').fill(today());
      await page.locator('[data-testid="audit-row"][data-action="auth.sign_in"]').first().waitFor();
      await page.getByTestId('audit-filter-from').fill(today(1));
      await page.getByTestId('audit-table').getByText('No entries match these filters.').waitFor();
      await page.getByTestId('audit-filter-clear').click();

      // One action, across two pages, by the admin.
      await pickOption(page, 'audit-filter-action', 'Opt-out keywords changed');
      await pickOption(page, 'audit-filter-actor', 'admin@parley.local');
      await page.getByTestId('audit-row').nth(49).waitFor();
      for (let i = 0; (await page.getByTestId('audit-row').count()) !== 50; i++) {
        assert.ok(i < 100, 'the first page has 50 rows');
        await page.waitForTimeout(100);
      }
      await page.getByTestId('audit-next').click();
      await page.getByTestId('audit-page').filter({ hasText: 'Page 2' }).waitFor();
      for (let i = 0; (await page.getByTestId('audit-row').count()) !== 5; i++) {
        assert.ok(i < 100, 'the second page has the other 5');
        await page.waitForTimeout(100);
      }
      assert.ok(await page.getByTestId('audit-next').isDisabled(), 'no third page');
      await page.getByTestId('audit-prev').click();
      await page.getByTestId('audit-page').filter({ hasText: 'Page 1' }).waitFor();

      // The CSV holds what the filters match (all 55, not just the page on screen).
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-csv').click()]);
      assert.match(download.suggestedFilename(), /^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = (await readFile(await download.path(), 'utf8')).trim().split(/\r?\n/);
      assert.equal(csv[0], 'id,at,actor_id,actor_email,action,subject,detail');
      assert.equal(csv.length - 1, 55, 'one line per matching entry');
      assert.ok(
        csv.slice(1).every((l) => l.includes(',admin@parley.local,consent.keywords,')),
        `every line is the admin's keyword change:\n${csv.slice(0, 3).join('\n')}`,
      );
      assert.ok(csv.some((l) => l.includes('X54')), 'the detail column carries the words');

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'operations-audit-failure');
      throw err;
    } finally {
      await context.close();
    }
  });

  test('outgoing webhook: create, secret once, test event delivered 200 and signed', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    try {
      await signIn(page, server.adminEmail, server.adminPassword);
      await openSettingsTab(page, 'webhooks');
      await page.getByTestId('webhooks-table').getByText('No webhook subscriptions yet.').waitFor();
      await page.getByTestId('create-webhook').click();
      await page.getByTestId('webhook-url-input').fill(receiver.url);
      await page.getByTestId('webhook-event-record.created').check();
      await page.getByTestId('webhook-form-submit').click();
      const secret = (await page.getByTestId('webhook-secret').textContent()).trim();
      assert.match(secret, /^whsec_/);
      await page.getByTestId('close-webhook-secret').click();
      const row = page.locator(`[data-testid="webhook-row"][data-url="${receiver.url}"]`);
      await row.waitFor();
      assert.equal(await row.getAttribute('data-active'), 'true');
      assert.ok(!(await page.content()).includes(secret), 'the secret is not shown again');

      // The test event: delivered, 200, in the delivery log.
      await row.getByTestId('webhook-test').click();
      await page.getByTestId('webhook-notice').waitFor();
      await page
        .locator('[data-testid="delivery-row"][data-event="webhook.test"][data-status="SUCCEEDED"][data-code="200"]')
        .waitFor({ timeout: 30_000 });
      await page.getByTestId('delivery-attempt').filter({ hasText: 'HTTP 200' }).first().waitFor();
      const test = receiver.got.find((r) => JSON.parse(r.body.toString('utf8')).event === 'webhook.test');
      assert.ok(test, 'the receiver got the test event');
      const expected = `sha256=${createHmac('sha256', secret).update(test.body).digest('hex')}`;
      assert.equal(test.headers['x-parley-signature'], expected, 'signed with the secret over the raw body');
      const body = JSON.parse(test.body.toString('utf8'));
      assert.ok(body.id && body.at && body.data, JSON.stringify(body));

      // A subscribed event goes too.
      const name = `Hook${tag()}`;
      const r = await gqlInPage(page, 'mutation($v: JSON!) { createRecord(module: "Leads", values: $v) { id } }', {
        v: { Last_Name: name },
      });
      assert.ok(!r.errors, JSON.stringify(r.errors));
      await page
        .locator('[data-testid="delivery-row"][data-event="record.created"][data-status="SUCCEEDED"]')
        .waitFor({ timeout: 30_000 });
      const created = receiver.got.find((x) => x.body.toString('utf8').includes(name));
      assert.ok(created, 'the receiver got record.created');
      assert.equal(
        created.headers['x-parley-signature'],
        `sha256=${createHmac('sha256', secret).update(created.body).digest('hex')}`,
      );

      // Switch it off and on again; the test is in the audit log.
      await row.getByTestId('webhook-toggle').click();
      await page.locator(`[data-testid="webhook-row"][data-url="${receiver.url}"][data-active="false"]`).waitFor();
      await row.getByTestId('webhook-toggle').click();
      await page.locator(`[data-testid="webhook-row"][data-url="${receiver.url}"][data-active="true"]`).waitFor();
      await openSettingsTab(page, 'audit-log');
      await page.locator('[data-testid="audit-row"][data-action="webhook.test"]').first().waitFor();

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'operations-webhook-failure');
      throw err;
    } finally {
      await context.close();
    }
  });

  test('opt-out keywords edited on the settings page opt a customer out', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    try {
      await signIn(page, server.adminEmail, server.adminPassword);
      const word = `GENUG${tag().toUpperCase()}`;
      await openSettingsTab(page, 'consent');
      await page.getByTestId('keywords-defaults').waitFor();
      // Back to the shipped lists (the first test left its own), then add the new word.
      await page.getByTestId('keywords-defaults-restore').click();
      const input = page.getByTestId('optout-keywords');
      await input.fill(word.toLowerCase());
      await input.press('Enter');
      await page.getByTestId('keywords-save').click();
      await page.getByTestId('keywords-saved').waitFor();
      const k = await gqlInPage(page, '{ consentKeywords { optOut optIn } }');
      assert.deepEqual(k.data.consentKeywords.optOut, ['STOP', 'STOPP', 'ABMELDEN', 'ABBESTELLEN', 'UNSUBSCRIBE', word]);
      assert.deepEqual(k.data.consentKeywords.optIn, ['START', 'ANMELDEN']);

      // A customer writes the new word from the simulated phone.
      const mobile = `+49151${digits(8)}`;
      const created = await gqlInPage(
        page,
        'mutation($v: JSON!) { createRecord(module: "Leads", values: $v) { id } }',
        { v: { First_Name: 'Greta', Last_Name: `Genug${tag()}`, Mobile: mobile } },
      );
      assert.ok(!created.errors, JSON.stringify(created.errors));
      const id = created.data.createRecord.id;
      await page.goto(`/leads/${id}`);
      await page.locator('[data-testid="consent-state"][data-scope="NONE"]').waitFor();
      const phone = await context.newPage();
      await customerWrites(phone, { waId: mobile.replace('+', ''), name: 'Greta', text: ` ${word.toLowerCase()} ` });
      for (let i = 0; ; i++) {
        await page.goto(`/leads/${id}`);
        const state = page.getByTestId('consent-state');
        await state.waitFor();
        if ((await state.getAttribute('data-scope')) === 'ALL') break;
        assert.ok(i < 60, 'the customer is opted out');
        await page.waitForTimeout(500);
      }
      await page.getByTestId('consent-event').filter({ hasText: word }).waitFor();
      await page.getByTestId('consent-explain').waitFor();

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'operations-keywords-failure');
      throw err;
    } finally {
      await context.close();
    }
  });
});
