// Offline for real: after a first visit the app opens, and an incident plays, with the server
// gone; a new build is picked up on the next load; the app can be installed (its manifest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, serve, SCENARIO_TITLE } from './harness.mjs';

test('the app opens and plays offline after a first visit, and takes an update on the next load', async () => {
  // A copy of the build, so the test can ship an "update" to it.
  const dir = mkdtempSync(join(tmpdir(), 'trainer-offline-'));
  cpSync(process.env.DIST, dir, { recursive: true });
  const server = await serve(dir);
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: 30_000 });
    // The service worker is installed with the build's files kept, and controls the page.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
    const kept = await page.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names[0]);
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    assert.ok(kept.some((p) => p.endsWith('_bg.wasm')), kept.join(' '));
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector('link[rel=manifest]').href;
      return (await fetch(href)).json();
    });
    assert.equal(manifest.name, 'Incident trainer');
    assert.equal(manifest.display, 'standalone');

    // The network goes: the app still opens, and an incident plays.
    server.cut(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: `Open ${SCENARIO_TITLE}` }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Advance 1 minute' }).click();
    await page.getByRole('timer').waitFor();
    await page.screenshot({ path: 'tests/browser/screenshots/offline-console.png' });

    // The network is back with a new build: the next load shows it.
    server.cut(false);
    const index = join(dir, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('<title>Incident trainer</title>', '<title>Incident trainer (updated)</title>'));
    const sw = join(dir, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = '[^']*'/, "const VERSION = 'incident-trainer-update'"));
    await page.goto(server.url);
    assert.equal(await page.title(), 'Incident trainer (updated)');
    // And the update is what opens offline from then on.
    await page.waitForFunction(async () => (await caches.keys()).includes('incident-trainer-update'), null, { timeout: 15_000 });
    server.cut(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.title(), 'Incident trainer (updated)');
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
});
