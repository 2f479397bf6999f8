// The built page loads the built-in scenario, shows its title, and draws the do-nothing run, whose
// trace hash equals the one the native command line computes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { serve, launch, inkedShare } from './harness.mjs';

const dist = process.env.DIST;
const cli = process.env.INCIDENT_SIM;
let server;
let browser;

before(async () => {
  assert.ok(dist && cli, 'DIST and INCIDENT_SIM must point at the built app and the command line');
  server = await serve(dist);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the page shows the scenario and a drawn chart of the do-nothing run', async () => {
  const native = JSON.parse(execFileSync(cli, ['run', 'ecommerce-memory-leak', '--actions', 'none', '--json']));
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);

  const title = page.getByTestId('scenario-title');
  await title.waitFor({ timeout: 30_000 });
  assert.equal(await title.textContent(), native.title);

  for (const id of ['chart-impact', 'chart-heap']) {
    const selector = `[data-testid="${id}"][data-drawn="true"]`;
    await page.waitForSelector(selector, { timeout: 30_000 });
    const share = await inkedShare(page, selector);
    assert.ok(share > 0.02, `${id}: only ${(share * 100).toFixed(2)}% of the canvas is drawn on`);
  }

  assert.equal(await page.getByTestId('trace-hash').textContent(), native.trace_hash, 'browser and native traces differ');
  mkdirSync('tests/browser/screenshots', { recursive: true });
  await page.screenshot({ path: 'tests/browser/screenshots/smoke.png', fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
