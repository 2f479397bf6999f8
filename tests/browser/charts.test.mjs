// Charts stay sharp: drawn at CSS size x devicePixelRatio, and redrawn when the window is resized.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, inkedShare, startIncident } from './harness.mjs';

let server;
let browser;

before(async () => {
  assert.ok(process.env.DIST, 'DIST must point at the built app');
  server = await serve(process.env.DIST);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The canvas's pixel size next to its CSS size times the device pixel ratio. */
function sizes(page, selector) {
  return page.$eval(selector, (c) => {
    const r = c.getBoundingClientRect();
    return { pixels: c.width, expected: Math.round(r.width * window.devicePixelRatio) };
  });
}

test('charts follow the window size on a high-DPI screen', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await startIncident(page, server.url);
  const selector = 'canvas.chart[data-drawn="true"]';
  await page.waitForSelector(selector, { timeout: 30_000 });

  const wide = await sizes(page, selector);
  assert.equal(wide.pixels, wide.expected, 'drawn at device pixels');

  await page.setViewportSize({ width: 1000, height: 900 });
  await page.waitForFunction(
    (sel) => {
      const c = document.querySelector(sel);
      return c && c.width === Math.round(c.getBoundingClientRect().width * window.devicePixelRatio);
    },
    selector,
    { timeout: 10_000 },
  );
  const narrow = await sizes(page, selector);
  assert.ok(narrow.pixels < wide.pixels, `redrawn narrower: ${narrow.pixels} vs ${wide.pixels}`);
  assert.ok((await inkedShare(page, selector)) > 0.02, 'still drawn after the resize');
  await page.screenshot({ path: 'tests/browser/screenshots/narrow-hidpi.png', fullPage: true });
  await context.close();
});
