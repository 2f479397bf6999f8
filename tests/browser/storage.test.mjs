// Local storage full, disabled or corrupt: the app keeps working, says in the page what it could
// not keep, and sets a corrupt entry aside under another key rather than delete it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, startIncident, openIncident, advanceTo, act } from './harness.mjs';

const app = useApp();

/** A page whose storage misbehaves as `setup` (an init script) makes it. */
async function pageWith(setup, arg) {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (setup) await context.addInitScript(setup, arg);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Plays a few minutes and an action: the console works whatever the storage does. */
async function plays(page) {
  await startIncident(page, app.server.url);
  await advanceTo(page, '14:10');
  await act(page, 'View memory per host');
  assert.match(await page.getByRole('timer').textContent(), /^14:1/);
}

test('storage full: the session plays on and the page says it could not be saved', async () => {
  const { context, page, errors } = await pageWith(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await plays(page);
  const note = page.getByRole('status').filter({ hasText: 'could not be saved in this browser' });
  await note.waitFor();
  assert.match(await note.textContent(), /storage full or disabled/);
  await page.screenshot({ path: `${app.shots}/storage-full.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('storage disabled: the app opens, plays and says what it could not keep', async () => {
  const { context, page, errors } = await pageWith(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); },
    });
  });
  await plays(page);
  await page.getByRole('status').filter({ hasText: 'could not be saved in this browser' }).waitFor();
  // The theme picked applies, and the page says it is not remembered.
  const picker = page.getByLabel('Theme');
  if (await picker.count()) {
    await picker.selectOption({ index: 2 });
    await page.getByRole('status').filter({ hasText: 'The theme applies to this visit only' }).waitFor();
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a corrupt saved session and best results are set aside, not deleted, and named', async () => {
  const { context, page, errors } = await pageWith(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('incident-trainer.session', '{"version": 2, "scen');
    localStorage.setItem('incident-trainer.best', '[[[not a record');
  });
  await page.goto(app.server.url);
  const notice = page.getByRole('status').filter({ hasText: 'set aside' });
  await notice.waitFor({ timeout: 30_000 });
  const text = await notice.textContent();
  assert.match(text, /saved session could not be read/);
  assert.match(text, /incident-trainer\.session\.unreadable/);
  assert.match(text, /best results could not be read/);
  assert.match(text, /incident-trainer\.best\.unreadable/);
  await page.screenshot({ path: `${app.shots}/storage-corrupt.png` });
  const kept = await page.evaluate(() => ({
    session: localStorage.getItem('incident-trainer.session.unreadable'),
    best: localStorage.getItem('incident-trainer.best.unreadable'),
    live: localStorage.getItem('incident-trainer.session'),
  }));
  assert.equal(kept.session, '{"version": 2, "scen');
  assert.equal(kept.best, '[[[not a record');
  assert.equal(kept.live, null);
  // The library still opens an incident.
  await openIncident(page, app.server.url);
  assert.deepEqual(errors, []);
  await context.close();
});
