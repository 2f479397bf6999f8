// Cohort review: a team lead opens the run files of one scenario at once (one of them broken),
// sorts the table by score, downloads the CSV, sees everyone's error rate over the real team's
// and the paths people took, at desk and phone width, light and dark; ten runs load in steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { useApp, inkedShare } from './harness.mjs';

const app = useApp();
const RUNS = ['real-team', 'mitigate-first', 'slow-detour'].map((name) => ({
  name: `${name}.run.json`,
  mimeType: 'application/json',
  buffer: readFileSync(`tests/runs/${name}.run.json`),
}));
const BROKEN = {
  name: 'broken.run.json',
  mimeType: 'application/json',
  buffer: RUNS[0].buffer.subarray(0, 200),
};

async function openCohort(page) {
  await page.goto(app.server.url);
  await page.getByRole('link', { name: "Review a cohort's runs" }).click({ timeout: 30_000 });
  await page.getByRole('heading', { name: 'Cohort review' }).waitFor();
}

async function loaded(page, text) {
  await page.getByRole('status').filter({ hasText: text }).waitFor({ timeout: 60_000 });
  return page.locator('.cohort-progress').textContent();
}

const trainees = (page) => page.locator('table.cohort-runs tbody th').allTextContents();

test('three run files and a broken one: table, sort, CSV, chart, paths', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  await openCohort(page);
  await page.getByLabel('Open run files').setInputFiles([...RUNS, BROKEN]);
  const line = await loaded(page, /Loaded 3 of 4 inputs/);
  console.log(`cohort: ${line}`);
  const alert = page.getByRole('alert');
  await alert.getByText(/^broken\.run\.json: line \d+, column \d+: /).waitFor();
  // Sorted by score, best first; the header says so, and a click turns it round.
  const score = page.getByRole('columnheader', { name: 'Score' });
  assert.equal(await score.getAttribute('aria-sort'), 'descending');
  assert.deepEqual(await trainees(page), ['Souza, Ana', 'Kim "KJ" Jones', 'Priya Nair']);
  await score.getByRole('button').click();
  assert.equal(await score.getAttribute('aria-sort'), 'ascending');
  assert.deepEqual(await trainees(page), ['Priya Nair', 'Kim "KJ" Jones', 'Souza, Ana']);
  const scores = await page.locator('table.cohort-runs tbody tr td:nth-child(3)').allTextContents();
  assert.deepEqual(scores.map(Number), [...scores.map(Number)].sort((a, b) => a - b));
  // The CSV holds the rows in the table's order, names with commas and quotes quoted.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'ecommerce-memory-leak-cohort.csv');
  const csv = (await readFile(await download.path(), 'utf8')).split('\r\n');
  assert.equal(csv.length, 5, csv.join('\n'));
  assert.match(csv[0], /^trainee,date,seed,mitigated_at,resolved_at,score,/);
  assert.match(csv[1], /^Priya Nair,2026-12-01,20230510,16:37,16:37,50\.0,/);
  assert.match(csv[2], /^"Kim ""KJ"" Jones",2026-12-02,/);
  assert.match(csv[3], /^"Souza, Ana",2026-12-01,/);
  // Everyone's error rate, drawn; the paths, drawn and as a table.
  const canvas = page.locator('.cohort-chart canvas[data-drawn="true"]');
  await canvas.waitFor({ timeout: 10_000 });
  const ink = await inkedShare(page, '.cohort-chart canvas');
  assert.ok(ink > 0.02, `chart ink ${ink}`);
  const tree = page.locator('.path-tree');
  assert.equal(await tree.locator(':scope > li.branch').count(), 3, 'three first actions');
  await tree.getByText('✓ real team').first().waitFor();
  await tree.getByText(/lost \d+ min/).first().waitFor();
  // Steps are named as the buttons were, not by the command's id.
  await tree.getByText('Restart one server (app-1)').first().waitFor();
  assert.equal(await tree.getByText(/restart_server|check_config/).count(), 0, 'no action ids');
  // The table fits the window at 1280 px: every column seen without scrolling sideways.
  const fits = await page.locator('.table-scroll').evaluate((el) => [el.scrollWidth, el.clientWidth]);
  assert.ok(fits[0] <= fits[1], `the runs table is ${fits[0]} px in a ${fits[1]} px box`);
  const steps = page.getByRole('table', { name: 'Paths as a table' }).locator('tbody tr');
  assert.ok((await steps.count()) >= 20, `${await steps.count()} path steps`);
  await page.screenshot({ path: `${app.shots}/cohort-1280.png`, fullPage: true });
  // A pasted line that is no link is refused by its place, the others stay.
  await page.getByLabel('Or paste share links, one a line').fill('https://example.org/#seed=4');
  await page.getByRole('button', { name: 'Add links' }).click();
  await alert.getByText('link 1: the link holds no run').waitFor({ timeout: 10_000 });
  assert.equal((await trainees(page)).length, 3);
  // Dark.
  await page.getByLabel('Theme').selectOption('dark');
  await page.waitForTimeout(300);
  await page.locator('.cohort-chart').screenshot({ path: `${app.shots}/cohort-chart-dark.png` });
  await page.locator('.cohort-paths').screenshot({ path: `${app.shots}/cohort-paths-dark.png` });
  await context.close();
});

