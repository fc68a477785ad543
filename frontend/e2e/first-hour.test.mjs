// The first hour, as a new user tries it: in English and German, at 1440×900 and 390×844.
//   (a) per language and size: the main pages (login, Leads list, a lead, Messages with its
//       conversations and all messages, Signals, Settings, the simulated phone) have no serious
//       or critical axe-core findings, nothing reaches past the right edge, the header's
//       language switch is wholly on screen, the Leads list shows a phone column; on a phone
//       the conversation replaces the list and a back button returns to it;
//   (b) per language and size: a customer writes; the bell rings; "Reply" in the bell item
//       sends a WhatsApp reply into the conversation (toast, message in the chat), the
//       reply marks the item read and the count stays right after a reload; opening another
//       notification marks it read and opens its conversation; a signal's quick reply sends
//       too; once the window has closed the quick reply says why and links to the template;
//   (c) English, desktop: a predefined text fills the reply box (editable, merge fields
//       filled in); a saved view survives a reload; "Send email" says why it is off.
// Every step leaves a screenshot in e2e/screenshots/. Waits observe the page; no sleeps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import {
  VARIANTS,
  accessibilityProblems,
  chooseLanguage,
  customerWrites,
  digits,
  gqlInPage,
  launchBrowser,
  newJourneyPage,
  pickOption,
  screenshot,
  sidewaysOverflow,
  signInAs,
  tabTo,
  tag,
} from './browser.mjs';

const T = {
  en: { phone: 'Mobile', allConversations: 'All conversations', closed: 'window is closed', sendTemplate: 'WhatsApp template' },
  de: { phone: 'Mobil', allConversations: 'Alle Unterhaltungen', closed: 'Fenster ist geschlossen', sendTemplate: 'Vorlage senden' },
};

/**
 * Checks the page as it is (screenshot first): what axe-core finds serious or critical, and
 * whether anything reaches past the right edge, goes into `found` (asserted empty at the end,
 * so one run lists every page's problems).
 */
async function pageIsSound(page, step, name, found) {
  await step(name);
  for (const p of await accessibilityProblems(page)) found.push(`${name}: ${p}`);
  for (const o of await sidewaysOverflow(page)) found.push(`${name}: past the right edge: ${o}`);
}

/** Opens a page through the navigation (the burger first on a phone). */
async function navigate(page, viewport, testId) {
  if (viewport === 'phone') await page.getByTestId('nav-toggle').click();
  await page.getByTestId(testId).click();
}

async function alertsOn(page) {
  const r = await gqlInPage(page, 'mutation { setMessageAlerts(enabled: true) { messageAlerts } }');
  assert.equal(r.data?.setMessageAlerts?.messageAlerts, true, JSON.stringify(r));
}

/** A customer writes (through the simulator's API, as the phone page does). */
async function customerSays(page, waId, name, text) {
  const r = await gqlInPage(
    page,
    'mutation($i: SimulateMessageInput!) { simulateCustomerMessage(input: $i) }',
    { i: { waId, name, type: 'text', text } },
  );
  assert.ok(r.data?.simulateCustomerMessage, JSON.stringify(r));
}

const unreadOnServer = async (page) =>
  (await gqlInPage(page, 'query { notifications(first: 1) { unreadCount } }')).data.notifications.unreadCount;

const bellCount = async (page) => Number((await page.getByTestId('bell-count').getAttribute('data-count')) ?? '0');

