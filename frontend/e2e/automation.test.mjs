// Automation in the browser, against `parley demo` and its simulated phone: an administrator
// builds a workflow rule in Settings → Automation (on a new Lead, send an approved template),
// creates a lead with a mobile number in the UI, and the template arrives on the simulated
// phone. The page also has to stay usable at 390 px. A blueprint built in the UI gives the record
// page its transition buttons. A journey built in the UI (template, wait for a reply with both
// branches) takes one lead down the reply branch and, after the demo clock's +2 days, the other
// down the no-reply branch, with counts and paths on the page. A rule edited in the UI calls a
// signed webhook on a receiver started here.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import {
  customerWrites,
  digits,
  gqlInPage,
  launchBrowser,
  newPage,
  pickOption,
  screenshot,
  signIn,
  tag,
} from './browser.mjs';

/** Creates a Leads template and waits for the simulator's review to approve it. */
async function approvedTemplate(page, name, body) {
  const created = await gqlInPage(
    page,
    `mutation($n: String!, $b: String!) { createTemplate(input: { name: $n, module: "Leads",
       language: "en", category: UTILITY, body: $b }) { id } }`,
    { n: name, b: body },
  );
  assert.ok(!created.errors, JSON.stringify(created.errors));
  for (let i = 0; ; i++) {
    const r = await gqlInPage(page, '{ templates(module: "Leads") { name status } }');
    if (r.data.templates.some((t) => t.name === name && t.status === 'APPROVED')) return created.data.createTemplate.id;
    assert.ok(i < 240, 'the template is approved');
    await page.waitForTimeout(250);
  }
}

async function createLead(page, values) {
  const r = await gqlInPage(page, 'mutation($v: JSON!) { createRecord(module: "Leads", values: $v) { id } }', { v: values });
  assert.ok(!r.errors, JSON.stringify(r.errors));
  return r.data.createRecord.id;
}

