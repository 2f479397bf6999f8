// Soak: the seed incident played to the end N times in one tab (SOAK_RUNS, default 30; the full
// soak is SOAK_RUNS=300), each started from the UI (library, briefing, console at 60x, the real
// team's fix, declared resolved, debrief, back to the library). After each run: the JS heap after a
// forced GC and the WebAssembly memory's size. Fails when either grows more than 5% after warm-up
// (the first SOAK_WARMUP runs, default 5), and prints both curves.
import { serve, launch, heapAfterGc, SCENARIO_TITLE } from './harness.mjs';

const RUNS = Number(process.env.SOAK_RUNS ?? 30);
const WARMUP = Number(process.env.SOAK_WARMUP ?? 5);
const BUDGET = Number(process.env.SOAK_GROWTH_BUDGET ?? 0.05);

const server = await serve(process.env.DIST ?? 'dist');
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
// The app's wasm memory, as the loader hands it over when the app has started.
await context.addInitScript(() => {
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasmMemory = e.detail.wasm.memory; });
});
const page = await context.newPage();
const heap = await heapAfterGc(context, page);
const wasmBytes = () => page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0);

// One whole run, driven from inside the page: Playwright's locators keep their own state in the
// page's heap, which would be measured as the app's.
const playOnce = (title) => page.evaluate(async (title) => {
  const frame = () => new Promise((ok) => requestAnimationFrame(ok));
  const named = (name) => [...document.querySelectorAll('button')]
    .find((b) => (b.getAttribute('aria-label') ?? b.textContent).trim().startsWith(name) && !b.disabled);
  const click = async (name) => {
    for (let i = 0; i < 600; i += 1) {
      const button = named(name);
      if (button) { button.click(); await frame(); return; }
      await frame();
    }
    throw new Error(`no button ${name} (at ${document.querySelector('[role=timer]')?.textContent})`);
  };
  const target = async (action, value) => {
    const select = document.querySelector(`select[aria-label="Target for ${action}"]`);
    if (!select) throw new Error(`no target for ${action}`);
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await frame();
  };
  const clock = () => document.querySelector('[role=timer]')?.textContent.slice(0, 5) ?? '99:99';
  const until = async (hhmm) => { while (clock() < hhmm) await click('Advance 1 minute'); };
  const path = [['14:35', 'Restart one server', 'app-1'], ['14:40', 'Check running config', 'app-1'],
    ['14:42', 'Diff config against last good'], ['15:00', 'View memory per host'],
    ['15:02', 'Page the development team'], ['15:17', 'Heap profile / dump', 'app-1'],
    ['15:45', 'Declare a root-cause hypothesis', 'memory_leak'], ['16:30', 'Apply the code fix']];
  await click(`Open ${title}`);
  await click('Start');
  await click('60x');
  for (const [at, action, value] of path) {
    await until(at);
    if (value !== undefined) await target(action, value);
    await click(action);
  }
  await until('16:50');
  await click('Declare resolved…');
  await click('Yes, declare resolved');
  for (let i = 0; i < 600 && !/^Resolved at/.test(document.querySelector('h1')?.textContent ?? ''); i += 1) await frame();
  await click('Back to the library');
}, title);

await page.goto(server.url);
await page.getByRole('button', { name: `Open ${SCENARIO_TITLE}` }).waitFor({ timeout: 30_000 });
const heaps = [];
const wasm = [];
const started = Date.now();
for (let i = 0; i < RUNS; i += 1) {
  await playOnce(SCENARIO_TITLE);
  heaps.push(await heap());
  wasm.push(await wasmBytes());
}
// What Chromium itself keeps of the page's timeline: its layout-shift entries (each with its
// rectangles) are held up to a fixed count, about 1.6 KB apiece, and account for the early growth.
const shifts = await page.evaluate(() => new Promise((ok) => {
  new PerformanceObserver((list, observer) => { observer.disconnect(); ok(list.getEntries().length); })
    .observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => ok(0), 1000);
}));
await browser.close();
await server.close();

const kb = (xs) => xs.map((x) => Math.round(x / 1024));
const growth = (xs) => xs[xs.length - 1] / xs[Math.min(WARMUP, xs.length) - 1] - 1;
const pct = (x) => `${(100 * x).toFixed(1)}%`;
console.log(`soak: ${RUNS} runs of the seed incident in one tab, ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`  JS heap after each run (KB):     ${kb(heaps).join(' ')}`);
console.log(`  wasm memory after each run (KB): ${kb(wasm).join(' ')}`);
console.log(`  layout-shift entries the browser holds for the tab: ${shifts}`);
console.log(`  after run ${WARMUP} to run ${RUNS}: JS heap ${pct(growth(heaps))}, wasm memory ${pct(growth(wasm))} (budget ${pct(BUDGET)} each)`);
const broken = [];
if (growth(heaps) > BUDGET) broken.push('JS heap');
if (wasm[0] === 0) broken.push('wasm memory not found');
else if (growth(wasm) > BUDGET) broken.push('wasm memory');
if (broken.length) {
  console.error(`soak over budget: ${broken.join(', ')}`);
  process.exit(1);
}
