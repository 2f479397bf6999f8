// Runs kept and replayed: a trainee plays a run to the end and names themself; its share link
// opens in a fresh page and replays exactly; the replay scrubs (the clock and the panels change),
// and a trainee takes over from a minute and plays on; the downloaded run file opens from the
// library; a 4-hour run scrubs (timed); a damaged link is refused without losing the save.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, startIncident, advanceTo, act, clock, declareResolved, inkedShare, SCENARIO_TITLE } from './harness.mjs';

const app = useApp();
const REPLAY = `Replay: ${SCENARIO_TITLE}`;
// Kept between the tests: the played run's link, its file and the hash its debrief showed.
const played = { link: '', file: '', hash: '', run: null };

function watch(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Sets the replay's scrubber to `minute` (a range input: as a person dragging it would). */
async function scrubTo(page, minute) {
  await page.getByRole('slider', { name: /^Replay time/ }).fill(String(minute));
}

test('a played run is kept: a named run file and a share link, shown to select', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = watch(page);
  await startIncident(page, app.server.url);
  for (const [at, title, target] of [['14:35', 'Restart one server', 'app-1'], ['14:42', 'Diff config against last good'], ['15:00', 'View memory per host']]) {
    await advanceTo(page, at);
    await act(page, title, target);
  }
  await advanceTo(page, '15:05');
  await declareResolved(page);
  await page.getByRole('heading', { name: 'Keep or share this run' }).waitFor({ timeout: 20_000 });
  await page.getByLabel(/^Your name/).fill('Ada Lovelace');
  played.hash = await page.getByTestId('final-hash').textContent();
  await page.getByText('incident-sim replay RUNFILE').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the run file' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'ecommerce-memory-leak-ada-lovelace-seed20230510.run.json');
  played.file = join(mkdtempSync(join(tmpdir(), 'run-')), download.suggestedFilename());
  await download.saveAs(played.file);
  played.run = JSON.parse(readFileSync(played.file, 'utf8'));
  assert.equal(played.run.trainee, 'Ada Lovelace');
  assert.match(played.run.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(played.run.result.trace_hash, played.hash);
  assert.deepEqual(played.run.actions.map((a) => a.action), ['restart_server', 'diff_config', 'view_memory', 'declare_resolved']);
  await page.getByRole('button', { name: 'Copy the share link' }).click();
  // Copied or not (clipboards fail), the link is in a field to select.
  await page.getByText(/^(Link copied\.|The browser would not copy it)/).waitFor();
  played.link = await page.getByLabel(/^Share link/).inputValue();
  assert.ok(played.link.startsWith(`${app.server.url}#run=`), played.link);
  console.log(`share link: ${played.link.length} characters`);
  await page.getByRole('region', { name: 'Keep or share this run' }).screenshot({ path: `${app.shots}/debrief-share.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the link opens in a fresh page, replays exactly, scrubs, and a trainee takes over', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = watch(page);
  await page.goto(played.link);
  await page.getByRole('heading', { name: REPLAY }).waitFor({ timeout: 30_000 });
  const trust = await page.getByTestId('trust').textContent();
  assert.match(trust, new RegExp(`Replays exactly: score \\d+, trace hash ${played.hash}`));
  await page.getByText('Ada Lovelace').waitFor();
  assert.equal(await clock(page), '14:00');
  await page.locator('canvas.chart[data-drawn="true"]').nth(3).waitFor();
  const statusAt = () => page.getByRole('region', { name: 'Service status' }).textContent();
  const early = await statusAt();
  await page.screenshot({ path: `${app.shots}/replay-start.png`, fullPage: true });

  await scrubTo(page, 62);
  await page.getByRole('timer').filter({ hasText: '15:02' }).waitFor();
  assert.match(await page.getByText(/^Replay time:/).textContent(), /15:02 WAT, minute 62 of 6\d/);
  const later = await statusAt();
  assert.notEqual(later, early, 'the status strip shows the afternoon at 15:02');
  // The finding of the 15:00 look is in hand by 15:02; the marks ahead are still ahead.
  const findings = page.getByRole('region', { name: 'Findings' });
  await findings.getByRole('button', { name: /View memory per host/ }).waitFor();
  await scrubTo(page, 30);
  await page.getByRole('timer').filter({ hasText: '14:30' }).waitFor();
  assert.equal(await findings.getByRole('button').count(), 0, 'no finding is in hand at 14:30');
  await scrubTo(page, 62);
  await page.getByRole('timer').filter({ hasText: '15:02' }).waitFor();
  assert.ok((await inkedShare(page, 'canvas.chart')) > 0.02, 'the charts are drawn at 15:02');
  // The keyboard moves the scrubber a minute at a time.
  await page.getByRole('slider', { name: /^Replay time/ }).press('ArrowLeft');
  await page.getByRole('timer').filter({ hasText: '15:01' }).waitFor();
  await page.screenshot({ path: `${app.shots}/replay-scrubbed.png`, fullPage: true });

  // A mark on the timeline jumps to its time; play runs the clock on.
  await page.getByRole('button', { name: /14:35 WAT\s*Action\s*Restart one server/ }).click();
  await page.getByRole('timer').filter({ hasText: '14:35' }).waitFor();
  await page.getByRole('button', { name: '60x' }).click();
  await page.waitForFunction(() => document.querySelector('[role=timer]')?.textContent >= '14:37', null, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();

  await scrubTo(page, 40);
  await page.getByRole('timer').filter({ hasText: '14:40' }).waitFor();
  await page.getByRole('button', { name: 'Take over from here' }).click();
  // A normal console at 14:40, paused, with the restart at 14:35 already taken.
  await page.getByRole('button', { name: 'Declare resolved…' }).waitFor();
  assert.equal(await clock(page), '14:40');
  await act(page, 'Check running config', 'app-1');
  await advanceTo(page, '14:45');
  await page.screenshot({ path: `${app.shots}/replay-takeover.png`, fullPage: false });
  await declareResolved(page);
  await page.getByRole('heading', { name: 'Keep or share this run' }).waitFor({ timeout: 20_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the run file' }).click(),
  ]);
  const branch = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(branch.actions.map((a) => [a.at.slice(0, 5), a.action]),
    [['14:35', 'restart_server'], ['14:40', 'check_config'], ['14:45', 'declare_resolved']]);
  assert.equal(branch.seed, played.run.seed);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a run file opens from the library; a 4-hour run scrubs, timed', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watch(page);
  await page.goto(app.server.url);
  await page.getByLabel('Open a run file').setInputFiles(played.file);
  await page.getByRole('heading', { name: REPLAY }).waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('trust').textContent(), /Replays exactly/);
  await page.getByRole('button', { name: 'Close the replay' }).click();

  // Played on another version of the scenario: said plainly, with what the run claims.
  const older = { ...played.run, scenario: { ...played.run.scenario, content_hash: '0123456789abcdef' } };
  await page.getByLabel('Open a run file').setInputFiles({ name: 'older.run.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(older)) });
  await page.getByRole('heading', { name: /on today's version, not exact/ }).waitFor();
  assert.match(await page.getByTestId('trust').textContent(), /The scenario changed since this run was played/);
  await page.getByText(/played on version 0123456789abcdef; this page has version [0-9a-f]{16}\. It claimed score \d+/).waitFor();
  await page.getByText('Ada Lovelace').waitFor();
  await page.screenshot({ path: `${app.shots}/replay-other-version.png`, fullPage: false });
  await page.getByRole('button', { name: 'Close the replay' }).click();

  // The real team's actions to the time limit, with a claim the file does not earn.
  const long = { ...played.run, trainee: 'Edited', ended_at: 4 * 3600, result: { score: 99, trace_hash: '0000000000000000' } };
  long.actions = [[2100, 'restart_server', 'app-1'], [2400, 'check_config', 'app-1'], [2520, 'diff_config'], [3600, 'view_memory'],
    [3720, 'page_developers'], [4620, 'heap_profile', 'app-1'], [6300, 'declare_hypothesis', 'memory_leak'], [9000, 'apply_code_fix']]
    .map(([tick, action, target]) => ({ tick, action, ...(target ? { target } : {}) }));
  await page.getByLabel('Open a run file').setInputFiles({ name: 'edited.run.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(long)) });
  await page.getByRole('heading', { name: REPLAY }).waitFor();
  assert.match(await page.getByTestId('trust').textContent(), /does not give the result it claims: it was edited/);
  await page.getByText(/It claims score 99, trace hash 0000000000000000/).waitFor();
  // Each scrub: the rebuild (performance.now() around it, kept on the scrubber by the page), and
  // the input event to the new minute on screen (rebuild and render).
  const times = await page.evaluate(async (minutes) => {
    const slider = document.querySelector('#scrub');
    const out = [];
    for (const minute of minutes) {
      const start = performance.now();
      slider.value = String(minute);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const rebuild = Number(slider.dataset.rebuildMs);
      const want = `minute ${minute} of 240`;
      while (!document.querySelector('.scrub output').textContent.includes(want)) {
        await new Promise((ok) => requestAnimationFrame(ok));
      }
      out.push([rebuild, performance.now() - start]);
    }
    return out;
  }, [239, 5, 121, 238, 60, 200, 17, 180, 90, 230]);
  const figures = (i) => {
    const all = times.map((t) => t[i]);
    const sorted = [...all].sort((a, b) => a - b);
    return `first ${all[0].toFixed(2)} ms, median ${sorted[5].toFixed(2)} ms, slowest ${sorted[9].toFixed(2)} ms`;
  };
  console.log(`scrub of a 4-hour run in the page, rebuild: ${figures(0)}`);
  console.log(`scrub of a 4-hour run in the page, to the new minute on screen: ${figures(1)}`);
  assert.ok(times.every(([rebuild]) => Number.isFinite(rebuild)), 'the page timed each rebuild');
  await page.getByRole('timer').filter({ hasText: '17:50' }).waitFor();
  await page.screenshot({ path: `${app.shots}/replay-edited.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${app.shots}/replay-narrow.png`, fullPage: false });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `no horizontal scrolling at 390 px (${wide})`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a damaged link is refused on the library, and the session in progress is kept', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watch(page);
  await startIncident(page, app.server.url);
  await advanceTo(page, '14:03');
  await act(page, 'View memory per host');
  await advanceTo(page, '14:05');
  // One character changed in the middle of the link, opened in a new tab of the same browser.
  const at = played.link.indexOf('run=') + 30;
  const swapped = played.link[at] === 'A' ? 'B' : 'A';
  const damaged = played.link.slice(0, at) + swapped + played.link.slice(at + 1);
  const tab = await context.newPage();
  const tabErrors = watch(tab);
  await tab.goto(damaged);
  const alert = tab.getByRole('alert').filter({ hasText: 'The link could not be opened' });
  await alert.waitFor({ timeout: 30_000 });
  assert.match(await alert.textContent(), /^The link could not be opened: the link is damaged/);
  // The refusal is where the eye is, not at the foot of the library: in view, and focused.
  await tab.waitForFunction(() => {
    const el = [...document.querySelectorAll('[role="alert"]')].find((e) => e.textContent.startsWith('The link could not'));
    const box = el && el.getBoundingClientRect();
    return box && box.top >= 0 && box.bottom <= innerHeight && document.activeElement === el;
  }, null, { timeout: 5_000 });
  await tab.screenshot({ path: `${app.shots}/library-bad-link-view.png` });
  await tab.getByText(/You have a session of "Checkout down on a busy afternoon" in progress, at 14:0\d WAT with 1 action/).waitFor();
  await tab.getByRole('region', { name: 'Replay a run' }).screenshot({ path: `${app.shots}/library-bad-link.png` });
  // A pasted link that was cut short says so too.
  await tab.getByLabel('Paste a share link').fill(played.link.slice(0, -6));
  await tab.getByRole('button', { name: 'Open the link' }).click();
  await tab.getByText(/cut short|damaged/).first().waitFor();
  await tab.getByRole('button', { name: 'Resume' }).click();
  assert.equal(await clock(tab), '14:05');
  assert.deepEqual([...errors, ...tabErrors], []);
  await context.close();
});
