// The first hour with the demo (issue 18), in a real browser, English and German, desktop
// (1440×900) and phone (390×844) size, against a fresh `parley demo`:
//   - the start page after sign-in answers "what needs me now", and its "what to try" panel
//     leads from sign-in to a reply the customer reads on the simulated phone and answers,
//     with no dead end; hiding the panel is remembered;
//   - templates: the seeded ones are approved, a rejection is explained with a fix, and the
//     form warns before submitting what the review would reject;
//   - WhatsApp setup: the demo PIN registers the second number, a profile is edited, switched
//     off (its conversations say WhatsApp is off and offer no reply box) and on again.
// Screenshots go to e2e/screenshots/ (kept by CI). Every wait observes the page; no sleeps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser, pickOption, screenshot, signIn, tag } from './browser.mjs';
import { PHONE, newSizedPage, shot } from './shots.mjs';

describe('the first hour', { timeout: 300_000 }, () => {
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

  test('the "what to try" panel: from sign-in to a reply on the simulated phone and back', async () => {
    const { context, page, consoleErrors } = await newSizedPage(browser, server.baseUrl);
    const reply = `Ja, das Business Paket passt für zwei Filialen (${tag()}).`;
    const answer = `Super, danke! (${tag()})`;
    try {
      await signIn(page, server.adminEmail, server.adminPassword);
      // The start page, with what needs the admin now.
      await page.getByTestId('home-page').waitFor();
      assert.equal(new URL(page.url()).pathname, '/');
      await page.getByTestId('welcome-panel').waitFor();
      await page.getByTestId('home-unanswered-item').first().waitFor();
      assert.ok((await page.getByTestId('home-unanswered-item').count()) >= 3);
      await page.getByTestId('home-closing-item').first().waitFor();
      await page.getByTestId('home-signal-item').first().waitFor();
      await page.getByTestId('home-rejected').filter({ hasText: 'rabatt_aktion' }).waitFor();
      await page.getByTestId('home-balance').filter({ hasText: /\d/ }).waitFor();
      await shot(page, 'home', 'en');

      // Step 1: a waiting customer's conversation, window open: reply.
      await page.getByTestId('welcome-step-reply').click();
      await page.waitForURL(/\/messages\/[^/]+$/);
      await page.getByTestId('window-state').filter({ hasText: /open/i }).waitFor();
      await page.getByTestId('composer-input').fill(reply);
      await page.getByTestId('composer-send').click();
      await page.locator('[data-testid="chat-message"][data-direction="OUTBOUND"]').filter({ hasText: reply }).waitFor();
      await shot(page, 'what-to-try-reply', 'en');

      // The customer's side: the reply arrives on the simulated phone; the customer answers.
      await page.getByTestId('conversation-open-phone').click();
      await page.waitForURL(/\/simulator\?/);
      await page.locator('[data-testid="sim-message"][data-direction="out"]').filter({ hasText: reply }).waitFor();
      await page.getByTestId('sim-text').fill(answer);
      await page.getByTestId('sim-send').click();
      await page.locator('[data-testid="sim-message"][data-direction="in"]').filter({ hasText: answer }).waitFor();
      await shot(page, 'what-to-try-phone', 'en');

      // Back in Parley the answer is in the conversation.
      await page.goBack();
      await page.waitForURL(/\/messages\/[^/]+$/);
      await page.locator('[data-testid="chat-message"][data-direction="INBOUND"]').filter({ hasText: answer }).waitFor();

      // Step 2: a closed window offers a template, and approved templates are there to pick.
      await page.getByTestId('nav-home').click();
      await page.getByTestId('welcome-step-template').click();
      await page.waitForURL(/\/messages\/[^/]+$/);
      await page.getByTestId('window-closed').waitFor();
      await page.getByTestId('composer-send-template').click();
      await pickOption(page, 'template-select', 'quote_ready (en)');
      await page.getByTestId('template-preview-body').filter({ hasText: 'your quote is ready' }).waitFor();
      await page.getByTestId('template-send').click();
      await page
        .locator('[data-testid="chat-message"][data-direction="OUTBOUND"]')
        .filter({ hasText: 'your quote is ready' })
        .waitFor();

      // Hiding the panel is remembered across a reload.
      await page.getByTestId('nav-home').click();
      await page.getByTestId('welcome-dismiss').click();
      await page.getByTestId('welcome-panel').waitFor({ state: 'detached' });
      await page.reload();
      await page.getByTestId('home-page').waitFor();
      await page.getByTestId('welcome-show').waitFor();
      assert.equal(await page.getByTestId('welcome-panel').count(), 0);
      assert.deepEqual(consoleErrors, []);
    } catch (err) {
      await screenshot(page, 'first-hour-what-to-try');
      throw err;
    } finally {
      await context.close();
    }
  });

  test('templates (German): a rejection explained, the form warns before submitting', async () => {
    const { context, page, consoleErrors } = await newSizedPage(browser, server.baseUrl, { locale: 'de-DE' });
    try {
      await signIn(page, server.adminEmail, server.adminPassword);
      await page.getByTestId('lang-de').click();
      await page.getByTestId('home-page').waitFor();
      await page.getByTestId('welcome-show').or(page.getByTestId('welcome-panel')).first().waitFor();
      await shot(page, 'home', 'de');
      await page.goto('/settings/whatsapp/templates');
      const rejected = page.locator('[data-testid="template-row"][data-name="rabatt_aktion"]');
      await rejected.getByTestId('template-rejection').filter({ hasText: 'Warum' }).waitFor();
      await rejected.getByTestId('template-rejection-fix').filter({ hasText: 'Marketing' }).waitFor();
      for (const name of ['angebot_bereit', 'quote_ready', 'fruehjahrs_workshops', 'spring_workshops']) {
        await page
          .locator(`[data-testid="template-row"][data-name="${name}"] [data-testid="template-status"][data-status="APPROVED"]`)
          .waitFor();
      }
      await shot(page, 'templates', 'de');

      await page.getByTestId('new-template').click();
      const body = page.getByTestId('template-body');
      await body.fill('$[Leads.First Name]$[Leads.Last Name], nur heute 20 % Rabatt auf alles');
      for (const code of ['STARTS_WITH_FIELD', 'ADJACENT_FIELDS', 'PROMOTIONAL']) {
        await page.locator(`[data-testid="template-warning"][data-code="${code}"]`).waitFor();
      }
      await shot(page, 'template-warnings', 'de');
      // The ordinary German wording of a first template raises no warning.
      await body.fill('Hallo $[Leads.First Name], Ihr Angebot ist fertig. Bei Fragen antworten Sie einfach.');
      await page.getByTestId('template-warnings').waitFor({ state: 'detached' });
      assert.deepEqual(consoleErrors, []);
    } catch (err) {
      await screenshot(page, 'first-hour-templates');
      throw err;
    } finally {
      await context.close();
    }
  });

  test('WhatsApp setup: demo PIN, edit, switch off (conversations say so) and on', async () => {
    const { context, page, consoleErrors } = await newSizedPage(browser, server.baseUrl);
    const nickname = `Parley Berlin ${tag()}`;
    try {
      await signIn(page, server.adminEmail, server.adminPassword);
      await page.goto('/settings/whatsapp');
      // Our own number names its profile; the second verified number registers with the demo PIN.
      await page.getByTestId('wa-number-reason').filter({ hasText: 'Parley Demo' }).waitFor();
      const sales = page.getByTestId('wa-number-row').filter({ hasText: '901822' });
      await sales.getByTestId('wa-register').click();
      const pin = page.getByTestId('wa-demo-pin');
      await pin.waitFor();
      const demoPin = (await pin.textContent()).match(/\d{6}/)[0];
      await page.getByTestId('wa-register-pin').fill(demoPin);
      await page.getByTestId('wa-register-submit').click();
      await sales.getByTestId('wa-number-registered').and(page.locator('[data-value="true"]')).waitFor();
      await shot(page, 'whatsapp-setup', 'en');

      // Edit the demo profile's name.
      const row = page.getByTestId('wa-profile-row').filter({ hasText: 'Parley Demo' });
      await row.getByTestId('wa-profile-edit').click();
      await page.getByTestId('wa-profile-nickname').fill(nickname);
      await page.getByTestId('wa-profile-save').click();
      const edited = page.getByTestId('wa-profile-row').filter({ hasText: nickname });
      await edited.waitFor();

      // Switch it off: a conversation says WhatsApp is off and offers no reply box.
      await edited.getByTestId('wa-profile-off').click();
      await page.getByTestId('wa-profile-off-confirm').click();
      await edited.getByTestId('wa-profile-state').and(page.locator('[data-active="false"]')).waitFor();
      await page.getByTestId('nav-messages').click();
      await page.getByTestId('conversation-item').first().click();
      await page.getByTestId('channel-off').waitFor();
      await page.getByTestId('channel-off-hint').waitFor();
      assert.equal(await page.getByTestId('composer').count(), 0);
      assert.equal(await page.getByTestId('window-state').count(), 0);
      await shot(page, 'channel-off', 'en');

      // And on again: the reply box is back where the window is open.
      await page.getByTestId('channel-off-settings').click();
      await page.waitForURL(/\/settings\/whatsapp$/);
      await page.getByTestId('wa-profile-row').filter({ hasText: nickname }).getByTestId('wa-profile-on').click();
      await page
        .getByTestId('wa-profile-row')
        .filter({ hasText: nickname })
        .getByTestId('wa-profile-state')
        .and(page.locator('[data-active="true"]'))
        .waitFor();
      assert.deepEqual(consoleErrors, []);
    } catch (err) {
      await screenshot(page, 'first-hour-setup');
      throw err;
    } finally {
      await context.close();
    }
  });

  for (const locale of ['en', 'de']) {
    test(`the start page at phone size (${locale})`, async () => {
      const { context, page, consoleErrors } = await newSizedPage(browser, server.baseUrl, {
        locale: locale === 'de' ? 'de-DE' : 'en-US',
        viewport: PHONE,
      });
      try {
        await signIn(page, server.adminEmail, server.adminPassword);
        await page.getByTestId(`lang-${locale}`).click();
        await page.getByTestId('home-page').waitFor();
        await page.getByTestId('home-unanswered-item').first().waitFor();
        // The sections stack and fit the screen's width.
        const box = await page.getByTestId('home-unanswered').boundingBox();
        assert.ok(box && box.width <= PHONE.width, `unanswered section is ${box?.width}px wide`);
        await shot(page, 'home', locale);
        // An item leads to its conversation.
        await page.getByTestId('home-unanswered-item').first().click();
        await page.waitForURL(/\/messages\/[^/]+$/);
        await page.getByTestId('conversation').waitFor();
        await shot(page, 'home-to-conversation', locale);
        assert.deepEqual(consoleErrors, []);
      } catch (err) {
        await screenshot(page, `first-hour-phone-${locale}`);
        throw err;
      } finally {
        await context.close();
      }
    });
  }
});