describe('the first hour', { timeout: 900_000 }, () => {
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

  for (const { lang, viewport } of VARIANTS) {
    test(`main pages are accessible and fit (${lang}, ${viewport})`, async () => {
      const { context, page, consoleErrors, step } = await newJourneyPage(browser, server.baseUrl, {
        journey: 'pages',
        lang,
        viewport,
      });
      const width = viewport === 'phone' ? 390 : 1440;
      const found = [];
      try {
        await page.goto('/login');
        await page.getByTestId('login-submit').waitFor();
        await pageIsSound(page, step, 'login', found);

        await signInAs(page, server.adminEmail, server.adminPassword, lang);
        // Someone has written, so Messages and Signals have something to show.
        const greta = `Greta Page${tag()}`;
        await customerSays(page, `49154${digits(8)}`, greta, 'Guten Tag, ist das Angebot noch gültig?');

        // The header's language switch is wholly on screen.
        for (const l of ['en', 'de']) {
          const box = await page.getByTestId(`lang-${l}`).boundingBox();
          assert.ok(box && box.x >= 0 && box.x + box.width <= width, `lang-${l} is clipped: ${JSON.stringify(box)}`);
        }

        // Leads: a phone column, then a lead's page (sign-in lands on the start page).
        await page.getByTestId('home-page').waitFor();
        await page.goto('/leads');
        await page.locator('[data-testid="record-row"]').first().waitFor();
        await page.locator('[data-testid="records-table"] thead th').filter({ hasText: T[lang].phone }).waitFor();
        await pageIsSound(page, step, 'leads', found);
        // The "New" dialog's Save button is in view without scrolling (sticky footer).
        await page.getByTestId('new-record').click();
        const save = page.getByTestId('record-form-submit');
        await save.waitFor();
        const saveBox = await save.boundingBox();
        const height = viewport === 'phone' ? 844 : 900;
        assert.ok(saveBox && saveBox.y >= 0 && saveBox.y + saveBox.height <= height, `Save is below the fold: ${JSON.stringify(saveBox)}`);
        await pageIsSound(page, step, 'new-lead-dialog', found);
        await page.keyboard.press('Escape');
        await save.waitFor({ state: 'detached' });
        await page.locator('[data-testid="record-row"]').first().click();
        await page.getByTestId('record-title').waitFor();
        await pageIsSound(page, step, 'lead', found);

        // Messages: conversations; on a phone the open one replaces the list.
        await navigate(page, viewport, 'nav-messages');
        const item = page.getByTestId('conversation-item').filter({ hasText: greta });
        await item.waitFor();
        // Her lead has her name: said once in the list.
        assert.equal(await item.getByText(greta, { exact: true }).count(), 1, 'name shown once');
        await pageIsSound(page, step, 'conversations', found);
        await item.click();
        await page.getByTestId('conversation').waitFor();
        if (viewport === 'phone') {
          assert.equal(await page.getByTestId('conversation-list').count(), 0, 'the list gives way to the conversation');
          await page.getByTestId('conversation-back').filter({ hasText: T[lang].allConversations }).waitFor();
        } else {
          await page.getByTestId('conversation-list').waitFor();
        }
        await pageIsSound(page, step, 'conversation', found);
        if (viewport === 'phone') {
          await page.getByTestId('conversation-back').click();
          await page.getByTestId('conversation-list').waitFor();
          assert.equal(await page.getByTestId('conversation').count(), 0);
        }

        await page.getByTestId('messages-tab-all').click();
        await page.locator('[data-testid="messages-total"][data-loaded="true"]').waitFor();
        // Her name once here too; the record link just says "open record".
        const row = page.getByTestId('message-row').filter({ hasText: greta }).first();
        assert.equal(await row.getByText(greta, { exact: true }).count(), 1, 'name shown once in All messages');
        await pageIsSound(page, step, 'all-messages', found);

        await navigate(page, viewport, 'nav-signals');
        await page.getByTestId('signals').waitFor();
        await pageIsSound(page, step, 'signals', found);

        await navigate(page, viewport, 'nav-settings');
        await page.getByTestId('settings-tab-users').waitFor();
        await pageIsSound(page, step, 'settings', found);
        await page.getByTestId('settings-tab-whatsapp').click();
        await page.getByTestId('whatsapp-tab-templates').waitFor();
        await pageIsSound(page, step, 'settings-whatsapp', found);
        await page.getByTestId('whatsapp-tab-templates').click();
        await page.waitForURL(/\/templates$/);
        await pageIsSound(page, step, 'settings-templates', found);

        // A quote: a record page with line items.
        await page.goto('/m/Quotes');
        await page.getByTestId('records-table').waitFor();
        const quote = page.locator('[data-testid="record-row"]').first();
        if (await quote.count()) {
          await quote.click();
          await page.getByTestId('record-title').waitFor();
          await pageIsSound(page, step, 'quote', found);
        }

        await navigate(page, viewport, 'nav-simulator');
        await page.getByTestId('sim-phone').waitFor();
        await pageIsSound(page, step, 'simulator', found);

        assert.deepEqual(found, [], 'accessibility and layout problems');
        assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
      } catch (err) {
        await screenshot(page, `first-hour-pages-${lang}-${viewport}-failure`);
        throw err;
      } finally {
        await context.close();
      }
    });
  }

  for (const { lang, viewport } of VARIANTS) {
    test(`reply from the bell and from a signal (${lang}, ${viewport})`, async () => {
      const { context, page, consoleErrors, step } = await newJourneyPage(browser, server.baseUrl, {
        journey: 'notifications',
        lang,
        viewport,
      });
      const waId = `49152${digits(8)}`;
      const name = `Nora Bell${tag()}`;
      const question = `Haben Sie morgen Zeit? ${tag()}`;
      const other = `49153${digits(8)}`;
      const otherName = `Otto Open${tag()}`;
      try {
        await signInAs(page, server.adminEmail, server.adminPassword, lang);
        await alertsOn(page);
        await page.getByTestId('home-page').waitFor();
        const before = await bellCount(page);

        // Two customers write (from the simulated phone, in another tab).
        const phone = await context.newPage();
        await customerWrites(phone, { waId, name, text: question });
        await customerWrites(phone, { waId: other, name: otherName, text: `Hallo ${tag()}` });
        await page.waitForFunction(
          (n) => Number(document.querySelector('[data-testid="bell-count"]')?.getAttribute('data-count')) >= n + 2,
          before,
        );

        // Reply straight from the bell item.
        await page.getByTestId('bell').click();
        const bellItem = page.getByTestId('notification-item').filter({ hasText: question });
        await bellItem.waitFor();
        assert.equal(await bellItem.getAttribute('data-read'), 'false');
        await bellItem.getByTestId('notification-reply').click();
        const answer = `Ja, ab 10 Uhr ${tag()}`;
        await bellItem.getByTestId('quick-reply-input').fill(answer);
        await step('bell-quick-reply');
        await bellItem.getByTestId('quick-reply-send').click();
        await page.getByTestId('reply-sent-toast').waitFor();
        await page.locator(`[data-testid="notification-item"][data-read="true"]`).filter({ hasText: question }).waitFor();
        await step('bell-reply-sent');
        // The customer has the reply on their phone.
        await phone.getByTestId('sim-wa-id').fill(waId);
        await phone.locator('[data-testid="sim-message"][data-direction="out"]').filter({ hasText: answer }).waitFor();

        // Counts stay right after a reload: the bell shows what the server says.
        await page.reload();
        await page.getByTestId('bell').waitFor();
        const serverCount = await unreadOnServer(page);
        await page.locator(`[data-testid="bell-count"][data-count="${serverCount}"]`).waitFor({ state: 'attached' });

        // Opening the other notification marks it read and opens its conversation.
        await page.getByTestId('bell').click();
        const otherItem = page.getByTestId('notification-item').filter({ hasText: otherName });
        await otherItem.getByTestId('notification-open').click();
        await page.waitForURL(/\/messages\/[^/?]+$/);
        await page.getByTestId('conversation-name').filter({ hasText: otherName }).waitFor();
        await page.locator(`[data-testid="bell-count"][data-count="${serverCount - 1}"]`).waitFor({ state: 'attached' });
        assert.equal(await unreadOnServer(page), serverCount - 1);
        await step('notification-opened');

        // A signal's quick reply.
        await navigate(page, viewport, 'nav-signals');
        const signal = page.getByTestId('signal-row').filter({ hasText: otherName }).first();
        await signal.waitFor();
        // The customer's name is said once.
        assert.equal(await signal.getByText(otherName, { exact: true }).count(), 1, 'name shown once');
        await signal.getByTestId('signal-reply').click();
        const signalAnswer = `Gern geschehen ${tag()}`;
        await signal.getByTestId('quick-reply-input').fill(signalAnswer);
        await signal.getByTestId('quick-reply-send').click();
        await page.getByTestId('reply-sent-toast').waitFor();
        await step('signal-reply-sent');
        await phone.getByTestId('sim-wa-id').fill(other);
        await phone.locator('[data-testid="sim-message"][data-direction="out"]').filter({ hasText: signalAnswer }).waitFor();
        await phone.close();

        // A day later the window is closed: the quick reply says so and links to a template.
        const r = await gqlInPage(page, 'mutation { advanceClock(minutes: 1500) }');
        assert.ok(r.data?.advanceClock, JSON.stringify(r));
        await page.reload();
        const closedSignal = page.getByTestId('signal-row').filter({ hasText: otherName }).first();
        await closedSignal.getByTestId('signal-reply').click();
        await closedSignal.getByTestId('quick-reply-closed').filter({ hasText: T[lang].closed }).waitFor();
        await step('signal-window-closed');
        await closedSignal.getByTestId('quick-reply-template-link').click();
        await page.waitForURL(/\/messages\/[^/?]+\?template=1$/);
        await page.getByRole('dialog').filter({ hasText: T[lang].sendTemplate }).waitFor();
        await step('template-dialog');

        assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
      } catch (err) {
        await screenshot(page, `first-hour-notifications-${lang}-${viewport}-failure`);
        throw err;
      } finally {
        await context.close();
      }
    });
  }

  for (const { lang, viewport } of [VARIANTS[0], VARIANTS[3]]) {
    test(`keyboard only: sign in, open a lead, reply from the bell and in a conversation (${lang}, ${viewport})`, async () => {
      const { context, page, consoleErrors, step } = await newJourneyPage(browser, server.baseUrl, {
        journey: 'keyboard',
        lang,
        viewport,
      });
      try {
        // Sign in with the keyboard.
        await page.goto('/login');
        await page.getByTestId('login-submit').waitFor();
        await tabTo(page, 'login-email');
        await page.keyboard.type(server.adminEmail);
        await tabTo(page, 'login-password');
        await page.keyboard.type(server.adminPassword);
        await page.keyboard.press('Enter');
        await page.getByTestId('home-page').waitFor();
        await chooseLanguage(page, lang);
        const waId = `49155${digits(8)}`;
        const name = `Karl Keys${tag()}`;
        await customerSays(page, waId, name, `Tastatur ${tag()}`);

        // The first Tab stop skips to the content; from there to a lead's link, and open it.
        await page.goto('/leads');
        await page.locator('[data-testid="record-link"]').first().waitFor();
        await tabTo(page, 'skip-link', { max: 1 });
        const skip = await page.getByTestId('skip-link').boundingBox();
        assert.ok(skip && skip.x >= 0, 'the skip link shows when focused');
        await step('skip-link');
        await page.keyboard.press('Enter');
        await tabTo(page, 'record-link');
        await step('lead-link-focused');
        await page.keyboard.press('Enter');
        await page.getByTestId('record-title').waitFor();

        // The bell: open it, move to the newest message's Reply, answer, send, close.
        await page.reload();
        await page.getByTestId('record-title').waitFor();
        await tabTo(page, 'bell');
        await page.keyboard.press('Enter');
        const item = page.getByTestId('notification-item').filter({ hasText: name });
        await item.waitFor();
        await tabTo(page, 'notification-reply');
        assert.equal(
          await page.evaluate(() => document.activeElement?.closest('[data-testid="notification-item"]')?.textContent ?? ''),
          await item.textContent(),
          'the first Reply is the newest notification\'s',
        );
        await page.keyboard.press('Enter');
        await page.locator('[data-testid="quick-reply-input"]:focus').waitFor();
        await page.keyboard.type(`Danke ${tag()}`);
        await step('bell-reply-typed');
        await page.keyboard.press('Enter');
        await page.getByTestId('reply-sent-toast').waitFor();
        await page.keyboard.press('Escape');
        await page.getByTestId('bell-dropdown').waitFor({ state: 'detached' });
        await page.locator('[data-testid="bell"]:focus').waitFor();

        // Messages: to the conversation, open it, type in the reply box, send.
        await page.goto('/messages');
        await page.getByTestId('conversation-item').filter({ hasText: name }).waitFor();
        await tabTo(page, 'conversation-item');
        await page.keyboard.press('Enter');
        await page.getByTestId('conversation').waitFor();
        await tabTo(page, 'composer-input');
        const last = `Bis morgen ${tag()}`;
        await page.keyboard.type(last);
        await step('composer-typed');
        await page.keyboard.press('Enter');
        await page.getByTestId('reply-sent-toast').waitFor();
        await page
          .locator('[data-testid="chat-message"][data-direction="OUTBOUND"]')
          .filter({ hasText: last })
          .waitFor();
        await step('composer-sent');

        assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
      } catch (err) {
        await screenshot(page, `first-hour-keyboard-${lang}-${viewport}-failure`);
        throw err;
      } finally {
        await context.close();
      }
    });
  }

  test('predefined text fills the reply box; a saved view survives a reload; Send email says why it is off (en, desktop)', async () => {
    const { context, page, consoleErrors, step } = await newJourneyPage(browser, server.baseUrl, {
      journey: 'details',
      lang: 'en',
      viewport: 'desktop',
    });
    try {
      await signInAs(page, server.adminEmail, server.adminPassword, 'en');

      // A lead without an email address, whose mobile writes in.
      const first = `Pia${tag()}`;
      const mobile = `+49157${digits(8)}`;
      const created = await gqlInPage(
        page,
        'mutation($v: JSON!) { createRecord(module: "Leads", values: $v) { id } }',
        { v: { First_Name: first, Last_Name: 'Predefined', Mobile: mobile } },
      );
      const leadId = created.data?.createRecord?.id;
      assert.ok(leadId, JSON.stringify(created));
      const text = await gqlInPage(
        page,
        'mutation($i: CreatePredefinedTextInput!) { createPredefinedText(input: $i) { id } }',
        { i: { name: `Hello ${first}`, module: 'Leads', text: 'Hallo $[Leads.First Name], danke!' } },
      );
      assert.ok(text.data?.createPredefinedText?.id, JSON.stringify(text));
      const phone = await context.newPage();
      await customerWrites(phone, { waId: mobile.slice(1), name: `${first} Predefined`, text: 'Hallo?' });
      await phone.close();

      await page.goto(`/leads/${leadId}`);
      await page.getByTestId('record-title').waitFor();
      // "Send email" is off and says why (tooltip on hover and focus).
      assert.equal(await page.getByTestId('send-email').isDisabled(), true);
      await page.getByTestId('send-email-wrapper').focus();
      await page.getByRole('tooltip').filter({ hasText: 'no email address' }).waitFor();
      await step('send-email-why');

      await page.getByTestId('tab-messages').click();
      await page.locator('[data-testid="window-state"][data-open="true"]').waitFor();
      await pickOption(page, 'predefined-select', `Hello ${first}`);
      const box = page.getByTestId('composer-input');
      await page.waitForFunction(
        (want) => document.querySelector('[data-testid="composer-input"]')?.value === want,
        `Hallo ${first}, danke!`,
      );
      await box.press('End');
      await box.pressSequentially(' Bis bald.');
      await step('predefined-filled');
      await page.getByTestId('composer-send').click();
      await page.getByTestId('reply-sent-toast').waitFor();
      await page
        .locator('[data-testid="chat-message"][data-direction="OUTBOUND"]')
        .filter({ hasText: `Hallo ${first}, danke! Bis bald.` })
        .waitFor();
      await step('predefined-sent');

      // A saved view is in the address and survives a reload.
      await page.goto('/messages?tab=all');
      await pickOption(page, 'view-picker', 'Unreplied');
      await page.waitForURL(/[?&]view=/);
      await page.locator('[data-testid="filters-count"]').filter({ hasText: '2' }).waitFor();
      await page.reload();
      await page.locator('[data-testid="filters-count"]').filter({ hasText: '2' }).waitFor();
      assert.equal(await page.getByTestId('view-picker').inputValue(), 'Unreplied');
      await step('view-after-reload');

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'first-hour-details-failure');
      throw err;
    } finally {
      await context.close();
    }
  });
});
