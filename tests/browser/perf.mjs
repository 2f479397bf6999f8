// Figures for the built page in headless Chromium, printed (not a test): time to an interactive
// library on cold loads, script time per frame and long tasks while a whole run plays at 60x, and
// the JS heap after 20 sessions in one tab. Exits 1 when a figure breaks its budget. Budgets sit
// above the targets by the noise a shared 2-core machine shows from run to run; the targets are
// printed beside them, met or not.
import { serve, launch, heapAfterGc, openIncident, act, declareResolved, SCENARIO_TITLE } from './harness.mjs';

const TARGET = { readyMs: 400, frameMs: 4, longTaskMs: 50, heapGrowth: 0.05 };
const BUDGET = {
  readyMs: Number(process.env.READY_BUDGET_MS ?? 800),
  frameMs: Number(process.env.FRAME_BUDGET_MS ?? 4),
  // The longest task varies most with the machine's other work (a quiet 2-core machine: 0-77 ms
  // over a run; a busy one roughly twice that), so the budget also counts them: a regression like
  // a forced page layout per chart label made about 40 long tasks a run when quiet, 100-300 busy.
  longTaskMs: Number(process.env.LONG_TASK_BUDGET_MS ?? 150),
  longTasks: Number(process.env.LONG_TASK_COUNT_BUDGET ?? 20),
  heapGrowth: Number(process.env.HEAP_GROWTH_BUDGET ?? 0.08),
};
const met = (value, target) => (value <= target ? 'met' : 'not met yet');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await serve(process.env.DIST ?? 'dist');
const browser = await launch();
const results = {};

// Ready: navigation start to the library's first card being clickable, 5 cold loads. Timed in the
// page: when the first task after the one that put the card's button in the page starts (the page
// answers a click from then on). The time the test harness sees it is printed too: its polling
// adds 40-200 ms that are not the app's.
const ready = [];
const seen = [];
for (let i = 0; i < 5; i += 1) {
  const context = await browser.newContext();
  await context.addInitScript((label) => {
    const watch = new MutationObserver(() => {
      if (!document.querySelector(`button[aria-label="${label}"]`)) return;
      watch.disconnect();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { window.__ready = performance.now(); };
      channel.port2.postMessage(null);
    });
    watch.observe(document, { childList: true, subtree: true });
  }, `Open ${SCENARIO_TITLE}`);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole('button', { name: `Open ${SCENARIO_TITLE}` }).waitFor({ timeout: 30_000 });
  seen.push(await page.evaluate(() => performance.now()));
  ready.push(await page.waitForFunction(() => window.__ready).then((h) => h.jsonValue()));
  await context.close();
}
results.readyMs = median(ready);
results.readySeenMs = median(seen);
results.readyAll = ready.map((x, i) => `${Math.round(x)}/${Math.round(seen[i])}`);

// Frames at 60x, from the click on Start: time each animation-frame callback and the microtasks
// it queued (Yew renders there), and watch for long tasks, over the real team's whole afternoon.
// Played twice (three times when both break the budget): on a shared machine other work only
// ever adds time, so the best play is the app's figure (every play is printed).
async function playAt60x() {
  const results = {};
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    window.__frames = [];
    window.__long = [];
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => raf((t) => {
      const start = performance.now();
      cb(t);
      queueMicrotask(() => window.__frames.push(performance.now() - start));
    });
    new PerformanceObserver((list) => {
      // With the console's clock at the time (or the screen's heading), to tell where they come from.
      const at = () => document.querySelector('[role=timer]')?.textContent ?? document.querySelector('h1')?.textContent;
      for (const e of list.getEntries()) window.__long.push([e.duration, at()]);
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  await openIncident(page, server.url);
  // From the click on Start (which builds the console) to the end screen.
  await page.evaluate(() => { window.__frames = []; window.__long = []; });
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: '60x' }).click();
  const path = [['14:35', 'Restart one server', 'app-1'], ['14:40', 'Check running config', 'app-1'],
    ['14:42', 'Diff config against last good'], ['15:00', 'View memory per host'],
    ['15:02', 'Page the development team'], ['15:17', 'Heap profile / dump', 'app-1'],
    ['15:45', 'Declare a root-cause hypothesis', 'memory_leak'], ['16:30', 'Apply the code fix']];
  for (const [at, title, target] of path) {
    await page.waitForFunction((hhmm) => (document.querySelector('[role=timer]')?.textContent ?? '99') >= hhmm, at, { timeout: 300_000 });
    await act(page, title, target);
  }
  await page.waitForFunction(() => (document.querySelector('[role=timer]')?.textContent ?? '99') >= '16:50', null, { timeout: 300_000 });
  await declareResolved(page);
  await page.getByRole('heading', { name: /^Resolved at/ }).waitFor({ timeout: 300_000 });
  const { frames, long } = await page.evaluate(() => ({ frames: window.__frames, long: window.__long }));
  results.frames = frames.length;
  results.frameMedianMs = median(frames);
  results.frameP99Ms = [...frames].sort((a, b) => a - b)[Math.floor(frames.length * 0.99)];
  results.frameMaxMs = Math.max(...frames);
  results.longTasks = long.length;
  results.longestTaskMs = Math.max(0, ...long.map(([ms]) => ms));
  results.longAt = long.map(([ms, at]) => `${Math.round(ms)} ms at ${at}`);
  await context.close();
  return results;
}
const breaks = (p) => p.longestTaskMs > BUDGET.longTaskMs || p.longTasks > BUDGET.longTasks;
const plays = [await playAt60x(), await playAt60x()];
// A third play only when both broke the budget: one clean-clone run of an unchanged build made 31
// long tasks where the next two runs made 13 and 0, so a burst of the machine's other work can
// span two plays; a regression like the one above breaks every play.
if (plays.every(breaks)) plays.push(await playAt60x());
Object.assign(results, [...plays].sort((a, b) => breaks(a) - breaks(b) || a.longestTaskMs - b.longestTaskMs)[0]);

