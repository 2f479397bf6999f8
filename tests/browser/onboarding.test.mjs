// The onboarding track as a new engineer walks it: the guided first incident, its hints followed
// one by one, restored; the debrief notes the hints; the next incident opens; progress goes out
// as a file and comes back in a fresh browser (and a wrong file is refused, saying why).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useApp, advanceTo, act, declareResolved } from './harness.mjs';

const app = useApp();
const FIRST = 'First shift: uploads failing';

async function hint(page) {
  return (await page.getByRole('complementary', { name: 'Hint' }).textContent()).replace(/^Hint /, '');
}

test('the guided incident, hints followed, opens the next; progress exported and imported', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.server.url);
  const track = page.getByRole('region', { name: 'Onboarding track' });
  await track.waitFor({ timeout: 30_000 });
  assert.match(await track.textContent(), /0 of 10 resolved/);
  // A suggested order, not a gate: the rest come later and open all the same, and each card says
  // what the track says, in the same words.
  const later = 'Later on the track: play it now if you like';
  assert.equal(await track.getByText(later).count(), 9);
  assert.equal(await page.locator('li.card .on-track').filter({ hasText: later }).count(), 9);
  assert.equal(await track.getByText(/locked/i).count(), 0);
  assert.equal(await track.getByRole('button', { name: /^Play / }).count(), 10);
  await track.getByRole('button', { name: `Continue: ${FIRST}` }).click();

  // The guided incident starts with hints on, and they lead through the console.
  await page.getByRole('heading', { name: FIRST }).waitFor();
  assert.equal(await page.getByRole('checkbox', { name: 'Show hints' }).isChecked(), true);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.match(await hint(page), /^Welcome to the console/);
  await advanceTo(page, '16:08');
  assert.match(await hint(page), /^You are paged/);
  await page.screenshot({ path: `${app.shots}/onboarding-hint.png` });
  await act(page, 'Read logs', 'api-1');
  assert.match(await hint(page), /List recent deploys/);
  await advanceTo(page, '16:10');
  await page.locator('section.findings').getByText(/POST \/api\/photos/).first().waitFor();
  await act(page, 'List recent deploys');
  assert.match(await hint(page), /Declare a root-cause hypothesis/);
  await advanceTo(page, '16:11');
  await act(page, 'Declare a root-cause hypothesis', 'bad_release');
  assert.match(await hint(page), /Roll back the last deploy/);
  await advanceTo(page, '16:12');
  await act(page, 'Roll back the last deploy');
  assert.match(await hint(page), /rollback is under way/);
  await advanceTo(page, '16:15');
  await act(page, 'Update the status page');
  await page.getByRole('button', { name: '60x' }).click();
  // Service back is mitigated, not over: the hint says how to end the incident.
  await page.getByRole('complementary', { name: 'Hint' }).getByText(/Service is back under the SLO: mitigated/).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await declareResolved(page);
  await page.getByRole('heading', { name: /^Resolved at 16:\d\d/ }).waitFor({ timeout: 60_000 });

  // The debrief notes the hints.
  const noted = page.getByRole('region', { name: 'Hints' });
  await noted.getByText(/^You played with hints on: \d+ shown\.$/).waitFor({ timeout: 30_000 });
  assert.ok((await noted.locator('li').count()) >= 6);
  await page.screenshot({ path: `${app.shots}/onboarding-debrief.png`, fullPage: true });

  // Back in the library: the first is resolved (on the track and on its card) and the next is up.
  await page.getByRole('button', { name: 'Back to the library' }).click();
  assert.match(await track.textContent(), /1 of 10 resolved/);
  const next = track.getByRole('button', { name: /^Continue: / });
  const nextTitle = (await next.textContent()).replace('Continue: ', '');
  assert.notEqual(nextTitle, FIRST);
  await track.getByRole('button', { name: `Play ${nextTitle}` }).waitFor();
  const card = (title) => page.locator('li.card', { has: page.getByRole('heading', { name: title, exact: true }) });
  assert.equal(await card(FIRST).locator('.on-track').textContent(), 'Track 1 of 10: Resolved');
  assert.match(await card(FIRST).locator('.best').textContent(), /^Your best: score \d+ · resolved at 16:\d\d/);
  assert.equal(await card(nextTitle).locator('.on-track').textContent(), 'Track 2 of 10: Up next: the track suggests this one now');
  await page.screenshot({ path: `${app.shots}/onboarding-track.png` });

  // Export the progress.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    track.getByRole('button', { name: 'Export progress' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'incident-trainer-progress.json');
  const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(saved.format, 'incident-trainer-progress');
  assert.ok(saved.results.some((r) => r.scenario_id === 'first-shift' && r.restored_at > 0));
  const dir = await mkdtemp(join(tmpdir(), 'progress-'));
  const file = join(dir, 'progress-export.json');
  await writeFile(file, JSON.stringify(saved));
  assert.deepEqual(errors, []);
  await context.close();

  // A fresh browser: nothing done, until the file comes back.
  const fresh = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const other = await fresh.newPage();
  await other.goto(app.server.url);
  const track2 = other.getByRole('region', { name: 'Onboarding track' });
  await track2.waitFor({ timeout: 30_000 });
  assert.match(await track2.textContent(), /0 of 10 resolved/);
  const bad = join(dir, 'not-progress.json');
  await writeFile(bad, '{"results": []}');
  await other.getByLabel('Import progress').setInputFiles(bad);
  await track2.getByText(/This is not a progress file/).waitFor();
  await other.getByLabel('Import progress').setInputFiles(file);
  await track2.getByText('Progress imported from progress-export.json: 1 incident(s).').waitFor();
  assert.match(await track2.textContent(), /1 of 10 resolved/);
  await track2.getByRole('button', { name: `Continue: ${nextTitle}` }).waitFor();
  await fresh.close();
});

test('hints can be turned on for any scenario: the real team\'s next step once paged', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByRole('button', { name: 'Open Checkout down on a busy afternoon' }).click({ timeout: 30_000 });
  const box = page.getByRole('checkbox', { name: 'Show hints' });
  assert.equal(await box.isChecked(), false, 'off by default where the scenario has no coaching');
  await box.check();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.equal(await page.getByRole('complementary', { name: 'Hint' }).count(), 0, 'nothing before the page');
  // Their 14:35 restart and the config checks were detours: never hinted.
  await advanceTo(page, '14:50');
  assert.equal(await page.getByRole('complementary', { name: 'Hint' }).count(), 0, 'no detour hinted');
  await advanceTo(page, '15:01');
  assert.match(await hint(page), /^At 15:00 the real team's next step was: View memory per host\.$/);
  await context.close();
});
