// The library a trainee opens: every built-in incident as a card, easiest first, each playable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, advanceTo, act } from './harness.mjs';

const app = useApp();

test('the library lists eight incidents easiest first, and a new one plays', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: 30_000 });
  const titles = await page.locator('li.card h2').allTextContents();
  assert.equal(titles.length, 8, titles.join(' | '));
  const levels = await page.locator('li.card .badge').allTextContents();
  const order = ['introductory', 'intermediate', 'advanced'];
  const ranks = levels.map((l) => order.indexOf(l.trim()));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), levels.join(', '));
  await page.screenshot({ path: `${app.shots}/library.png`, fullPage: true });
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