// Memory: 20 sessions one after another in one tab; JS heap after a forced GC, first vs last.
// The loop clicks through the DOM from inside the page: Playwright's locators keep their own state
// in the page's heap (about 10% over 20 sessions), which would be measured as the app's.
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const heap = await heapAfterGc(context, page);
  const click = (name, times = 1) => page.evaluate(async ([name, times]) => {
    for (let n = 0; n < times; n += 1) {
      let done = false;
      for (let i = 0; i < 300 && !done; i += 1) {
        const button = [...document.querySelectorAll('button')]
          .find((b) => (b.getAttribute('aria-label') ?? b.textContent).startsWith(name) && !b.disabled);
        if (button) {
          button.click();
          done = true;
        }
        await new Promise((ok) => requestAnimationFrame(ok));
      }
      if (!done) throw new Error(`no button ${name}`);
    }
  }, [name, times]);
  await page.goto(server.url);
  await page.getByRole('button', { name: `Open ${SCENARIO_TITLE}` }).waitFor({ timeout: 30_000 });
  const sizes = [];
  for (let i = 0; i < 20; i += 1) {
    await click(`Open ${SCENARIO_TITLE}`);
    await click('Start');
    await click('Pause');
    await click('Advance 1 minute', 45);
    await click('View memory per host');
    await click('Advance 1 minute', 5);
    await click('Abandon…');
    await click('Abandon session');
    await click('Back to the library');
    sizes.push(await heap());
  }
  results.heapFirstKb = Math.round(sizes[0] / 1024);
  results.heapLastKb = Math.round(sizes[sizes.length - 1] / 1024);
  results.heapGrowth = sizes[sizes.length - 1] / sizes[0] - 1;
  results.heapSeriesKb = sizes.map((s) => Math.round(s / 1024));
  await context.close();
}
await browser.close();
await server.close();

const r = results;
console.log(`ready (median of 5 cold loads)   ${r.readyMs.toFixed(0)} ms (budget ${BUDGET.readyMs}; target ${TARGET.readyMs}: ${met(r.readyMs, TARGET.readyMs)}); seen by the test harness at ${r.readySeenMs.toFixed(0)} ms`);
console.log(`  each load, page/harness (ms): ${r.readyAll.join(" ")}`);
console.log(`frames at 60x over a whole run   ${r.frames} frames, script median ${r.frameMedianMs.toFixed(2)} ms, p99 ${r.frameP99Ms.toFixed(2)} ms, max ${r.frameMaxMs.toFixed(1)} ms (budget and target ${BUDGET.frameMs} ms median: ${met(r.frameMedianMs, TARGET.frameMs)})`);
console.log(`long tasks (> 50 ms)             ${r.longTasks}, longest ${r.longestTaskMs.toFixed(0)} ms (budget ${BUDGET.longTasks} tasks, ${BUDGET.longTaskMs} ms; target none over ${TARGET.longTaskMs} ms: ${met(r.longestTaskMs, TARGET.longTaskMs)})`);
console.log(`  each play: ${plays.map((p) => `${p.longTasks} long, longest ${p.longestTaskMs.toFixed(0)} ms, frame median ${p.frameMedianMs.toFixed(2)} ms`).join('; ')}`);
for (const [i, p] of plays.entries()) if (p.longAt.length) console.log(`  play ${i + 1}: ${p.longAt.join(', ')}`);
console.log(`JS heap after 20 sessions        ${r.heapFirstKb} KB -> ${r.heapLastKb} KB (${(100 * r.heapGrowth).toFixed(1)}%; budget ${100 * BUDGET.heapGrowth}%; target ${100 * TARGET.heapGrowth}%: ${met(r.heapGrowth, TARGET.heapGrowth)})`);
const settled = r.heapSeriesKb[19] / r.heapSeriesKb[4] - 1;
console.log(`  after each session (KB): ${r.heapSeriesKb.join(' ')}; sessions 5 to 20: ${(100 * settled).toFixed(1)}%`);
const broken = [];
if (r.readyMs > BUDGET.readyMs) broken.push('ready');
if (r.frameMedianMs > BUDGET.frameMs) broken.push('frame time');
if (r.longestTaskMs > BUDGET.longTaskMs || r.longTasks > BUDGET.longTasks) broken.push('long tasks');
if (r.heapGrowth > BUDGET.heapGrowth) broken.push('memory');
if (broken.length) {
  console.error(`over budget: ${broken.join(', ')}`);
  process.exit(1);
}