/** A loopback HTTP receiver that records each POST's signature header and raw body. */
function startReceiver() {
  const got = [];
  const srv = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      got.push({ signature: req.headers['x-parley-signature'], body: Buffer.concat(chunks) });
      res.writeHead(200).end('ok');
    });
  });
  return new Promise((resolve) => {
    srv.listen(0, '127.0.0.1', () => resolve({ got, url: `http://127.0.0.1:${srv.address().port}/hook`, close: () => srv.close() }));
  });
}

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

  test('a journey built in the UI: reply and no-reply branches, demo clock, counts and paths', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    const tg = tag();
    const templateName = `journey_${tg}`;
    const journeyName = `Onboarding ${tg}`;
    const [localA, localB] = [digits(8), digits(8)];
    try {
      await signIn(page, server.adminEmail, server.adminPassword);
      await approvedTemplate(page, templateName, `Hi $[Leads.Last Name], reply to us (${tg}).`);

      // Settings → Automation → Journeys: the default flow is template → wait for reply → end.
      await page.goto('/settings/automation');
      await page.getByTestId('automation-tab-journeys').click();
      await page.getByTestId('new-journey').click();
      await page.getByTestId('journey-builder').waitFor();
      await page.getByTestId('journey-name').fill(journeyName);
      await page.getByTestId('add-condition').click();
      await pickOption(page, 'condition-field-0', 'Last Name');
      await pickOption(page, 'condition-op-0', 'contains');
      await page.getByTestId('condition-value-0').fill(tg);
      await pickOption(page, 'step-0-action-template', `${templateName} (en)`);
      // s2 waits 2 days for a reply: a reply goes to s3 (end), silence to s4 (a task).
      await page.getByTestId('add-step').click();
      await pickOption(page, 'step-3-action-kind', 'Create task');
      await page.getByTestId('step-3-action-subject').fill(`No reply ${tg}`);
      await pickOption(page, 'step-1-onReply', 's3');
      await pickOption(page, 'step-1-onNoReply', 's4');
      await page.getByTestId('journey-save').click();
      await page.getByTestId('journey-builder').waitFor({ state: 'detached' });
      const card = page.locator(`[data-testid="journey-card"][data-journey-name="${journeyName}"]`);
      await card.waitFor();

      // Two leads enter; each gets the template and waits for a reply.
      const a = await createLead(page, { Last_Name: `Answers${tg}`, Mobile: `+49151${localA}` });
      const b = await createLead(page, { Last_Name: `Silent${tg}`, Mobile: `+49151${localB}` });
      await card.getByTestId('journey-enrolled').filter({ hasText: /^2$/ }).waitFor({ timeout: 20_000 });
      await card.getByTestId('journey-records-toggle').click();
      const row = (id) => card.locator(`[data-testid="enrollment"][data-record-id="${id}"]`);
      for (const id of [a, b]) {
        await row(id).filter({ hasText: 'waiting until' }).waitFor({ timeout: 20_000 });
        assert.equal(await row(id).getAttribute('data-step'), 's2');
      }
      assert.equal(await card.getByTestId('journey-in-progress').textContent(), '2');

      // A answers on the simulated phone (where the template arrived): the reply branch at once.
      const phone = await context.newPage();
      await phone.goto('/simulator');
      await phone.getByTestId('sim-wa-id').fill(`49151${localA}`);
      await phone
        .locator('[data-testid="sim-thread"] [data-testid="sim-message"][data-direction="out"]')
        .filter({ hasText: `(${tg})` })
        .first()
        .waitFor({ timeout: 45_000 });
      await customerWrites(phone, { waId: `49151${localA}`, name: 'Answers', text: `yes please ${tg}` });
      await phone.close();
      await card.locator(`[data-testid="enrollment"][data-record-id="${a}"][data-status="COMPLETED"]`).waitFor({ timeout: 20_000 });
      const pathA = await row(a).getByTestId('enrollment-path-entry').allTextContents();
      assert.deepEqual(
        pathA.map((p) => p.split(' · ')[0]),
        ['s1', 's2', 's2', 's3'],
        `A's path: ${pathA.join(' | ')}`,
      );
      assert.ok(pathA[2].includes('replied'), pathA[2]);
      await card.getByTestId('journey-completed').filter({ hasText: /^1$/ }).waitFor();
      assert.equal(await card.getByTestId('journey-in-progress').textContent(), '1');
      assert.equal(await row(b).getAttribute('data-status'), 'ACTIVE');

      // B stays silent: the demo clock's +2 days passes the wait, the no-reply branch runs.
      await page.getByTestId('clock-advance-2880').click();
      await page.getByTestId('clock-control').filter({ hasText: /Demo time is now/ }).waitFor();
      await page.waitForTimeout(1000); // the tab reloads itself after a clock move
      const cardAgain = page.locator(`[data-testid="journey-card"][data-journey-name="${journeyName}"]`);
      await cardAgain.getByTestId('journey-completed').filter({ hasText: /^2$/ }).waitFor({ timeout: 20_000 });
      assert.equal(await cardAgain.getByTestId('journey-enrolled').textContent(), '2');
      assert.equal(await cardAgain.getByTestId('journey-in-progress').textContent(), '0');
      await cardAgain.getByTestId('journey-records-toggle').click();
      const rowB = cardAgain.locator(`[data-testid="enrollment"][data-record-id="${b}"]`);
      await cardAgain.locator(`[data-testid="enrollment"][data-record-id="${b}"][data-status="COMPLETED"]`).waitFor();
      const pathB = await rowB.getByTestId('enrollment-path-entry').allTextContents();
      assert.deepEqual(
        pathB.map((p) => p.split(' · ')[0]),
        ['s1', 's2', 's2', 's4'],
        `B's path: ${pathB.join(' | ')}`,
      );
      assert.ok(pathB[2].includes('no reply'), pathB[2]);
      const tasks = await gqlInPage(page, 'query($id: ID!) { activities(module: "Leads", recordId: $id) { subject } }', { id: b });
      assert.deepEqual(tasks.data.activities.map((x) => x.subject), [`No reply ${tg}`]);

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'automation-journey-failure');
      throw err;
    } finally {
      await context.close();
    }
  });

  test('a rule edited in the UI: new name and task, and a signed outgoing webhook', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    const tg = tag();
    const receiver = await startReceiver();
    const ruleName = `Edit me ${tg}`;
    try {
      await signIn(page, server.adminEmail, server.adminPassword);
      const made = await gqlInPage(
        page,
        `mutation($i: WorkflowRuleInput!) { createWorkflowRule(input: $i) { id } }`,
        {
          i: {
            name: ruleName,
            module: 'Leads',
            trigger: 'CREATED',
            conditions: [{ field: 'Last_Name', op: 'CONTAINS', value: tg }],
            actions: [{ kind: 'CREATE_TASK', subject: `first ${tg}` }],
          },
        },
      );
      assert.ok(!made.errors, JSON.stringify(made.errors));

      await page.goto('/settings/automation');
      const card = page.locator(`[data-testid="rule-card"][data-rule-name="${ruleName}"]`);
      await card.getByTestId('rule-edit').click();
      await page.getByTestId('rule-builder').waitFor();
      assert.equal(await page.getByTestId('rule-name').inputValue(), ruleName, 'the rule is opened as it is');
      assert.equal(await page.getByTestId('rule-action-0-subject').inputValue(), `first ${tg}`);
      await page.getByTestId('rule-name').fill(`${ruleName} (edited)`);
      await page.getByTestId('rule-action-0-subject').fill(`second ${tg}`);
      await page.getByTestId('rule-action-add').click();
      await pickOption(page, 'rule-action-1-kind', 'Outgoing webhook');
      await page.getByTestId('rule-action-1-url').fill(receiver.url);
      await page.getByTestId('rule-action-1-secret').fill(`secret-${tg}`);
      await page.getByTestId('rule-save').click();
      await page.getByTestId('rule-builder').waitFor({ state: 'detached' });
      const edited = page.locator(`[data-testid="rule-card"][data-rule-name="${ruleName} (edited)"]`);
      await edited.filter({ hasText: receiver.url }).waitFor();
      assert.equal(await card.count(), 0, 'no card under the old name');

      // A matching lead: the edited task, and the webhook's signed POST.
      const id = await createLead(page, { Last_Name: `Edited${tg}` });
      for (let i = 0; receiver.got.length === 0; i++) {
        assert.ok(i < 120, 'the webhook arrives');
        await page.waitForTimeout(250);
      }
      const { signature, body } = receiver.got[0];
      const want = `sha256=${createHmac('sha256', `secret-${tg}`).update(body).digest('hex')}`;
      assert.equal(signature, want, 'signed with the secret over the raw body');
      const payload = JSON.parse(body.toString('utf8'));
      assert.equal(payload.event, 'automation.rule');
      assert.equal(payload.data.record.id, id);
      assert.equal(payload.data.record.values.Last_Name, `Edited${tg}`);
      const tasks = await gqlInPage(page, 'query($id: ID!) { activities(module: "Leads", recordId: $id) { subject } }', { id });
      assert.deepEqual(tasks.data.activities.map((x) => x.subject), [`second ${tg}`]);

      // Opened again, the webhook shows that its secret is kept.
      await edited.getByTestId('rule-edit').click();
      await page.getByTestId('rule-builder').filter({ hasText: 'A secret is set' }).waitFor();
      assert.equal(await page.getByTestId('rule-action-1-url').inputValue(), receiver.url);

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'automation-rule-edit-failure');
      throw err;
    } finally {
      receiver.close();
      await context.close();
    }
  });
});
