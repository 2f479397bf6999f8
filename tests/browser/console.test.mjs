// A trainee plays the real incident in the built page: follows the real team's path by clicking,
// reaches the end screen, downloads the run, and the command line replays it to the same hash.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, startIncident, advanceTo, act, clock, inkedShare, declareResolved, abandon, SCENARIO_TITLE } from './harness.mjs';

const dist = process.env.DIST;
const cli = process.env.INCIDENT_SIM;
const shots = 'tests/browser/screenshots';
let server;
let browser;

before(async () => {
  assert.ok(dist && cli, 'DIST and INCIDENT_SIM must point at the built app and the command line');
  mkdirSync(shots, { recursive: true });
  server = await serve(dist);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// The real team's afternoon, as the trainee clicks it.
const PATH = [
  ['14:35', 'Restart one server', 'app-1'],
  ['14:40', 'Check running config', 'app-1'],
  ['14:42', 'Diff config against last good'],
  ['15:00', 'View memory per host'],
  ['15:02', 'Page the development team'],
  ['15:17', 'Heap profile / dump', 'app-1'],
  ['15:45', 'Declare a root-cause hypothesis', 'memory_leak'],
  ['16:30', 'Apply the code fix'],
];

test('the real team path, clicked and declared resolved, replays to the same trace hash', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });

  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: 30_000 });
  await page.screenshot({ path: `${shots}/library.png`, fullPage: true });
  await page.getByRole('button', { name: `Open ${SCENARIO_TITLE}` }).click();
  await page.getByRole('heading', { name: SCENARIO_TITLE }).waitFor();
  await page.screenshot({ path: `${shots}/briefing.png`, fullPage: true });
  await page.getByRole('button', { name: 'Start' }).click();
  // Time runs by itself at the start speed; then the trainee sets 60x and pauses to act.
  await page.getByRole('button', { name: '60x' }).click();
  await page.waitForFunction(() => document.querySelector('[role=timer]')?.textContent >= '14:01', null, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();

  for (const [at, title, target] of PATH) {
    await advanceTo(page, at);
    assert.equal(await clock(page), at);
    if (title === 'Apply the code fix') {
      assert.equal(await page.getByRole('button', { name: /^Apply the code fix/ }).isDisabled(), false);
    }
    await act(page, title, target);
    if (at === '15:17') {
      await advanceTo(page, '15:23');
      // The heap profile opened by itself, with the leaking site on top.
      await page.getByText('CartSnapshotRegistry').first().waitFor();
      const charts = page.locator('canvas.chart[data-drawn="true"]');
      assert.equal(await charts.count(), 4, 'four charts drawn');
      assert.ok((await inkedShare(page, 'canvas.chart')) > 0.02);
      // The page that is firing is on the first screen, not only in the Alerts panel below.
      const firing = page.getByRole('complementary', { name: 'Firing now' });
      assert.match(await firing.textContent(), /^FIRING \w+ Error rate above \d+% for \d+ minutes? since 14:\d\d/);
      const box = await firing.boundingBox();
      assert.ok(box.y + box.height <= 800, `the firing page below the fold: ${box.y}`);
      await page.screenshot({ path: `${shots}/console.png`, fullPage: false });
      await page.screenshot({ path: `${shots}/console-full.png`, fullPage: true });
    }
  }
  await advanceTo(page, '16:50');
  // Service back is not the end: the session runs until the trainee declares it resolved.
  assert.match(await page.getByRole('region', { name: 'Service status' }).textContent(), /Service restored 16:3\d/);
  // The clock waits while the trainee decides, and runs on as before if they keep playing.
  const speed = (name) => page.getByRole('button', { name, exact: true });
  await speed('10x').click();
  await page.getByRole('button', { name: 'Declare resolved…' }).click();
  await page.getByRole('alertdialog', { name: 'Declare the incident resolved?' }).waitFor();
  assert.equal(await speed('Pause').getAttribute('aria-pressed'), 'true');
  assert.equal(await speed('60x').isDisabled(), true, 'the speeds wait for the answer too');
  const asked = await page.getByRole('timer').textContent();
  await page.waitForTimeout(1500);
  assert.equal(await page.getByRole('timer').textContent(), asked, 'the clock waits for the answer');
  await page.screenshot({ path: `${shots}/console-declare.png`, fullPage: false });
  await page.getByRole('button', { name: 'Not yet' }).click();
  assert.equal(await page.getByRole('alertdialog').count(), 0, 'Not yet keeps playing');
  assert.equal(await speed('10x').getAttribute('aria-pressed'), 'true', 'at the speed it ran at');
  await speed('Pause').click();
  await declareResolved(page);
  // Within a minute or two of the real team's 16:37: the trainee acted a few seconds after each
  // of their times, since the clock ran at 60x before the first pause.
  await page.getByRole('heading', { name: /^Resolved at 16:3\d/ }).waitFor({ timeout: 20_000 });
  await page.getByText(/^Resolved at 16:3\d: the cause was removed and service held\. You declared it resolved at 16:5\d\./).waitFor();
  const rows = await page.getByRole('row').allTextContents();
  assert.ok(rows.some((r) => r.startsWith('Memory leak confirmed as root cause15:45')), rows.join('\n'));
  // Impact beside the real team's path replayed with the same seed: the same path, so close.
  await page.getByRole('columnheader', { name: 'Real team (same seed)' }).waitFor();
  const restore = rows.find((r) => r.startsWith('Minutes to restore'));
  assert.match(restore, /^Minutes to restore1[23]\d min129 min$/, restore);
  await page.screenshot({ path: `${shots}/end.png`, fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the run file' }).click(),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'run-'));
  const run = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const shown = await page.getByTestId('final-hash').textContent();
  assert.equal(run.result.trace_hash, shown, 'the run file claims the hash the end screen shows');
  // Its actions, as an actions file, replay natively to that hash.
  const file = join(dir, 'actions.json');
  writeFileSync(file, JSON.stringify(run.actions.map(({ at, action, target }) => ({ at, action, target }))));
  const native = JSON.parse(execFileSync(cli, ['run', 'ecommerce-memory-leak', '--seed', '20230510', '--actions', file, '--json']));
  assert.equal(native.trace_hash, shown, 'the downloaded run replays to the hash the end screen shows');

  // The debrief: the score, the race against the real team, and the postmortem draft.
  const scored = JSON.parse(execFileSync(cli, ['score', 'ecommerce-memory-leak', '--seed', '20230510', '--actions', file, '--json']));
  assert.equal(Number(await page.getByTestId('score').textContent()), Math.round(scored.score));
  assert.ok(scored.score > 40 && scored.score < 60, `close to the real team's par of 50: ${scored.score}`);
  const realLane = await page.getByRole('img', { name: /^Real team: / }).getAttribute('aria-label');
  assert.match(realLane, /Diagnosis at 15:01/);
  const youLane = await page.getByRole('img', { name: /^You: / }).getAttribute('aria-label');
  assert.match(youLane, /Resolution at 16:3\d/);
  await page.locator('figure.race canvas.chart[data-drawn="true"]').waitFor();
  assert.ok((await inkedShare(page, 'figure.race canvas.chart')) > 0.02, 'the race chart is drawn');
  const phases = await page.getByRole('row').allTextContents();
  assert.ok(phases.some((r) => /^Diagnosis15:0\d15:01/.test(r)), phases.join('\n'));
  await page.getByRole('heading', { name: "The real team's: 3 (5 min)" }).waitFor();
  await page.getByText('the configuration matched the last known-good snapshot').first().waitFor();
  await page.getByRole('heading', { name: 'What the real team learned and changed' }).waitFor();
  await page.getByLabel(/Your corrective measures/).fill('Page on live heap growth, not only on errors');
  const [draft] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download postmortem (Markdown)' }).click(),
  ]);
  assert.equal(draft.suggestedFilename(), 'ecommerce-memory-leak-seed-20230510-postmortem.md');
  const md = readFileSync(await draft.path(), 'utf8');
  for (const heading of ['## Issue Summary', '## Timeline', '## Root Cause', '## Resolution and Recovery',
    '## Corrective and Preventative Measures', '## Compared with the real timeline']) {
    assert.ok(md.includes(heading), heading);
  }
  assert.ok(md.includes(`Score: **${scored.score.toFixed(1)}** of 100`), 'the draft states the same score as the command line');
  assert.ok(md.includes('- Page on live heap growth, not only on errors _(from this run)_'));
  await page.screenshot({ path: `${shots}/debrief.png`, fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${shots}/debrief-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the same path from the keyboard alone, with the command box', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: 30_000 });
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    return (el?.getAttribute('aria-label') || el?.textContent || el?.id || '').trim();
  });
  const tabTo = async (name) => {
    for (let i = 0; i < 200; i += 1) {
      await page.keyboard.press('Tab');
      if ((await focused()).startsWith(name)) return;
    }
    throw new Error(`Tab never reached ${name}`);
  };
  await tabTo(`Open ${SCENARIO_TITLE}`);
  await page.keyboard.press('Enter');
  await tabTo('Start');
  await page.keyboard.press('Enter');
  await page.keyboard.press('1'); // pause
  const command = async (text) => {
    await tabTo('command-input');
    // Whatever the box held (a completion left in it) goes: select it all and type over it.
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
    assert.equal(await page.locator('#command-input').inputValue(), text, 'the box holds the command');
    await page.keyboard.press('Enter');
    // Taken: the box empties (a refusal would keep the text and say why under it).
    await page.waitForFunction(() => document.querySelector('#command-input')?.value === '' || !document.querySelector('#command-input'),
      null, { timeout: 10_000 });
  };
  const advance = async (hhmm) => {
    await tabTo('Advance 1 minute');
    // Once the session ends the button goes; an Enter then would press whatever has focus, so
    // each press checks first that it is still on the button.
    while ((await page.getByRole('timer').count()) > 0 && (await clock(page)) < hhmm) {
      if (!(await focused()).startsWith('Advance 1 minute')) {
        if ((await page.getByRole('timer').count()) === 0) break;
        await tabTo('Advance 1 minute');
      }
      await page.keyboard.press('Enter');
    }
  };
  const script = [
    ['14:35', 'restart_server app-1'], ['14:40', 'check_config app-1'], ['14:42', 'diff_config'],
    ['15:00', 'view_memory'], ['15:02', 'page_developers'], ['15:17', 'heap_profile app-1'],
    ['15:45', 'declare_hypothesis memory_leak'], ['16:30', 'apply_code_fix'],
  ];
  for (const [at, text] of script) {
    await advance(at);
    await command(text);
  }
  // Tab completion fills a unique prefix.
  await tabTo('command-input');
  await page.keyboard.type('view_m');
  await page.keyboard.press('Tab');
  assert.equal(await page.locator('#command-input').inputValue(), 'view_memory');
  await page.keyboard.press('Escape');
  await advance('16:50');
  await command('declare_resolved');
  // Within a minute or two of the real team's 16:37: each command is typed a few seconds into its
  // minute, and how many depends on when the first pause landed.
  await page.getByRole('heading', { name: /^Resolved at 16:3\d/ }).waitFor({ timeout: 120_000 });
  await context.close();
});

