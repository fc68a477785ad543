// (d) The Messages module and Signals in the browser, against `parley demo`:
//   (a) with "All messages" open, a customer writes from the simulated phone (another page): the
//       message appears at the top of the table without a reload and the bell's count rises;
//       the view picker offers the demo's shared "Unreplied" view, which sets its filters; a
//       search for a word of the message shows its snippet with the word in <mark>; on Signals,
//       "Create task" on that message puts a follow-up task on the sender's record;
//   (b) a filter saved as a view of one's own is selected, then deleted.
// Every wait observes something in the page (Playwright's auto-waiting locators); no sleeps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { customerWrites, digits, gqlInPage, launchBrowser, newPage, pickOption, screenshot, signIn, tag } from './browser.mjs';

/** Opens Messages → All messages and waits for the first page of the table. */
async function openAllMessages(page) {
  await page.getByTestId('nav-messages').click();
  await page.getByTestId('messages-tab-all').click();
  await page.waitForURL(/\/messages\?tab=all$/);
  await page.locator('[data-testid="messages-total"][data-loaded="true"]').waitFor();
}

describe('messages module and signals', { timeout: 300_000 }, () => {
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

  test('a new message arrives live, rings the bell, is found by search and becomes a task', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    const waId = `49151${digits(8)}`;
    const name = `Jonas Signal${tag()}`;
    // One word nobody else wrote: the search must find only this message.
    const word = `kolibri${tag()}`;
    const text = `Bitte rufen Sie mich wegen ${word} zurück`;
    try {
      await signIn(page, server.adminEmail, server.adminPassword);

      // Message alerts on (user menu), so the customer's message rings this user's bell.
      await page.getByTestId('user-menu').click();
      const toggle = page.getByTestId('alerts-toggle');
      await toggle.waitFor();
      if ((await toggle.getAttribute('aria-checked')) !== 'true') {
        await toggle.click();
        await page.locator('[data-testid="alerts-toggle"][aria-checked="true"]').waitFor();
      }
      await page.keyboard.press('Escape');
      const me = await gqlInPage(page, 'query { me { messageAlerts } }');
      assert.equal(me.data?.me?.messageAlerts, true, JSON.stringify(me));

      await openAllMessages(page);
      await page.getByTestId('messages-table').waitFor();
      const bellBefore = Number((await page.getByTestId('bell-count').getAttribute('data-count')) ?? '0');

      // The customer writes from the simulated phone in a second page; this one stays as it is.
      const phone = await context.newPage();
      await customerWrites(phone, { waId, name, text });
      await phone.close();

      // The message is the table's first row, without a reload.
      const firstRow = page.locator('[data-testid="message-row"]').first();
      await firstRow.filter({ hasText: word }).waitFor();
      assert.equal(await firstRow.getAttribute('data-direction'), 'INBOUND');
      await firstRow.getByTestId('message-conversation-link').filter({ hasText: name }).waitFor();
      // The bell's unread count went up.
      await page.waitForFunction(
        (n) => Number(document.querySelector('[data-testid="bell-count"]')?.getAttribute('data-count')) > n,
        bellBefore,
      );

      // The demo's shared views are offered; "Unreplied" sets direction and "not replied within".
      await pickOption(page, 'view-picker', 'Unreplied');
      await page.locator('[data-testid="filters-count"]').filter({ hasText: '2' }).waitFor();
      await page.getByTestId('filters-toggle').click();
      const direction = page.getByTestId('filter-direction');
      await direction.waitFor();
      assert.equal(await direction.inputValue(), 'Incoming');
      await pickOption(page, 'view-picker', 'All messages');
      await page.getByTestId('filters-count').waitFor({ state: 'detached' });

      // Searching the word finds just this message, with the word marked in its snippet.
      await page.getByTestId('message-search').fill(word);
      await page.locator('[data-testid="messages-total"][data-count="1"]').waitFor();
      const hit = page.getByTestId('message-row').filter({ hasText: word });
      await hit.locator('[data-testid="snippet"] mark').filter({ hasText: word }).first().waitFor();

      // Signals: the message is there; "Create task" makes a follow-up on the sender's record.
      await page.getByTestId('nav-signals').click();
      await page.waitForURL(/\/signals$/);
      const signal = page.getByTestId('signal-row').filter({ hasText: word }).first();
      await signal.waitFor();
      await signal.getByTestId('signal-create-task').click();
      const subjectInput = page.getByTestId('activity-subject');
      await subjectInput.waitFor();
      assert.equal(await subjectInput.inputValue(), `Follow up: ${name}`);
      const subject = `Follow up: ${name} (${tag()})`;
      await subjectInput.fill(subject);
      await page.getByTestId('activity-save').click();
      await page.getByTestId('activity-toast').waitFor();

      // The toast links to the record, where the task is listed among its activities.
      await page.getByTestId('activity-toast-link').click();
      await page.waitForURL(/\/leads\/[^/?]+\?tab=activities$/);
      await page.getByTestId('activity-row').filter({ hasText: subject }).waitFor();

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'signals-a-failure');
      throw err;
    } finally {
      await context.close();
    }
  });

  test('a filter saved as my own view is selected, then deleted', async () => {
    const { context, page, consoleErrors } = await newPage(browser, server.baseUrl);
    const viewName = `Outgoing ${tag()}`;
    try {
      await signIn(page, server.adminEmail, server.adminPassword);
      await openAllMessages(page);

      await page.getByTestId('filters-toggle').click();
      await pickOption(page, 'filter-direction', 'Outgoing');
      await page.locator('[data-testid="filters-count"]').filter({ hasText: '1' }).waitFor();

      await page.getByTestId('save-view').click();
      await page.getByTestId('save-view-name').fill(viewName);
      await page.getByTestId('save-view-submit').click();
      // A view of my own is selected: it can be deleted, and the picker shows its name.
      await page.getByTestId('delete-view').waitFor();
      assert.equal(await page.getByTestId('view-picker').inputValue(), viewName);
      const views = await gqlInPage(page, 'query { messageViews { name mine filter } }');
      const saved = views.data?.messageViews.find((v) => v.name === viewName);
      assert.ok(saved?.mine, JSON.stringify(views));
      assert.equal(saved.filter.direction, 'OUTBOUND');

      await page.getByTestId('delete-view').click();
      await page.getByTestId('delete-view-confirm').click();
      await page.getByTestId('delete-view').waitFor({ state: 'detached' });
      await page.getByTestId('view-picker').click();
      await page.getByRole('option', { name: 'Unreplied' }).waitFor();
      assert.equal(await page.getByRole('option', { name: viewName }).count(), 0, 'the deleted view is gone');
      await page.keyboard.press('Escape');

      assert.deepEqual(consoleErrors, [], 'no uncaught errors in the page');
    } catch (err) {
      await screenshot(page, 'signals-b-failure');
      throw err;
    } finally {
      await context.close();
    }
  });
});
