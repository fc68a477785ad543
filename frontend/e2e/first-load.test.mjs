// The login page's first load stays within its budget (issue 17: 170 KB on the wire), counted
// as Chromium received it from the real server: every file brotli-compressed, only what the
// sign-in form needs. A size check, not a timing one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser } from './browser.mjs';
import { measureFirstLoad } from './first-load.mjs';

const BUDGET = 170_000;

describe('first load', { timeout: 120_000 }, () => {
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

  for (const locale of ['en-US', 'de-DE']) {
    test(`the login page (${locale}) loads in at most ${BUDGET} bytes, brotli-compressed`, async () => {
      const m = await measureFirstLoad(browser, server.baseUrl, { locale });
      const files = m.responses.filter((r) => r.method === 'GET');
      for (const r of files) {
        assert.equal(r.status, 200, r.path);
        assert.equal(r.encoding, 'br', `${r.path} is sent brotli-compressed`);
      }
      // One script, one stylesheet, one language: the pages behind sign-in are not fetched.
      const scripts = files.filter((r) => r.path.endsWith('.js'));
      assert.equal(scripts.length, 2, JSON.stringify(scripts));
      assert.ok(m.total <= BUDGET, `first load ${m.total} B > ${BUDGET} B: ${JSON.stringify(m.responses)}`);
    });
  }
});
