// Shared by the browser tests: serve the built app on loopback and drive headless Chromium.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `dir` on 127.0.0.1 at a free port; resolves to { url, close, cut }. `cut(true)` makes
 * every request fail as a lost network does (the connection dropped), `cut(false)` restores it.
 */
export async function serve(dir) {
  let down = false;
  const server = createServer(async (req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const path = new URL(req.url, 'http://localhost').pathname;
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(normalize(dir))) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
    cut: (on) => { down = on; server.closeAllConnections(); },
  };
}

/** Headless Debian Chromium with the flags a closed network and a root user need. */
// The page's JS heap in bytes after a forced garbage collection, read over the DevTools protocol:
// what a leak leaves, without the garbage a run has not collected yet.
export async function heapAfterGc(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  return async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Share of a canvas's pixels that are not plain white: > 0 means something was drawn. */
export function inkedShare(page, selector) {
  return page.$eval(selector, (canvas) => {
    const { width, height } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) inked += 1;
    }
    return inked / (width * height);
  });
}

export const SCENARIO_TITLE = 'Checkout down on a busy afternoon';

/** Opens the built-in incident from the library: its briefing, with Start. */
export async function openIncident(page, url) {
  await page.goto(url);
  await page.getByRole('button', { name: `Open ${SCENARIO_TITLE}` }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Start' }).waitFor();
}

/** Opens the built-in incident from the library and starts it, paused. */
export async function startIncident(page, url) {
  await openIncident(page, url);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
}

/** The console clock's HH:MM. */
export async function clock(page) {
  return (await page.getByRole('timer').textContent()).slice(0, 5);
}

/** Clicks "Advance 1 minute" until the clock reads `hhmm` (or the session ends). */
export async function advanceTo(page, hhmm) {
  const minute = page.getByRole('button', { name: 'Advance 1 minute' });
  for (let i = 0; i < 400; i += 1) {
    if ((await page.getByRole('timer').count()) === 0) return;
    if ((await clock(page)) >= hhmm) return;
    await minute.click();
  }
  throw new Error(`the clock never reached ${hhmm}`);
}

/** Takes an action from the menu, picking its target first where it has one. */
export async function act(page, title, target) {
  if (target !== undefined) {
    await page.getByLabel(`Target for ${title}`).selectOption(target);
  }
  const button = page.getByRole('button', { name: new RegExp(`^${title.replace(/[()]/g, '\\$&')}`) });
  await button.click();
}

/** Ends the incident the way a trainee does: "Declare resolved…", then confirms. */
export async function declareResolved(page) {
  await page.getByRole('button', { name: 'Declare resolved…' }).click();
  await page.getByRole('alertdialog', { name: 'Declare the incident resolved?' }).waitFor();
  await page.getByRole('button', { name: 'Yes, declare resolved' }).click();
}

/** Abandons the session: "Abandon…", then confirms. */
export async function abandon(page) {
  await page.getByRole('button', { name: 'Abandon…' }).click();
  await page.getByRole('button', { name: 'Abandon session' }).click();
}

/**
 * Registers the test file's setup: the built app (DIST) served on loopback and one browser.
 * Returns an object whose `server` and `browser` are set before the first test runs.
 */
export function useApp() {
  const app = { server: null, browser: null, shots: 'tests/browser/screenshots' };
  before(async () => {
    assert.ok(process.env.DIST, 'DIST must point at the built app');
    mkdirSync(app.shots, { recursive: true });
    app.server = await serve(process.env.DIST);
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
