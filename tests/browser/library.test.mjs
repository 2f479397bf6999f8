// The library a trainee opens: every built-in incident as a card, easiest first, each playable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, advanceTo, act, abandon } from './harness.mjs';

const app = useApp();

test('the library lists ten incidents easiest first, and a new one plays', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: 30_000 });
  const titles = await page.locator('li.card h2').allTextContents();
  assert.equal(titles.length, 10, titles.join(' | '));
  const levels = await page.locator('li.card .badge').allTextContents();
  const order = ['introductory', 'intermediate', 'advanced'];
  const ranks = levels.map((l) => order.indexOf(l.trim()));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), levels.join(', '));
  await page.screenshot({ path: `${app.shots}/library.png`, fullPage: true });
  // A card never names the mechanism (the authors' tags do: regex, connection-pool, rollback),
  // and tells a facilitator what they can send.
  const cards = (await page.locator('li.card').allTextContents()).join(' ');
  for (const tag of ['regex', 'connection-pool', 'memory-leak', 'rollback', 'red-herring', 'scale-out']) {
    assert.ok(!cards.includes(tag), `a card says "${tag}"`);
  }
  assert.equal(await page.locator('li.card').getByText(/^Facilitated drill: \d+ injects?$/).count(), 10);
  // A real incident from the library: the Q&A site whose health check was its home page.
  await page.getByRole('button', { name: 'Open Every server out of rotation' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  await advanceTo(page, '14:46');
  await act(page, 'Check load balancer');
  await advanceTo(page, '14:48');
  await page.locator('section.findings').getByText(/ny-web01 OUT/).waitFor({ timeout: 10_000 });
  await page.screenshot({ path: `${app.shots}/regex-health-check-console.png` });
  await context.close();
});

// A scenario whose title is one very long word: it wraps on the card, the track's neighbours,
// the briefing and the debrief header, at desk and phone width, with no sideways scroll.
const LONG = 'Checkout' + 'Unavailable'.repeat(9);
for (const [width, height] of [[1280, 800], [390, 844]]) {
  test(`a very long word in a title wraps at ${width}x${height}`, async () => {
    const { readFileSync } = await import('node:fs');
    const own = readFileSync('scenarios/ecommerce-memory-leak.toml', 'utf8')
      .replace(/^id = ".*"$/m, 'id = "long-title"')
      .replace(/^title = ".*"$/m, `title = "${LONG} outage"`);
    const context = await app.browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    const wide = () => page.evaluate(() => document.documentElement.scrollWidth);
    await page.goto(app.server.url);
    await page.getByLabel('Open a scenario file').setInputFiles({ name: 'long.toml', mimeType: 'text/plain', buffer: Buffer.from(own) });
    const open = page.getByRole('button', { name: `Open ${LONG} outage` });
    await open.waitFor({ timeout: 30_000 });
    assert.ok((await wide()) <= width, `library is ${await wide()} px wide`);
    await open.scrollIntoViewIfNeeded();
    await page.locator('li.card', { has: open }).screenshot({ path: `${app.shots}/long-title-card-${width}.png` });
    await open.click();
    await page.getByRole('heading', { name: `${LONG} outage` }).waitFor();
    assert.ok((await wide()) <= width, `briefing is ${await wide()} px wide`);
    await page.screenshot({ path: `${app.shots}/long-title-briefing-${width}.png` });
    await page.getByRole('button', { name: 'Start' }).click();
    await abandon(page);
    await page.getByText(`${LONG} outage · seed`, { exact: false }).waitFor({ timeout: 60_000 });
    assert.ok((await wide()) <= width, `debrief is ${await wide()} px wide`);
    await page.screenshot({ path: `${app.shots}/long-title-debrief-${width}.png` });
    await context.close();
  });
}

// A scenario opened from a file stays in the library while a team lead goes to the author's
// page and back (each loads the page again).
test('a scenario opened from a file is listed again after the author page', async () => {
  const { readFileSync } = await import('node:fs');
  const own = readFileSync('scenarios/ecommerce-memory-leak.toml', 'utf8')
    .replace(/^id = ".*"$/m, 'id = "own-file"')
    .replace(/^title = ".*"$/m, 'title = "Our own checkout outage"');
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'own.toml', mimeType: 'text/plain', buffer: Buffer.from(own) });
  const open = page.getByRole('button', { name: 'Open Our own checkout outage' });
  await open.waitFor({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Write a scenario' }).click();
  await page.getByRole('heading', { name: 'Write a scenario' }).waitFor({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Back to the library' }).click();
  await open.waitFor({ timeout: 30_000 });
  assert.equal(await open.count(), 1, 'listed once, not twice');
  // The browser's own back button, from the author's page again, comes back to it too.
  await page.getByRole('link', { name: 'Write a scenario' }).click();
  await page.getByRole('heading', { name: 'Write a scenario' }).waitFor({ timeout: 30_000 });
  await page.goBack();
  await open.waitFor({ timeout: 30_000 });
  await open.click();
  await page.getByRole('heading', { name: 'Our own checkout outage' }).waitFor();
  await context.close();
});

// The pooler incident: the only alert reaches nobody, the member's report reaches the console at
// 17:20 as a message, and the pooler's host is one target whose limits show the refusals.
test('an undelivered alert, a reported outage, and the pooler read on its host', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByRole('button', { name: 'Open Connection errors, and nothing is down' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  await advanceTo(page, '15:30');
  const target = page.getByLabel('Target for Check open files and limits');
  const labels = await target.locator('option').allTextContents();
  assert.equal(labels.filter((l) => l.startsWith('nietzsche')).length, 1, labels.join(' | '));
  await act(page, 'Check open files and limits', 'nietzsche');
  await advanceTo(page, '15:32');
  await page.locator('section.findings').getByText(/of attempts refused/).waitFor({ timeout: 10_000 });
  const alerts = page.getByRole('region', { name: 'Alerts' });
  assert.equal(await alerts.getByText('MESSAGE').count(), 0);
  await advanceTo(page, '17:21');
  await alerts.getByText('A community member reports 500s.').waitFor({ timeout: 10_000 });
  await page.screenshot({ path: `${app.shots}/pooler-report.png` });
  await context.close();
});
