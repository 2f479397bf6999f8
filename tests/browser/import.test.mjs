// "Start from a postmortem" on the author's page: the author pastes the narrative write-up, gets
// its draft in the editor with what was found and what is left to decide, and the draft checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useApp } from './harness.mjs';

const app = useApp();

test('a pasted postmortem opens as a draft that checks, with its summary', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(app.server.url);
  await page.getByRole('link', { name: 'Write a scenario' }).click({ timeout: 30_000 });
  const problemsPanel = page.getByRole('region', { name: 'Problems' });
  await problemsPanel.getByText('No problems: this is a valid scenario.').waitFor({ timeout: 30_000 });

  await page.getByText('Start from a postmortem').click();
  const writeUp = await readFile(new URL('../postmortems/seed-narrative.txt', import.meta.url), 'utf8');
  await page.getByRole('textbox', { name: 'Postmortem text' }).fill(writeUp);
  await page.getByRole('button', { name: 'Make a draft' }).click();

  const summary = page.getByRole('region', { name: 'What the import found' });
  await summary.getByText(/^4 timeline entries, \d with a proposed action$/).waitFor({ timeout: 20_000 });
  await summary.getByText('calibration: outage 14:30 to restore 16:45').waitFor();
  await summary.getByText(/^the fleet, traffic and the fault's type/).waitFor();
  const editor = page.getByRole('textbox', { name: 'Scenario file (TOML)' });
  const draft = await editor.inputValue();
  assert.match(draft, /\[\[reference\]\]\nat = "15:00"/);
  assert.match(draft, /# DECIDE:/);
  await problemsPanel.getByText('No problems: this is a valid scenario.').waitFor({ timeout: 30_000 });
  await page.getByText(/^The real team's path: /).waitFor({ timeout: 20_000 });
  assert.equal(await page.getByRole('combobox', { name: 'Draft' }).inputValue(), 'pasted postmortem draft');
  await page.getByRole('heading', { name: 'Write a scenario' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${app.shots}/import-draft.png` });

  // An empty paste says so and keeps the draft.
  await page.getByRole('textbox', { name: 'Postmortem text' }).fill('');
  await page.getByRole('button', { name: 'Make a draft' }).click();
  await page.getByText('No draft made: pasted postmortem: the write-up is empty: paste or open a postmortem').waitFor();
  assert.equal(await editor.inputValue(), draft);
  assert.deepEqual(problems, []);
  await context.close();
});
