// Starts a throw-away `parley demo` server for browser tests and stops it afterwards.
//
//   PARLEY_BIN   path to the server binary (default: ../target/debug/parley, relative to
//                frontend/); relative values are taken from the current directory.
//
// The server gets a fresh data directory, free loopback ports for the app and the Cloud API
// simulator, and a known admin password. Readiness is observed through GET /healthz.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const frontendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const ADMIN_EMAIL = 'admin@parley.local';

export function parleyBin() {
  const fromEnv = process.env.PARLEY_BIN;
  return fromEnv ? path.resolve(fromEnv) : path.resolve(frontendDir, '../target/debug/parley');
}

/** A loopback port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `parley demo` and resolves once /healthz answers 200.
 * Returns { baseUrl, adminEmail, adminPassword, output(), stop() }.
 */
export async function startServer({ readyTimeoutMs = 90_000 } = {}) {
  const bin = parleyBin();
  if (!existsSync(bin)) {
    throw new Error(
      `parley binary not found at ${bin}; build it (cargo build) or set PARLEY_BIN to its path`,
    );
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-e2e-'));
  const port = await freePort();
  let sandboxPort = await freePort();
  while (sandboxPort === port) sandboxPort = await freePort();
  const adminPassword = `e2e-${randomBytes(9).toString('base64url')}`;
  const baseUrl = `http://127.0.0.1:${port}`;

  const args = [
    'demo',
    '--data',
    dataDir,
    '--listen',
    `127.0.0.1:${port}`,
    '--admin-password',
    adminPassword,
    '--sandbox-listen',
    `127.0.0.1:${sandboxPort}`,
  ];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
    child.on('error', (err) => {
      exited = { code: null, signal: null, error: err };
      resolve(exited);
    });
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, 15_000);
      await exitPromise;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  // Observe readiness: poll /healthz until it says 200, the process dies, or the deadline passes.
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(
        `parley demo exited before it was ready (${JSON.stringify(exited)}):\n${log}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`parley demo did not become healthy within ${readyTimeoutMs} ms:\n${log}`);
    }
    await delay(100);
  }

  return {
    baseUrl,
    adminEmail: ADMIN_EMAIL,
    adminPassword,
    dataDir,
    output: () => log,
    stop,
  };
}
