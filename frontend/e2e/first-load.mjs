// What the login page costs a browser with an empty cache, as sent: Chromium opens /login, the
// page is used until the sign-in form shows and the network is idle, and every response is
// counted with the bytes the browser received for it (body as encoded on the wire, plus the
// response headers). Used by scripts/first-load.mjs (prints the figure for the README) and
// e2e/first-load.test.mjs (holds the budget).
import http from 'node:http';

/**
 * Loads `${baseUrl}/login` in a fresh context of `browser` (playwright) and returns
 * { responses: [{ path, method, status, encoding, body, headers }], body, headers, total }.
 */
export async function measureFirstLoad(browser, baseUrl, { locale = 'en-US' } = {}) {
  const context = await browser.newContext({ baseURL: baseUrl, locale });
  const page = await context.newPage();
  const pending = [];
  page.on('requestfinished', (req) => {
    pending.push(
      (async () => {
        const res = await req.response();
        const sizes = await req.sizes();
        const url = new URL(req.url());
        return {
          path: url.pathname,
          method: req.method(),
          status: res?.status() ?? 0,
          encoding: (await res?.headerValue('content-encoding')) ?? 'identity',
          body: sizes.responseBodySize,
          headers: sizes.responseHeadersSize,
        };
      })(),
    );
  });
  try {
    await page.goto('/login');
    await page.getByTestId('login-email').waitFor();
    await page.waitForLoadState('networkidle');
    const responses = (await Promise.all(pending)).filter((r) => new URL(r.path, baseUrl).host === new URL(baseUrl).host);
    const body = responses.reduce((n, r) => n + r.body, 0);
    const headers = responses.reduce((n, r) => n + r.headers, 0);
    return { responses, body, headers, total: body + headers };
  } finally {
    await context.close();
  }
}

/** The body bytes of GET `path` with `Accept-Encoding: encoding` (none for 'identity'). */
export function bodyBytes(baseUrl, path, encoding) {
  return new Promise((resolve, reject) => {
    const headers = encoding === 'identity' ? {} : { 'accept-encoding': encoding };
    http
      .get(new URL(path, baseUrl), { headers }, (res) => {
        let n = 0;
        res.on('data', (c) => (n += c.length));
        res.on('end', () => resolve({ bytes: n, encoding: res.headers['content-encoding'] ?? 'identity' }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}
