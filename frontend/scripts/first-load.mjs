#!/usr/bin/env node
// Prints what the login page costs on a cold cache, as sent (the README's Performance figure):
// Chromium loads /login from a throw-away `parley demo` (or the server at --url) and every
// response's body and header bytes are added up; then the same files are fetched again with
// `Accept-Encoding: gzip` and with none, for comparison.
//
//   PARLEY_BIN=../target/release/parley node scripts/first-load.mjs [--locale de-DE] [--json]
//   node scripts/first-load.mjs --url http://127.0.0.1:8080
//
// Needs Chromium (the browser tests' /usr/bin/chromium, or CHROMIUM_PATH).
import { launchBrowser } from '../e2e/browser.mjs';
import { bodyBytes, measureFirstLoad } from '../e2e/first-load.mjs';
import { startServer } from '../e2e/server.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const locale = opt('--locale', 'en-US');
const url = opt('--url', null);

const server = url ? null : await startServer();
const baseUrl = url ?? server.baseUrl;
const browser = await launchBrowser();
try {
  const m = await measureFirstLoad(browser, baseUrl, { locale });
  const other = {};
  for (const enc of ['gzip', 'identity']) {
    let n = 0;
    // The `me` query (a POST) is counted as sent; the files are fetched again.
    for (const r of m.responses) n += r.method === 'GET' ? (await bodyBytes(baseUrl, r.path, enc)).bytes : r.body;
    other[enc] = n;
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify({ locale, ...m, gzipBodies: other.gzip, identityBodies: other.identity }));
  } else {
    for (const r of m.responses) {
      console.log(`${String(r.body).padStart(8)} B  ${r.encoding.padEnd(8)} +${r.headers} B headers  ${r.status} ${r.method} ${r.path}`);
    }
    const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(
      `login page, first load (${locale}), as Chromium received it: ${m.responses.length} responses, ` +
        `${m.body} B bodies + ${m.headers} B headers = ${m.total} B (${kib(m.total)})`,
    );
    console.log(`same files, bodies only: gzip ${other.gzip} B (${kib(other.gzip)}), identity ${other.identity} B (${kib(other.identity)})`);
  }
} finally {
  await browser.close();
  await server?.stop();
}