test('a reload mid-run offers to resume, and resumes at the same moment', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await startIncident(page, server.url);
  await advanceTo(page, '14:35');
  await act(page, 'Restart one server', 'app-1');
  await advanceTo(page, '14:41');
  await act(page, 'View memory per host');
  // While busy, the menu says so once, by the action's name, and every button waits; once free,
  // one that cannot be taken on the picked target says why before anyone clicks.
  const profile = page.getByRole('button', { name: /^Heap profile/ });
  await page.getByRole('status').filter({ hasText: /^Busy: View memory per host/ }).waitFor();
  assert.equal(await profile.isDisabled(), true);
  assert.equal(await page.locator('#why-heap_profile').textContent(), '');
  await advanceTo(page, '14:42');
  await page.getByLabel('Target for Heap profile / dump').selectOption('app-2');
  assert.equal(await profile.isDisabled(), true);
  assert.match(await page.locator('#why-heap_profile').textContent(), /^app-2 is down$/);
  await page.getByLabel('Target for Heap profile / dump').selectOption('app-1');
  assert.equal(await profile.isDisabled(), false);
  const before = await page.getByRole('timer').textContent();
  await page.reload();
  await page.getByRole('button', { name: 'Resume' }).click({ timeout: 30_000 });
  assert.equal(await page.getByRole('timer').textContent(), before);
  await advanceTo(page, '14:44');
  const findings = page.locator('section.findings');
  await findings.getByText('Restart one server (app-1)').first().waitFor();
  await findings.getByText('View memory per host').first().waitFor();
  // Discarding forgets it.
  await page.reload();
  await page.getByRole('button', { name: 'Discard' }).click({ timeout: 30_000 });
  await page.reload();
  await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByRole('button', { name: 'Resume' }).count(), 0);
  await context.close();
});

