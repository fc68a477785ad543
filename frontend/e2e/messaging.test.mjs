// (c) WhatsApp messaging in the browser, against `parley demo` and its simulated phone:
//   (a) a customer writes from the simulated phone; the conversation shows up on the Messages
//       page, a second message arrives live (no reload), and the new Lead's Messages tab has it;
//   (b) an admin creates a template and a predefined text in the UI, sends the template from a
//       seeded lead (ticks reach READ), the customer answers from the simulated phone, and the
//       reply window opens for a predefined reply with its merge field filled in (in the
//       reply box, editable).
// Every wait observes something in the page (Playwright's auto-waiting locators); no sleeps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { customerWrites, digits, gqlInPage, launchBrowser, newPage, pickOption, screenshot, signIn, tag, waitForText } from './browser.mjs';

/** Template review and the demo's ~2 s steps between sent, delivered and read take a while. */
const SLOW = { timeout: 60_000 };

/** A chat bubble in the open conversation view. */
function chatMessage(page, { direction, status, text }) {
  let selector = '[data-testid="chat-message"]';
  if (direction) selector += `[data-direction="${direction}"]`;
  if (status) selector += `[data-status="${status}"]`;
  const loc = page.locator(selector);
  return text ? loc.filter({ hasText: text }) : loc;
}

