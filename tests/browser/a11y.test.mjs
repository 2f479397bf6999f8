// axe-core on every screen: no critical or serious accessibility violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { serve, launch, startIncident, advanceTo, act, abandon, SCENARIO_TITLE } from './harness.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let server;
let browser;

before(async () => {
  server = await serve(process.env.DIST);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function violations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

for (const scheme of ['light', 'dark']) {
  test(`no serious accessibility violations on any screen (${scheme})`, async () => {
    // The page's CSP forbids injected scripts, so the checker's context bypasses it.
    const context = await browser.newContext({ bypassCSP: true, colorScheme: scheme, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const found = {};
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: 30_000 });
    found.library = await violations(page);
    await page.getByRole('button', { name: `Open ${SCENARIO_TITLE}` }).click();
    found.briefing = await violations(page);
    await startIncident(page, server.url);
    await advanceTo(page, '14:40');
    await act(page, 'View memory per host');
    await advanceTo(page, '14:42');
    found.console = await violations(page);
    if (scheme === 'dark') await page.screenshot({ path: 'tests/browser/screenshots/console-dark.png' });
    await abandon(page);
    await page.getByText(/^You abandoned the session at 14:42 WAT\./).waitFor();
    found.end = await violations(page);
    // The run's share link opens the replay screen.
    const link = await page.getByLabel(/^Share link/).inputValue();
    await page.goto(link);
    await page.getByRole('heading', { name: `Replay: ${SCENARIO_TITLE}` }).waitFor({ timeout: 30_000 });
    await page.getByRole('slider', { name: /^Replay time/ }).fill('40');
    await page.getByRole('timer').filter({ hasText: '14:40' }).waitFor();
    found.replay = await violations(page);
    if (scheme === 'dark') await page.screenshot({ path: 'tests/browser/screenshots/replay-dark.png' });
    // Opened over the debrief, the replay closes back to it.
    await page.getByRole('button', { name: 'Close the replay' }).click();
    await page.getByRole('button', { name: 'Back to the library' }).click();
    await page.getByRole('link', { name: 'Write a scenario' }).click();
    await page.getByText('No problems: this is a valid scenario.').waitFor({ timeout: 30_000 });
    await page.getByText(/^Doing nothing: outage/).waitFor({ timeout: 10_000 });
    found.author = await violations(page);
    if (scheme === 'dark') await page.screenshot({ path: 'tests/browser/screenshots/author-dark.png' });
    assert.deepEqual(found, { library: [], briefing: [], console: [], end: [], replay: [], author: [] });
    await context.close();
  });
}
