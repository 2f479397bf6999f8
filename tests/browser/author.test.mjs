// The author's page as a team lead uses it: start from the template, break the file and see the
// error at its line, click the error to jump there, fix it, see the preview, check soundness
// (progress, then the report; and a search cancelled), keep named drafts across a reload,
// download the file, and play it in the console.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp, inkedShare } from './harness.mjs';

const app = useApp();

/** Replaces the first `from` in the editor with `to`, by selecting it and typing over it. */
async function typeOver(page, from, to) {
  const editor = page.getByRole('textbox', { name: 'Scenario file (TOML)' });
  await editor.evaluate((area, from) => {
    const at = area.value.indexOf(from);
    if (at < 0) throw new Error(`not in the editor: ${from}`);
    area.focus();
    area.setSelectionRange(at, at + from.length);
  }, from);
  if (to === '') await page.keyboard.press('Delete');
  else await page.keyboard.insertText(to);
}

/** A fresh browser on the author's page. */
async function openAuthor(viewport) {
  const context = await app.browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByRole('link', { name: 'Write a scenario' }).click({ timeout: 30_000 });
  return { context, page };
}

test('write a scenario: an error at its line, fixed, previewed, checked, kept, played', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(app.server.url);
  await page.getByRole('link', { name: 'Write a scenario' }).click({ timeout: 30_000 });
  await page.getByRole('heading', { name: 'Write a scenario' }).waitFor();
  const editor = page.getByRole('textbox', { name: 'Scenario file (TOML)' });
  const problemsPanel = page.getByRole('region', { name: 'Problems' });
  // A first visit starts from the template, which is valid and previews at once.
  await problemsPanel.getByText('No problems: this is a valid scenario.').waitFor({ timeout: 30_000 });
  assert.match(await editor.inputValue(), /\[scenario\]/);
  await page.getByText(/^Doing nothing: outage \d\d:\d\d/).waitFor({ timeout: 10_000 });
  await page.getByText(/^The real team's path: .*restored \d\d:\d\d/).waitFor();
  // Valid is said to mean well-formed and consistent, not winnable.
  await problemsPanel.getByText(/^Valid means the file is well-formed and consistent/).waitFor();
  const previewPanel = page.getByRole('region', { name: 'Preview' });
  assert.equal(await previewPanel.getByText('Out of date').count(), 0);
  assert.ok((await inkedShare(page, '.preview-chart canvas')) > 0.01, 'the preview chart is drawn');

  // Break it: no servers. The error names the line, and the gutter marks it.
  const text = await editor.inputValue();
  const line = text.split('\n').findIndex((l) => l.startsWith('servers = 3')) + 1;
  await typeOver(page, 'servers = 3', 'servers = 0');
  const error = problemsPanel.getByRole('button', { name: `Line ${line}, column 11` });
  await error.waitFor({ timeout: 10_000 });
  await problemsPanel.getByText('1 problem(s) in the file:').waitFor();
  assert.equal(await page.locator('.gutter .ln.bad').textContent(), `● ${line}`);
  assert.equal(await page.getByRole('button', { name: 'Play this scenario' }).isDisabled(), true);
  // The preview still shows the last valid version, and says so: which version, which line.
  await previewPanel.getByText('Out of date', { exact: true }).waitFor();
  await previewPanel.getByText(new RegExp(`^Out of date: this is the preview of the last valid version, checked at \\d\\d:\\d\\d:\\d\\d\\. Since then line ${line} has a problem`)).waitFor();
  assert.equal(await page.locator('section.preview.stale').count(), 1);
  await page.screenshot({ path: `${app.shots}/author-error.png` });
  // Clicking the error puts the caret on its line.
  await error.click();
  const selected = await editor.evaluate((a) => a.value.slice(a.selectionStart, a.selectionEnd));
  assert.equal(selected, 'servers = 0');
  // Tab indents and undo takes it back (the browser's own undo).
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  assert.match(await editor.inputValue(), /\n {2}servers = 0/);
  await page.keyboard.press('Control+z');
  assert.match(await editor.inputValue(), /\nservers = 0/);

  // Fix it; the preview follows the file: five servers.
  await typeOver(page, 'servers = 0', 'servers = 5');
  await problemsPanel.getByText('No problems: this is a valid scenario.').waitFor({ timeout: 10_000 });
  await page.locator('.gutter .ln.bad').waitFor({ state: 'detached' });
  await page.locator('section.preview.stale').waitFor({ state: 'detached' });

  // Check soundness: progress, then the report.
  await page.getByRole('button', { name: 'Check soundness' }).click();
  await page.getByText('Sound: every seed can be won, and only by fixing the fault.').waitFor({ timeout: 120_000 });
  const seeds = await page.locator('.report .seeds > li').count();
  assert.equal(seeds, 3);
  await page.screenshot({ path: `${app.shots}/author-sound.png`, fullPage: true });
  // A search can be cancelled while it runs.
  await page.getByRole('button', { name: 'Check soundness' }).click();
  await page.getByRole('progressbar').waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('Cancelled: the search was stopped.').waitFor();

  // Name the draft, start a second one from a built-in, and find both after a reload.
  const name = page.getByRole('textbox', { name: 'Name' });
  await name.fill('checkout release');
  await name.press('Enter');
  await page.getByLabel('Start from').selectOption({ label: 'Library: A quarter of the news' });
  await page.getByRole('button', { name: 'New draft' }).click();
  await page.waitForFunction(() => document.querySelector('.author-bar input[type="text"]').value === 'debug-logs-disk');
  await problemsPanel.getByText('No problems: this is a valid scenario.').waitFor({ timeout: 10_000 });
  // The author's page is a page of its own: a reload stays on it.
  await page.reload();
  await page.getByRole('heading', { name: 'Write a scenario' }).waitFor({ timeout: 30_000 });
  const drafts = await page.getByLabel('Draft').locator('option').allTextContents();
  assert.deepEqual(drafts, ['debug-logs-disk', 'checkout release']);
  await page.getByLabel('Draft').selectOption('checkout release');
  await problemsPanel.getByText('No problems: this is a valid scenario.').waitFor({ timeout: 10_000 });
  assert.match(await editor.inputValue(), /servers = 5/);

  // Download it: the file is the editor's text.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'checkout-release.toml');
  assert.equal(await readFile(await download.path(), 'utf8'), await editor.inputValue());

  // Play it: the console shows five servers.
  await page.getByRole('button', { name: 'Play this scenario' }).click();
  await page.getByRole('heading', { name: 'A release that breaks checkout' }).waitFor();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('rowheader', { name: 'web-5' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the author page at phone width has no sideways scroll', async () => {
  const context = await app.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByRole('link', { name: 'Write a scenario' }).click({ timeout: 30_000 });
  await page.getByText('No problems: this is a valid scenario.').waitFor({ timeout: 30_000 });
  await page.getByText(/^Doing nothing: outage/).waitFor({ timeout: 10_000 });
  // The format reference opened and searched: still no sideways scroll.
  await page.getByRole('searchbox', { name: 'Search the format' }).fill('fault');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `page is ${wide} px wide`);
  await page.screenshot({ path: `${app.shots}/author-phone.png`, fullPage: true });
  await page.getByRole('region', { name: 'Format reference' }).screenshot({ path: `${app.shots}/author-reference-phone.png` });
  await context.close();
});

test('valid is not sound: a required field left out, an optional one, and an unsound draft labelled and still playable', async () => {
  const { context, page } = await openAuthor({ width: 1280, height: 800 });
  const editor = page.getByRole('textbox', { name: 'Scenario file (TOML)' });
  const problemsPanel = page.getByRole('region', { name: 'Problems' });
  await problemsPanel.getByText('No problems: this is a valid scenario.').waitFor({ timeout: 30_000 });
  // The template says which fields are required; leaving one out says it is, at its table.
  const text = await editor.inputValue();
  const traffic = text.split('\n').findIndex((l) => l === '[traffic]') + 1;
  await typeOver(page, 'noise = 0.03\n', '');
  await problemsPanel.getByText('missing field `noise`: it is required in this table').waitFor({ timeout: 10_000 });
  await problemsPanel.getByRole('button', { name: `Line ${traffic}, column 1` }).waitFor();
  await typeOver(page, 'requests_per_user_s', 'noise = 0.03\nrequests_per_user_s');
  await problemsPanel.getByText('No problems: this is a valid scenario.').waitFor({ timeout: 10_000 });
  // An optional one left out takes its default.
  await typeOver(page, 'service = "shop"', '');
  await problemsPanel.getByText('No problems: this is a valid scenario.').waitFor({ timeout: 10_000 });

  // Without the release that brings the fault, the rollback cures nothing: valid, not sound.
  await typeOver(page, 'deploy = "v42"', '');
  await problemsPanel.getByText('No problems: this is a valid scenario.').waitFor({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Check soundness' }).click();
  const soundness = page.getByRole('region', { name: 'Soundness' });
  await soundness.getByText("Not sound: the file is valid, but the solver's checks failed.").waitFor({ timeout: 180_000 });
  const reasons = await soundness.getByRole('list', { name: 'Why it is not sound' }).locator('li').allTextContents();
  assert.ok(reasons.some((r) => /^seeds? [\d, ]+: the real team's path does not restore service in this world$/.test(r)), reasons.join(' | '));
  await soundness.getByText(/^What to do: /).waitFor();
  const play = page.getByRole('button', { name: 'Play anyway (not sound)' });
  assert.equal(await play.isDisabled(), false);
  assert.equal(await page.getByRole('button', { name: 'Play this scenario' }).count(), 0);
  await page.screenshot({ path: `${app.shots}/author-unsound.png`, fullPage: true });
  // A change makes the verdict stale: it is withdrawn, and Play says what it plays again.
  await typeOver(page, 'Faster search', 'Faster search.');
  await soundness.getByText('The text changed since the last check: check soundness again.').waitFor();
  await page.getByRole('button', { name: 'Play this scenario' }).waitFor({ timeout: 10_000 });
  await context.close();
});

test('the format reference ships with the page: every table, searchable', async () => {
  const { context, page } = await openAuthor({ width: 1280, height: 800 });
  const ref = page.getByRole('region', { name: 'Format reference' });
  await ref.waitFor({ timeout: 30_000 });
  assert.match(await ref.getByRole('status').textContent(), /^\d+ tables, \d+ fields\.$/);
  for (const table of ['[scenario]', '[clock]', '[fleet.load_balancer]', '[[faults]]', '[[reference]]']) {
    await ref.locator('summary', { hasText: table }).first().waitFor();
  }
  // Opening a table lists its fields, each required or with its default, and what it means.
  const search = ref.getByRole('searchbox', { name: 'Search the format' });
  await ref.locator('summary', { hasText: '[clock]' }).click();
  const clockTable = ref.locator('details', { has: page.locator('summary', { hasText: '[clock]' }) });
  await clockTable.getByText('optional (default "10s")').waitFor();
  await clockTable.getByText('how often metrics are sampled and alerts evaluated').waitFor();
  // Code in a meaning is set as code, not shown with its backticks.
  await search.fill('metric watches');
  await ref.locator('dd', { hasText: 'The metric it watches' }).locator('code', { hasText: 'incident-sim schema' }).waitFor();
  assert.doesNotMatch(await ref.locator('dd', { hasText: 'The metric it watches' }).textContent(), /`/);
  // Searching narrows it and opens what matches.
  await search.fill('heap max');
  await ref.getByText(/^\d+ field\(s\) in \d+ table\(s\) match\.$/).waitFor();
  const heap = ref.locator('dt', { hasText: 'heap_max_mb' });
  await heap.waitFor();
  assert.equal(await heap.locator('.ref-need').textContent(), 'required');
  assert.ok(await heap.isVisible());
  await ref.scrollIntoViewIfNeeded();
  await ref.screenshot({ path: `${app.shots}/author-reference.png` });
  await search.fill('no such field anywhere');
  await ref.getByText('0 field(s) in 0 table(s) match.').waitFor();
  await context.close();
});
