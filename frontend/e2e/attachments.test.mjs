// Attachments in the browser (F21–F23), against `parley demo` and its simulated phone: a customer
// writes; the user attaches an image (file picker) and the PDF of a quote related to the lead
// (CRM document dialog), sends them with a caption; the simulated phone shows the image and the
// PDF; the conversation's Attachments tab lists both with downloads; the chat is scrolled to
// the newest message. Every wait observes the page; no sleeps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { customerWrites, digits, gqlInPage, launchBrowser, newPage, screenshot, signIn, tag } from './browser.mjs';

const SLOW = { timeout: 60_000 };

// A real 1×1 PNG, so the browser can show the previews.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('attachments', { timeout: 300_000 }, () => {
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

  test('a PDF quote and an image reach the simulated phone and the Attachments tab', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    const waId = `49152${digits(8)}`;
    const last = `Anhang${tag()}`;
    const name = `Erika ${last}`;
    const caption = `Hier Foto und Angebot ${tag()}`;
    try {
      await signIn(page, server.adminEmail, server.adminPassword);
      await page.getByTestId('nav-simulator').click();
      await page.waitForURL(/\/simulator$/);
      await customerWrites(page, { waId, name, text: 'Schicken Sie mir bitte ein Angebot?' });

      // Open the conversation; the sender became a lead.
      await page.getByTestId('nav-messages').click();
      const item = page.getByTestId('conversation-item').filter({ hasText: name });
      await item.first().click();
      await page.waitForURL(/\/messages\/[^/]+$/);
      await page.getByTestId('composer-input').waitFor();
      const convId = page.url().split('/').pop();

      // A quote related to the lead (made through the API, as the record page would).
      const conv = await gqlInPage(page, 'query($id:ID!){ conversation(id:$id){ record { id } } }', { id: convId });
      const leadId = conv.data.conversation.record.id;
      const subject = `Angebot Fenster ${tag()}`;
      const q = await gqlInPage(
        page,
        'mutation($v:JSON!){ createRecord(module:"Quotes", values:$v){ id } }',
        { v: { Subject: subject, Lead_Name: leadId } },
      );
      assert.ok(q.data?.createRecord?.id, JSON.stringify(q));

      // The image from the computer (file picker), previewed in the composer.
      await page.getByTestId('composer-file-input').setInputFiles({
        name: 'schaden.png',
        mimeType: 'image/png',
        buffer: PNG,
      });
      await page.locator('[data-testid="composer-attachment"][data-state="ready"]').first().waitFor();

      // The quote's PDF, generated on the spot from the CRM document dialog.
      await page.getByTestId('composer-attach-document').click();
      const picker = page.getByTestId('document-picker');
      const rec = picker.getByTestId('attachable-record').filter({ hasText: subject });
      await rec.waitFor();
      await rec.getByTestId('generate-and-attach').click();
      await page.locator('[data-testid="composer-attachment"][data-state="ready"]').nth(1).waitFor();
      assert.equal(await page.getByTestId('composer-attachment').count(), 2);

      await page.getByTestId('composer-input').fill(caption);
      await page.getByTestId('composer-send').click();
      await page.getByTestId('composer-attachments').waitFor({ state: 'detached' });

      // Both go out; the chat shows them, the image with the caption.
      const sentImage = page
        .locator('[data-testid="chat-message"][data-direction="OUTBOUND"][data-type="image"]')
        .filter({ hasText: caption });
      await sentImage.waitFor();
      await page
        .locator('[data-testid="chat-message"][data-direction="OUTBOUND"][data-type="document"] [data-testid="attachment"]')
        .first()
        .waitFor();
      await page
        .locator('[data-testid="chat-message"][data-type="document"] [data-testid="message-ticks"]:not([data-status="QUEUED"])')
        .first()
        .waitFor(SLOW);

      // The chat is scrolled fully to the newest message.
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-testid="chat"]');
        return !!el && el.scrollHeight - el.scrollTop - el.clientHeight < 2;
      });

      // The Attachments tab lists both, with downloads.
      await page.getByTestId('conv-tab-attachments').click();
      const items = page.getByTestId('attachment-item');
      await items.nth(1).waitFor();
      assert.equal(await items.count(), 2);
      await page.locator('[data-testid="attachment-item"][data-file-name="schaden.png"]').waitFor();
      const pdfRow = page.locator('[data-testid="attachment-item"][data-file-name$=".pdf"]');
      await pdfRow.waitFor();
      const href = await pdfRow.getByTestId('attachment-download').getAttribute('href');
      const download = await page.evaluate(async (url) => {
        const res = await fetch(url, { credentials: 'same-origin' });
        return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition') };
      }, href);
      assert.equal(download.status, 200);
      assert.equal(download.type, 'application/pdf');
      assert.match(download.disposition, /^attachment;/);

      // The simulated phone shows the image (previewed) and the PDF.
      const phone = await context.newPage();
      await phone.goto('/simulator');
      await phone.getByTestId('sim-wa-id').fill(waId);
      await phone
        .locator('[data-testid="sim-message"][data-direction="out"][data-type="image"] [data-testid="sim-message-image"]')
        .waitFor(SLOW);
      await phone
        .locator('[data-testid="sim-message"][data-direction="out"][data-type="image"]')
        .filter({ hasText: caption })
        .waitFor();
      await phone
        .locator('[data-testid="sim-message"][data-direction="out"][data-type="document"] [data-testid="sim-message-file"]')
        .filter({ hasText: '.pdf' })
        .waitFor();
      await phone.close();

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'attachments-failure');
      throw err;
    } finally {
      await context.close();
    }
  });
});
