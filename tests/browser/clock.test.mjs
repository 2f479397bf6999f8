// Under a fake clock (as a slow machine's timers can behave), changing speed mid-run never leaves
// an old frame loop running: no "closure invoked recursively or after being dropped", and time
// runs at the speed picked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, openIncident, clock } from './harness.mjs';

const app = useApp();

test('speed changes under a fake clock run the new speed and throw nothing', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.clock.install();
  await openIncident(page, app.server.url);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  const minutes = async () => {
    const [h, m] = (await clock(page)).split(':').map(Number);
    return h * 60 + m;
  };
  // Each speed in turn, and back, with frames in between.
  for (const speed of ['1x', '60x', '10x', '60x', 'Pause', '10x', '1x']) {
    await page.getByRole('button', { name: speed, exact: true }).click();
    await page.clock.runFor(500);
  }
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.clock.runFor(500);
  const paused = await minutes();
  await page.clock.runFor(5_000);
  assert.equal(await minutes(), paused, 'paused means no time passes');
  await page.getByRole('button', { name: '60x', exact: true }).click();
  await page.clock.runFor(10_000);
  const ran = (await minutes()) - paused;
  // 10 s at 60x is 10 simulated minutes (frames are capped per frame, so allow a little less).
  assert.ok(ran >= 8 && ran <= 11, `60x for 10 s moved the clock ${ran} min`);
  assert.deepEqual(errors, []);
  await context.close();
});
