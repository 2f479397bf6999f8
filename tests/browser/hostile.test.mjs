// Hostile content: HTML, a script, 300-character words and odd Unicode (an RTL override, a
// zero-width space, stacked combining marks, a joined emoji) in every text field of a scenario
// render as text and stay laid out (the page never scrolls sideways); the trainee's name too.
// A file over the size limit is refused by its size, before it is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useApp, advanceTo, abandon } from './harness.mjs';

const app = useApp();

const WORD = 'W'.repeat(300);
const hostile = (i) => `<script>window.__pwned=1</script><b>b${i}</b> ${WORD} \u202Eevil\u202C zero\u200Bwidth Z\u0301\u0302\u0303 👩‍👩‍👧‍👦🔥`;

/** The seed scenario with every title, text, summary and the briefing made hostile. */
function hostileScenario() {
  let i = 0;
  return readFileSync('scenarios/ecommerce-memory-leak.toml', 'utf8')
    .replace('id = "ecommerce-memory-leak"', 'id = "hostile-content"')
    .replace(/^(title|text|summary|from) = ".*"$/mg, (_, key) => `${key} = "${hostile(i++)}"`)
    .replace(/^briefing = """\n/m, () => `briefing = """\n${hostile(i++)}\n`);
}

async function laidOut(page, where) {
  const state = await page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    pwned: window.__pwned ?? null,
    made: document.querySelectorAll('main b, main script, .app b').length,
  }));
  assert.ok(state.overflow <= 0, `${where}: the page scrolls sideways by ${state.overflow}px`);
  assert.equal(state.pwned, null, `${where}: a script from the file ran`);
  assert.equal(state.made, 0, `${where}: an element was made from the file's text`);
}

for (const [label, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
  test(`a hostile scenario renders as text and stays laid out (${label})`, async () => {
    const context = await app.browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
    await page.goto(app.server.url);
    await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Open a scenario file').setInputFiles({ name: 'hostile.toml', mimeType: 'text/plain', buffer: Buffer.from(hostileScenario()) });
    await page.getByRole('button', { name: /^Start/ }).or(page.getByRole('button', { name: /^Open <script>/ }).first()).first().waitFor({ timeout: 30_000 });
    await laidOut(page, 'library');
    await page.screenshot({ path: `${app.shots}/hostile-library-${label}.png`, fullPage: true });
    if (await page.getByRole('button', { name: /^Open <script>/ }).count()) {
      await page.getByRole('button', { name: /^Open <script>/ }).first().click();
    }
    await page.getByRole('button', { name: 'Start' }).waitFor();
    assert.ok((await page.getByText('<script>window.__pwned=1</script>').count()) > 0, 'the markup shows as text');
    await laidOut(page, 'briefing');
    await page.screenshot({ path: `${app.shots}/hostile-briefing-${label}.png`, fullPage: true });
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Pause' }).click();
    await advanceTo(page, '14:45');
    await laidOut(page, 'console');
    await page.screenshot({ path: `${app.shots}/hostile-console-${label}.png`, fullPage: true });
    await abandon(page);
    await page.getByText(/^You abandoned the session at 14:45/).waitFor({ timeout: 30_000 });
    const name = page.getByLabel(/^Your name/);
    if (await name.count()) {
      await name.fill(hostile('name'));
      await name.press('Tab');
    }
    await laidOut(page, 'debrief');
    await page.screenshot({ path: `${app.shots}/hostile-debrief-${label}.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a scenario file over 2 MB and a run file over 5 MB are refused by their size', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByRole('heading', { name: 'Incidents' }).waitFor({ timeout: 30_000 });
  const big = Buffer.alloc(2 * 1024 * 1024 + 200_000, '#');
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'huge.toml', mimeType: 'text/plain', buffer: big });
  const refusal = page.getByText(/it is 2\.2 MB and the limit is 2\.0 MB/);
  await refusal.waitFor();
  await page.screenshot({ path: `${app.shots}/too-large-scenario.png` });
  const run = page.getByLabel('Open a run file');
  if (await run.count()) {
    await run.setInputFiles({ name: 'huge.run.json', mimeType: 'application/json', buffer: Buffer.alloc(5 * 1024 * 1024 + 300_000, ' ') });
    await page.getByText(/huge\.run\.json: it is 5\.3 MB and the limit is 5\.0 MB/).waitFor();
  }
  await context.close();
});
