// The console's rough edges, as a first-day trainee met them, each fixed and kept fixed: logs as
// wide as a terminal with the newest line in view, chart marks named as the buttons and collapsed
// when close, the action in progress said once by its name, a hypothesis picker that is not cut,
// Tab listing what can be typed, the theme followed live and chosen in the page, a phone's status
// strip unclipped and its finding brought into view, race labels that never overprint, dates and
// zones as people write them. Screenshots of each in tests/browser/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, startIncident, advanceTo, act, declareResolved, SCENARIO_TITLE } from './harness.mjs';

const app = useApp();

/** The mean colour of a chart canvas's top-left corner (its background). */
function corner(page, selector) {
  return page.$eval(selector, (canvas) => {
    const d = canvas.getContext('2d').getImageData(2, 2, 8, 8).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += (d[i] + d[i + 1] + d[i + 2]) / 3;
    return sum / (d.length / 4);
  });
}

/** Waits until every chart's background is dark (or light): they redraw in the new theme. */
function chartsTurn(page, theme) {
  return page.waitForFunction((dark) => [...document.querySelectorAll('figure.chart-panel canvas')].every((c) => {
    const red = c.getContext('2d').getImageData(2, 2, 1, 1).data[0];
    return dark ? red < 80 : red > 200;
  }), theme === 'dark', { timeout: 10_000 });
}

