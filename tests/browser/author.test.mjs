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
  await page.keyboard.insertText(to);
}

test('write a scenario: an error at its line, fixed, previewed, checked, kept, played', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(app.server.url);
  await page.getByRole('button', { name: 'Write a scenario' }).click({ timeout: 30_000 });
  await page.getByRole('heading', { name: 'Write a scenario' }).waitFor();
  const editor = page.getByRole('textbox', { name: 'Scenario file (TOML)' });
  const problemsPanel = page.getByRole('region', { name: 'Problems' });
  // A first visit starts from the template, which is valid and previews at once.
  await problemsPanel.getByText('No problems: this is a valid scenario.').waitFor({ timeout: 30_000 });
  assert.match(await editor.inputValue(), /\[scenario\]/);
  await page.getByText(/^Doing nothing: outage \d\d:\d\d/).waitFor({ timeout: 10_000 });
  await page.getByText(/^The real team's path: .*restored \d\d:\d\d/).waitFor();
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
  await page.reload();
  await page.getByRole('button', { name: 'Write a scenario' }).click({ timeout: 30_000 });
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
  await page.getByRole('button', { name: 'Write a scenario' }).click({ timeout: 30_000 });
  await page.getByText('No problems: this is a valid scenario.').waitFor({ timeout: 30_000 });
  await page.getByText(/^Doing nothing: outage/).waitFor({ timeout: 10_000 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `page is ${wide} px wide`);
  await page.screenshot({ path: `${app.shots}/author-phone.png`, fullPage: true });
  await context.close();
});
