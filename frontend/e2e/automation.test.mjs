// Automation in the browser, against `parley demo` and its simulated phone: an administrator
// builds a workflow rule in Settings → Automation (on a new Lead, send an approved template),
// creates a lead with a mobile number in the UI, and the template arrives on the simulated
// phone. The page also has to stay usable at 390 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { digits, gqlInPage, launchBrowser, newPage, pickOption, screenshot, signIn, tag } from './browser.mjs';

describe('automation', { timeout: 240_000 }, () => {
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

  test('a rule built in the UI sends an approved template to a new lead', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    const tg = tag();
    const templateName = `welcome_${tg}`;
    const ruleName = `Welcome new leads ${tg}`;
    const lastName = `Auto${tg}`;
    const local = digits(8);
    const waId = `49151${local}`;
    try {
      await signIn(page, server.adminEmail, server.adminPassword);

      // A template for Leads, approved by the simulator's review after ~2 s.
      const created = await gqlInPage(
        page,
        `mutation($n: String!, $b: String!) { createTemplate(input: { name: $n, module: "Leads",
           language: "en", category: UTILITY, body: $b }) { id } }`,
        { n: templateName, b: `Welcome $[Leads.Last Name], ref ${tg}.` },
      );
      assert.ok(!created.errors, JSON.stringify(created.errors));
      for (let i = 0; ; i++) {
        const r = await gqlInPage(page, '{ templates(module: "Leads") { name status } }');
        if (r.data.templates.some((t) => t.name === templateName && t.status === 'APPROVED')) break;
        assert.ok(i < 240, 'the template is approved');
        await page.waitForTimeout(250);
      }

      // Settings → Automation → Rules: build the rule.
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-tab-automation').click();
      await page.waitForURL(/\/settings\/automation$/);
      await page.getByTestId('clock-control').waitFor();
      await page.getByTestId('new-rule').click();
      await page.getByTestId('rule-builder').waitFor();
      await page.getByTestId('rule-name').fill(ruleName);
      await pickOption(page, 'rule-module', 'Leads');
      await pickOption(page, 'rule-trigger', 'Record created');
      await pickOption(page, 'rule-action-0-kind', 'Send WhatsApp template');
      await pickOption(page, 'rule-action-0-template', `${templateName} (en)`);
      await page.getByTestId('rule-save').click();
      await page.getByTestId('rule-builder').waitFor({ state: 'detached' });
      const card = page.locator(`[data-testid="rule-card"][data-rule-name="${ruleName}"]`);
      await card.waitFor();
      assert.equal(await card.getAttribute('data-status'), 'ACTIVE');

      // A new lead with a German mobile, created in the UI.
      await page.getByTestId('nav-leads').click();
      await page.getByTestId('new-record').click();
      await page.getByTestId('field-Last_Name').fill(lastName);
      await page.getByTestId('field-Mobile').fill(`0151 ${local}`);
      await page.getByTestId('record-form-submit').click();
      await page.waitForURL(/\/leads\/[^/]+$/);

      // The template arrives on the simulated phone.
      const phone = await context.newPage();
      await phone.goto('/simulator');
      await phone.getByTestId('sim-wa-id').fill(waId);
      await phone
        .locator('[data-testid="sim-thread"] [data-testid="sim-message"][data-direction="out"]')
        .filter({ hasText: `ref ${tg}` })
        .first()
        .waitFor({ timeout: 45_000 });
      const thread = await gqlInPage(page, 'query($w: String!) { simulatorThread(waId: $w) { direction text } }', { w: waId });
      const outs = thread.data.simulatorThread.filter((m) => m.direction === 'out' && m.text?.includes(`ref ${tg}`));
      assert.equal(outs.length, 1, 'the template was sent once');
      assert.ok(outs[0].text.includes(lastName), 'the merge field was filled in');
      await phone.close();

      // The rule counts its run, and the history shows it.
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-tab-automation').click();
      await card.getByTestId('rule-runs').filter({ hasText: '1' }).waitFor();
      await card.getByTestId('rule-history-toggle').click();
      await card.locator('[data-testid="run-row"][data-ok="true"]').first().waitFor();

      // At 390 px the page still fits (no sideways scrolling).
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('new-rule').click();
      await page.getByTestId('rule-builder').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `no horizontal overflow at 390 px (${overflow}px)`);

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'automation-failure');
      throw err;
    } finally {
      await context.close();
    }
  });

  test('a blueprint built in the UI: transition buttons on the record page, refusal shown; demo clock', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    const tg = tag();
    const bpName = `Lead flow ${tg}`;
    const transition = `Reach out ${tg}`;
    try {
      await signIn(page, server.adminEmail, server.adminPassword);
      await page.goto('/settings/automation');
      await page.getByTestId('automation-tab-blueprints').click();
      await page.getByTestId('new-blueprint').click();
      await page.getByTestId('blueprint-editor').waitFor();
      await page.getByTestId('blueprint-name').fill(bpName);
      await pickOption(page, 'blueprint-field', 'Lead Status');
      await page.getByTestId('add-transition').click();
      await page.getByTestId('transition-name-0').fill(transition);
      await pickOption(page, 'transition-from-0', 'Not Contacted');
      await pickOption(page, 'transition-to-0', 'Qualified');
      await page.getByTestId('blueprint-save').click();
      await page.getByTestId('blueprint-editor').waitFor({ state: 'detached' });
      await page.locator(`[data-testid="blueprint-card"][data-blueprint-name="${bpName}"]`).waitFor();

      // The demo clock moves forward for administrators.
      await page.getByTestId('clock-advance-60').click();
      await page.getByTestId('clock-control').filter({ hasText: /Demo time is now/ }).waitFor();

      const mk = async (last) => {
        const r = await gqlInPage(
          page,
          `mutation($v: JSON!) { createRecord(module: "Leads", values: $v) { id } }`,
          { v: { Last_Name: last, Lead_Status: 'Not Contacted' } },
        );
        assert.ok(!r.errors, JSON.stringify(r.errors));
        return r.data.createRecord.id;
      };

      // The button moves the record to the transition's target state.
      const a = await mk(`Flow${tg}`);
      await page.goto(`/leads/${a}`);
      await page.locator(`[data-testid="transition-button"][data-transition="${transition}"]`).click();
      await page.getByTestId('record-value-Lead_Status').filter({ hasText: 'Qualified' }).waitFor();
      await page.locator(`[data-testid="transition-button"][data-transition="${transition}"]`).waitFor({ state: 'detached' });

      // A stale button (the record moved on elsewhere) shows the server's refusal.
      const b = await mk(`Stale${tg}`);
      await page.goto(`/leads/${b}`);
      const button = page.locator(`[data-testid="transition-button"][data-transition="${transition}"]`);
      await button.waitFor();
      const moved = await gqlInPage(
        page,
        `mutation($id: ID!, $t: String!) { transitionRecord(module: "Leads", recordId: $id, transition: $t) { id } }`,
        { id: b, t: transition },
      );
      assert.ok(!moved.errors, JSON.stringify(moved.errors));
      await button.click();
      await page.getByTestId('transition-error').waitFor();

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'automation-blueprint-failure');
      throw err;
    } finally {
      await context.close();
    }
  });
});