test('the console at 1280x800: logs, marks, progress, the hypothesis picker, Tab, the theme', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await startIncident(page, app.server.url);
  await advanceTo(page, '14:30');
  await act(page, 'View memory per host');
  // The action in progress is said once, by its name; no "busy" under every button.
  await page.getByRole('status').filter({ hasText: /^Busy: View memory per host \(/ }).waitFor();
  const busyNotes = await page.locator('.actions .why').filter({ hasText: /busy/i }).count();
  assert.equal(busyNotes, 0, 'busy is not repeated under the buttons');
  await advanceTo(page, '14:31');
  await act(page, 'Page the development team');
  await advanceTo(page, '14:32');
  await act(page, 'Update the status page');
  await advanceTo(page, '14:40');
  // The chart marks collapse close actions; the first chart's summary names every one.
  const summary = await page.locator('figure.chart-errors figcaption').textContent();
  assert.match(summary, /Actions: 14:30 View memory per host; 14:31 Page the development team; 14:32 Update the status page\./);
  // The findings list names the action as its button does.
  await page.locator('section.findings').getByRole('button', { name: /View memory per host/ }).first().waitFor();

  // Logs: as wide as the console, lines wrap (no sideways scroll), the newest in view.
  const logs = page.getByRole('log', { name: 'Log lines' });
  const box = await logs.boundingBox();
  assert.ok(box.width > 900, `logs are ${box.width}px wide`);
  const fit = await logs.evaluate((el) => ({
    sideways: el.scrollWidth - el.clientWidth,
    fromBottom: el.scrollHeight - el.clientHeight - el.scrollTop,
  }));
  assert.ok(fit.sideways <= 1, `the log scrolls sideways by ${fit.sideways}px`);
  assert.ok(fit.fromBottom <= 4, `the newest line is ${fit.fromBottom}px below the view`);
  await logs.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${app.shots}/console-logs.png` });

  // The hypothesis picker has a line of its own, and the picked cause reads whole beside it.
  const picker = page.getByLabel('Target for Declare a root-cause hypothesis');
  const item = page.locator('li.action').filter({ has: picker });
  // Nothing is picked to start with (the default must not be the answer), and the button says so.
  assert.equal(await picker.inputValue(), '');
  assert.equal(await item.getByRole('button').isDisabled(), true);
  assert.equal(await item.locator('.why').textContent(), 'pick one first');
  await picker.selectOption('memory_leak');
  const full = await picker.evaluate((el) => el.options[el.selectedIndex].textContent);
  assert.equal(await item.locator('.picked').textContent(), full);
  const pickerBox = await picker.boundingBox();
  const itemBox = await item.boundingBox();
  assert.ok(pickerBox.width > itemBox.width * 0.9, 'the picker takes the whole line');
  await item.scrollIntoViewIfNeeded();
  await item.screenshot({ path: `${app.shots}/console-hypothesis-picker.png` });

  // Tab on an empty command box lists what can be typed, and keeps focus; Tab again moves on.
  const input = page.locator('#command-input');
  await input.focus();
  await page.keyboard.press('Tab');
  const listed = page.getByRole('list', { name: 'Commands you can type' });
  await listed.waitFor();
  assert.ok((await listed.getByRole('listitem').count()) >= 10);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'command-input');
  await page.screenshot({ path: `${app.shots}/console-tab-list.png` });
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement.id), 'command-input');
  // An ambiguous entry lists its candidates too.
  await input.fill('dis');
  await input.focus();
  await page.keyboard.press('Tab');
  assert.equal(await input.inputValue(), 'disable_', 'Tab first fills what the candidates share');
  await page.keyboard.press('Tab');
  const candidates = await listed.getByRole('listitem').allTextContents();
  assert.ok(candidates.includes('disable_maintenance_page') && candidates.includes('disable_rate_limiting'), candidates.join(', '));
  // The command box has no empty bar under it.
  await input.fill('');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#command-hint').isVisible(), false, 'no empty hint bar');

  // The system switches to dark mid-run: the charts redraw dark, without waiting for data.
  const light = await corner(page, 'figure.chart-traffic canvas');
  assert.ok(light > 200, `a light chart: ${light}`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  await chartsTurn(page, 'dark');
  await page.screenshot({ path: `${app.shots}/console-dark-live.png` });
  // The page's own switch wins over the system's, and is kept across a reload.
  await page.getByLabel('Theme').selectOption('light');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  // The charts follow the switch.
  await chartsTurn(page, 'light');
  await page.reload();
  await page.getByLabel('Theme').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByLabel('Theme').inputValue(), 'light');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the briefing dates the incident as people write dates, and zones fit their season', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByRole('button', { name: `Open ${SCENARIO_TITLE}` }).click({ timeout: 30_000 });
  await page.getByText(/^May 10 \(year not known\) · 14:00 WAT/).waitFor();
  await page.getByRole('button', { name: 'Back to the library' }).click();
  await page.getByRole('button', { name: 'Open Waiting on someone else' }).click();
  // A June afternoon in New York is daylight time.
  await page.getByText(/^June 11, 2025 · 12:00 EDT/).waitFor();
  await context.close();
});

test('the console at 390x844: the status strip unclipped, a finding brought into view', async () => {
  const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await startIncident(page, app.server.url);
  await advanceTo(page, '14:31');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `the page is ${wide}px wide`);
  const clipped = await page.locator('.status .value').evaluateAll((els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
  assert.deepEqual(clipped, [], 'no status value is clipped');
  await page.screenshot({ path: `${app.shots}/console-phone-status.png` });
  await act(page, 'View memory per host');
  // Its output is ready a minute later: the click that gets there is the last one.
  await advanceTo(page, '14:32');
  const open = page.locator('li.finding.open');
  await open.waitFor();
  await page.waitForTimeout(300);
  const inView = await open.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top < window.innerHeight && r.bottom > 0;
  });
  assert.ok(inView, 'the finding that opened is on screen');
  await page.screenshot({ path: `${app.shots}/console-phone-finding.png` });
  await context.close();
});

test('the race labels never overprint, and the debrief reads in both themes', async () => {
  for (const scheme of ['light', 'dark']) {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
    const page = await context.newPage();
    await startIncident(page, app.server.url);
    // Mitigate and resolve fast: the real team's phases bunch at the right end of the race.
    await advanceTo(page, '14:30');
    await act(page, 'View memory per host');
    await advanceTo(page, '14:31');
    await act(page, 'Restart all servers');
    await advanceTo(page, '14:33');
    await act(page, 'Page the development team');
    await advanceTo(page, '14:34');
    await act(page, 'Declare a root-cause hypothesis', 'memory_leak');
    await advanceTo(page, '14:47');
    await act(page, 'Apply the code fix');
    await advanceTo(page, '15:05');
    await declareResolved(page);
    await page.getByRole('heading', { name: /^Resolved at/ }).waitFor({ timeout: 30_000 });
    for (const lane of await page.locator('svg.lane-track').all()) {
      const boxes = await lane.locator('text').evaluateAll((els) => els.map((el) => {
        const r = el.getBoundingClientRect();
        return { l: r.left, r: r.right, t: r.top, b: r.bottom, text: el.textContent };
      }));
      for (let i = 0; i < boxes.length; i += 1) {
        for (let j = i + 1; j < boxes.length; j += 1) {
          const [a, b] = [boxes[i], boxes[j]];
          const overlap = a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
          assert.ok(!overlap, `"${a.text}" overprints "${b.text}"`);
        }
      }
    }
    await page.screenshot({ path: `${app.shots}/debrief-${scheme}.png`, fullPage: true });
    await context.close();
  }
});