describe('messaging', { timeout: 300_000 }, () => {
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

  test('a new customer writes; the conversation appears and updates live', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    const waId = `49151${digits(8)}`;
    const first = 'Erika';
    const last = `Probe${tag()}`;
    const name = `${first} ${last}`;
    const text1 = `Guten Tag, ich habe eine Frage ${tag()}`;
    const text2 = `Noch etwas: wann liefern Sie? ${tag()}`;
    try {
      await signIn(page, server.adminEmail, server.adminPassword);

      // The simulated phone is offered in demo mode.
      await page.getByTestId('nav-simulator').click();
      await page.waitForURL(/\/simulator$/);
      await customerWrites(page, { waId, name, text: text1 });

      // The Messages page lists the new conversation; open it.
      await page.getByTestId('nav-messages').click();
      const item = page.getByTestId('conversation-item').filter({ hasText: name });
      await item.first().waitFor();
      await item.first().click();
      await page.waitForURL(/\/messages\/[^/]+$/);
      await chatMessage(page, { direction: 'INBOUND', text: text1 }).waitFor();
      // The customer just wrote: the 24-hour window is open and the composer is there.
      await page.locator('[data-testid="window-state"][data-open="true"]').waitFor();
      await page.getByTestId('composer-input').waitFor();

      // A second message from the phone (another page) arrives while this page stays open.
      const phone = await context.newPage();
      await customerWrites(phone, { waId, name, text: text2 });
      await chatMessage(page, { direction: 'INBOUND', text: text2 }).waitFor();
      await page.getByTestId('conversation-item').filter({ hasText: text2 }).first().waitFor();
      await phone.close();

      // The sender became a Lead named after them; its Messages tab shows the conversation.
      await page.getByTestId('conversation-record-link').click();
      await page.waitForURL(/\/leads\/[^/]+$/);
      await waitForText(page, 'record-title', last);
      await page.getByTestId('tab-messages').click();
      await chatMessage(page, { direction: 'INBOUND', text: text1 }).waitFor();
      await chatMessage(page, { direction: 'INBOUND', text: text2 }).waitFor();

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'messaging-a-failure');
      throw err;
    } finally {
      await context.close();
    }
  });

  test('template from a lead to READ, the customer answers, predefined reply', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    const templateName = `welcome_${tag()}`;
    try {
      await signIn(page, server.adminEmail, server.adminPassword);

      // 1. A template for Leads, made in Settings → WhatsApp → Templates; review approves it.
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-tab-whatsapp').click();
      await page.getByTestId('whatsapp-tab-templates').click();
      await page.waitForURL(/\/settings\/whatsapp\/templates$/);
      await page.getByTestId('new-template').click();
      await page.getByTestId('template-name').fill(templateName);
      await pickOption(page, 'template-module', 'Leads');
      await page.getByTestId('template-body').fill('Hello $[Leads.First Name], thanks for your interest.');
      await page.getByTestId('template-body-preview').filter({ hasText: '[First Name]' }).waitFor();
      await page.getByTestId('template-save').click();
      const row = page.locator(`[data-testid="template-row"][data-name="${templateName}"]`);
      await row.waitFor();
      await row.locator('[data-testid="template-status"][data-status="APPROVED"]').waitFor(SLOW);

      // 2. A predefined text "Greeting" for Leads.
      await page.getByTestId('nav-predefined-texts').click();
      await page.waitForURL(/\/settings\/predefined-texts$/);
      await page.getByTestId('new-predefined').click();
      await page.getByTestId('predefined-name').fill('Greeting');
      await pickOption(page, 'predefined-module', 'Leads');
      await page.getByTestId('predefined-text').fill('Hallo $[Leads.First Name]!');
      await page.getByTestId('predefined-save').click();
      await page.locator('[data-testid="predefined-row"][data-name="Greeting"]').first().waitFor();

      // 3. A seeded lead with a mobile number that has no conversation yet.
      await page.getByTestId('nav-leads').click();
      await page.getByTestId('records-table').waitFor();
      const found = await gqlInPage(
        page,
        `query {
          records(module: "Leads", first: 200) { edges { node { id values } } }
          conversations(first: 500) { edges { node { record { id } } } }
        }`,
      );
      assert.ok(!found.errors, JSON.stringify(found.errors));
      const talked = new Set(found.data.conversations.edges.map((e) => e.node.record?.id).filter(Boolean));
      const leads = found.data.records.edges.map((e) => e.node);
      const lastNames = leads.map((l) => l.values.Last_Name);
      const lead = leads.find(
        (l) =>
          typeof l.values.Mobile === 'string' &&
          l.values.Mobile.startsWith('+49') &&
          l.values.First_Name &&
          !talked.has(l.id) &&
          lastNames.filter((n) => n === l.values.Last_Name).length === 1,
      );
      assert.ok(lead, 'a seeded lead with a German mobile and no conversation');
      const firstName = lead.values.First_Name;
      const lastName = lead.values.Last_Name;

      await page.getByTestId('records-search').fill(lastName);
      const leadRow = page.getByTestId('record-row').filter({ hasText: lastName }).filter({ hasText: firstName });
      await leadRow.first().waitFor();
      await leadRow.first().click();
      await page.waitForURL(/\/leads\/[^/]+$/);
      await waitForText(page, 'record-title', lastName);

      // 4. Send the template from the record: preview with the lead's first name, then send.
      await page.getByTestId('send-template').click();
      await pickOption(page, 'template-select', templateName);
      const greeting = `Hello ${firstName}, thanks for your interest.`;
      await page.getByTestId('template-preview').filter({ hasText: greeting }).waitFor();
      await page.getByTestId('template-send').click();

      // The Messages tab opens; the message's ticks move on to READ without a reload.
      await page.getByTestId('record-messages').waitFor();
      await chatMessage(page, { direction: 'OUTBOUND', text: greeting }).waitFor();
      await chatMessage(page, { direction: 'OUTBOUND', status: 'READ', text: greeting }).waitFor(SLOW);
      // The customer never wrote: the window is closed and only a template can be sent.
      await page.locator('[data-testid="window-state"][data-open="false"]').waitFor();
      await page.getByTestId('composer-send-template').waitFor();
      assert.equal(await page.getByTestId('composer-input').count(), 0, 'no free-text composer while closed');

      // 5. The lead answers from the simulated phone (their mobile without "+").
      const phone = await context.newPage();
      const reply = `Ja, gerne! ${tag()}`;
      await phone.goto('/simulator');
      await phone.getByTestId('sim-wa-id').fill(lead.values.Mobile.replace(/^\+/, ''));
      // The phone's thread shows what the business sent (the template).
      await phone.locator('[data-testid="sim-message"][data-direction="out"]').first().waitFor();
      await customerWrites(phone, { waId: lead.values.Mobile.replace(/^\+/, ''), name: `${firstName} ${lastName}`, text: reply });
      await phone.close();

      // 6. Back on the lead's Messages tab: the answer arrives live and opens the window.
      await chatMessage(page, { direction: 'INBOUND', text: reply }).waitFor();
      await page.locator('[data-testid="window-state"][data-open="true"]').waitFor();
      await pickOption(page, 'predefined-select', 'Greeting');
      // The predefined text, merge field filled in, lands in the reply box (editable).
      await page.waitForFunction(
        (want) => document.querySelector('[data-testid="composer-input"]')?.value === want,
        `Hallo ${firstName}!`,
      );
      await page.getByTestId('composer-send').click();
      await chatMessage(page, { direction: 'OUTBOUND', text: `Hallo ${firstName}!` }).waitFor();

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'messaging-b-failure');
      throw err;
    } finally {
      await context.close();
    }
  });
});