test('at phone width the page does not scroll sideways', async () => {
  const context = await app.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await openCohort(page);
  await page.getByLabel('Open run files').setInputFiles(RUNS);
  await loaded(page, /Loaded 3 of 3 inputs/);
  await page.locator('.cohort-chart canvas[data-drawn="true"]').waitFor({ timeout: 10_000 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `the page is ${wide} px wide`);
  await page.screenshot({ path: `${app.shots}/cohort-390.png`, fullPage: true });
  await context.close();
});

test('ten runs load one per frame, the page answering between them', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await openCohort(page);
  const ten = Array.from({ length: 10 }, (_, i) => {
    const run = JSON.parse(RUNS[i % 3].buffer.toString('utf8'));
    run.trainee = `Trainee ${i + 1}`;
    // The last one claims another score than its actions earn (a file kept before the scoring
    // changed reads the same), and the one before it had an action moved: the page says which.
    if (i === 9) run.result.score = 99;
    if (i === 8) run.actions[0].tick += 60;
    return { name: `t${i + 1}.run.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(run)) };
  });
  // Frames keep coming while the runs replay: the longest gap between two is one replay.
  await page.evaluate(() => {
    window.gaps = [];
    let last = performance.now();
    const tick = (now) => { window.gaps.push(now - last); last = now; window.raf = requestAnimationFrame(tick); };
    window.raf = requestAnimationFrame(tick);
  });
  await page.getByLabel('Open run files').setInputFiles(ten);
  await page.getByText(/Replaying run \d+ of 10/).waitFor({ timeout: 10_000 });
  const line = await loaded(page, /Loaded 10 of 10 inputs/);
  const longest = await page.evaluate(() => { cancelAnimationFrame(window.raf); return Math.max(...window.gaps); });
  console.log(`cohort, ten runs: ${line} (longest frame gap ${longest.toFixed(0)} ms)`);
  assert.equal((await trainees(page)).length, 10);
  await page.getByText(/^Not exact replays\. Replayed exactly to another score than they claim .*: Trainee 10\. Edited since it was played .*: Trainee 9\.$/).waitFor();
  await page.locator('table.cohort-runs tbody tr', { hasText: 'Trainee 10' }).getByText('rescored').waitFor();
  await page.locator('table.cohort-runs tbody tr', { hasText: 'Trainee 9' }).getByText('edited').waitFor();
  await page.locator('.cohort-table').screenshot({ path: `${app.shots}/cohort-ten-runs.png` });
  assert.ok(longest < 2000, `a frame waited ${longest} ms`);
  await context.close();
});

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
for (const scheme of ['light', 'dark']) {
  test(`the cohort review has no serious accessibility violations (${scheme})`, async () => {
    // The page's CSP forbids injected scripts, so the checker's context bypasses it.
    const context = await app.browser.newContext({ bypassCSP: true, colorScheme: scheme, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await openCohort(page);
    await page.getByLabel('Open run files').setInputFiles([...RUNS, BROKEN]);
    await loaded(page, /Loaded 3 of 4 inputs/);
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const serious = result.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(serious, []);
    await context.close();
  });
}