test('a corrupt save is reported in one line and set aside', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  // The page is up (it has read its storage), then the save is damaged, then the page reloads.
  await page.getByRole('heading', { name: 'Incidents' }).waitFor();
  await page.evaluate(() => localStorage.setItem('incident-trainer.session', '{"version":1,"scenario_id":'));
  await page.reload();
  const notice = page.getByRole('status').filter({ hasText: 'could not be read' });
  await notice.waitFor({ timeout: 30_000 });
  assert.ok((await notice.textContent()).includes('set aside'));
  assert.equal(await page.evaluate(() => localStorage.getItem('incident-trainer.session')), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('incident-trainer.session.unreadable')), '{"version":1,"scenario_id":');
  await page.screenshot({ path: `${shots}/corrupt-save.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a hostile scenario file shows as text; a broken one lists its errors with lines', async () => {
  const toml = execFileSync(cli, ['list']).toString(); // proves the CLI runs; the file comes from the repo
  assert.ok(toml.includes('ecommerce-memory-leak'));
  const { readFileSync } = await import('node:fs');
  const original = readFileSync('scenarios/ecommerce-memory-leak.toml', 'utf8');
  const hostile = original.replace(/^title = ".*"$/m, 'title = "<img src=x onerror=alert(1)>"');
  const context = await browser.newContext();
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: 30_000 });
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'hostile.toml', mimeType: 'text/plain', buffer: Buffer.from(hostile) });
  await page.getByRole('heading', { name: '<img src=x onerror=alert(1)>' }).waitFor();
  assert.equal(await page.locator('img').count(), 0, 'no element was made from the title');
  const broken = original.replace('servers = 4', 'servers = 0').replace('baseline_rps = 950', 'baseline_rps = "lots"');
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'broken.toml', mimeType: 'text/plain', buffer: Buffer.from(broken) });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /line \d+, column \d+/);
  await page.screenshot({ path: `${shots}/file-errors.png`, fullPage: true });
  assert.deepEqual(dialogs, []);
  await context.close();
});

test('the console is usable on a phone: no sideways scrolling', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await startIncident(page, server.url);
  await advanceTo(page, '14:45');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: `${shots}/console-phone.png`, fullPage: false });
  // The debrief too.
  await abandon(page);
  await page.getByText(/^You abandoned the session at 14:45 WAT\./).waitFor({ timeout: 30_000 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `the debrief scrolls sideways by ${wide}px`);
  await page.screenshot({ path: `${shots}/debrief-phone.png`, fullPage: false });
  await context.close();
});

test('a session of a scenario opened from a file resumes after a reload', async () => {
  const { readFileSync } = await import('node:fs');
  const own = readFileSync('scenarios/ecommerce-memory-leak.toml', 'utf8')
    .replace(/^id = ".*"$/m, 'id = "our-own-outage"')
    .replace(/^title = ".*"$/m, 'title = "Our own outage"');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'ours.toml', mimeType: 'text/plain', buffer: Buffer.from(own) });
  // Open a built-in first and go back: the file's text must still travel with its own session.
  await page.getByRole('button', { name: `Open ${SCENARIO_TITLE}` }).click();
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await page.getByRole('button', { name: 'Open Our own outage' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  await advanceTo(page, '14:20');
  await act(page, 'List recent deploys');
  await page.reload();
  await page.getByText('You have a session of "Our own outage" in progress').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.getByRole('heading', { name: 'Our own outage' }).waitFor();
  assert.equal(await clock(page), '14:20');
  await context.close();
});

test('stop the bleeding first, then fix: the run goes on after mitigation and ends resolved', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await startIncident(page, server.url);
  await advanceTo(page, '14:30');
  await act(page, 'Restart all servers');
  await advanceTo(page, '14:32');
  await act(page, 'Page the development team');
  await advanceTo(page, '14:40');
  await act(page, 'Heap profile / dump', 'app-2');
  await advanceTo(page, '14:46');
  await act(page, 'Declare a root-cause hypothesis', 'memory_leak');
  await advanceTo(page, '14:47');
  await act(page, 'Apply the code fix');
  // Service came back at about 14:32: the strip says so, without calling it mitigated or saying whether the
  // cause is gone.
  const status = page.getByRole('region', { name: 'Service status' });
  assert.match(await status.textContent(), /Service restored 14:3\d/);
  assert.doesNotMatch(await status.textContent(), /leak|cause|mitigated/i);
  await page.screenshot({ path: `${shots}/console-mitigated.png`, fullPage: false });
  // 25 minutes after mitigation the session is still running (the fix's deploy restarted every
  // server at 14:53; service is back again by 15:10).
  await advanceTo(page, '15:00');
  assert.equal(await clock(page), '15:00');
  await advanceTo(page, '15:10');
  assert.match(await status.textContent(), /Service restored 14:5\d/);
  await declareResolved(page);
  await page.getByRole('heading', { name: /^Resolved at 14:5\d/ }).waitFor({ timeout: 30_000 });
  const score = Number(await page.getByTestId('score').textContent());
  assert.ok(score > 50, `mitigating first and fixing beats the real team: ${score}`);
  // The breakdown adds up on screen: the points line and the sentence that maps it to the score.
  await page.getByRole('rowheader', { name: 'Harm' }).waitFor({ timeout: 30_000 });
  const rows = await page.getByRole('row').allTextContents();
  assert.ok(rows.some((r) => /^Points\s*\d+\.\d \/ 100$/.test(r)), rows.join('\n'));
  assert.ok(rows.some((r) => /^ScoreResolved: the score is the points/.test(r)), rows.join('\n'));
  await page.screenshot({ path: `${shots}/end-mitigated-first.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
