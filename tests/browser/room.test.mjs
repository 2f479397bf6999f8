// A facilitated drill across two windows of one browser: the trainee's console (the projector)
// and the facilitator's console (`#facilitate`), synced over a BroadcastChannel with no server.
// The facilitator sees the ground truth, pauses and resumes the room, sends an inject the room
// then shows, and names the roles; the debrief lists the roles and the inject; the run file keeps
// both, and its replay (from the share link, in a fresh page) shows the inject from its minute on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useApp, startIncident, openIncident, advanceTo, act, clock, abandon } from './harness.mjs';

const app = useApp();

test('a facilitator runs the room from a second window', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const room = await context.newPage();
  const errors = [];
  room.on('pageerror', (e) => errors.push(`room: ${e.message}`));
  await startIncident(room, app.server.url);
  const open = room.getByRole('button', { name: "Open the facilitator's console" });
  await open.waitFor();
  // It shows the answers: a trainee on their own is asked first, not handed them in one click.
  await open.click();
  const ask = room.getByRole('group', { name: "Open the facilitator's console?" });
  assert.match(await ask.textContent(), /It shows the fault and the real team's path: the answers\./);
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await open.waitFor();

  const desk = await context.newPage();
  desk.on('pageerror', (e) => errors.push(`facilitator: ${e.message}`));
  await desk.goto(`${app.server.url}#facilitate`);
  await desk.getByRole('heading', { name: "Facilitator's console" }).waitFor({ timeout: 30_000 });
  const status = desk.locator('.room-status');
  await desk.getByText(/^Room connected: "Checkout down on a busy afternoon"/).waitFor({ timeout: 10_000 });
  assert.match(await status.textContent(), /14:00 WAT, paused/);
  await room.getByText("Facilitator's console connected").waitFor({ timeout: 10_000 });
  assert.equal(await open.count(), 0, 'the projector no longer offers to open it');

  // What the facilitator does is on the first screen: the room's clock, its roles, every inject.
  const sends = desk.getByRole('button', { name: /^Send now: / });
  assert.ok((await sends.count()) > 0, 'the scenario has injects');
  for (const control of [desk.getByRole('button', { name: 'Resume the room' }), desk.getByLabel('Incident commander'), sends.first()]) {
    const box = await control.boundingBox();
    assert.ok(box && box.y + box.height <= 800, `below the fold: ${box && box.y}`);
  }
  // The ground truth, which the projector never shows.
  const faults = desk.getByRole('region', { name: 'Faults now' });
  await faults.getByRole('cell', { name: 'memory leak' }).waitFor();
  // Each parameter named in words, beside its value (a term and its definition).
  const leakRate = faults.getByRole('term').filter({ hasText: 'leak kb per request' });
  assert.equal(await leakRate.locator('xpath=following-sibling::dd[1]').textContent(), '1.5');
  assert.equal(await faults.getByRole('definition').filter({ hasText: /^none$/ }).count(), 1, 'the absent deploy reads "none"');
  assert.doesNotMatch(await faults.textContent(), /Some\(|None|\{/, 'no debug form');
  const path = desk.getByRole('region', { name: "The real team's path" });
  assert.match(await path.textContent(), /14:35 WAT Restart one server \(app-1\)\s*Their next step/);
  assert.equal(await room.getByText('leak kb per request').count(), 0);

  // Resume the room from the facilitator's window, then pause it again.
  await desk.getByRole('button', { name: 'Resume the room' }).click();
  await room.getByRole('button', { name: '10x' }).and(room.locator('[aria-pressed=true]')).waitFor({ timeout: 10_000 });
  // The projector is the window in front (a browser runs no animation frames in a hidden one).
  await room.bringToFront();
  await room.waitForFunction(() => document.querySelector('[role=timer]')?.textContent >= '14:01', null, { timeout: 20_000 });
  await desk.getByText(/running at 10x/).waitFor({ timeout: 10_000 });
  await desk.getByRole('button', { name: 'Pause the room' }).click();
  await desk.getByText(/, paused by you ·/).waitFor({ timeout: 10_000 });
  const paused = await clock(room);
  await room.waitForTimeout(1500);
  assert.equal(await clock(room), paused, 'the room stays paused');
  assert.equal(await room.getByRole('button', { name: 'Pause' }).getAttribute('aria-pressed'), 'true');
  // Held by the facilitator: the projector says so, and its own clock controls wait for them.
  const heldNote = 'The facilitator paused the room: only they can resume it. Actions and the endings wait until then.';
  await room.getByRole('status').filter({ hasText: heldNote }).waitFor({ timeout: 10_000 });
  assert.equal(await room.getByRole('button', { name: '10x' }).isDisabled(), true);
  const scrolled = await room.evaluate(() => window.scrollY);
  await room.keyboard.press(' ');
  await room.waitForTimeout(500);
  assert.equal(await clock(room), paused, 'Space does not resume a room the facilitator holds');
  assert.equal(await room.evaluate(() => window.scrollY), scrolled, 'Space is the clock\'s key: it does not scroll the page');
  // A hold is the whole room waiting: its actions and its endings too.
  for (const name of [/^View memory per host/, 'Declare resolved…', 'Abandon…']) {
    assert.equal(await room.getByRole('button', { name }).isDisabled(), true, `${name} waits during a hold`);
  }
  await room.getByRole('textbox', { name: 'Command' }).fill('view_memory');
  await room.getByRole('textbox', { name: 'Command' }).press('Enter');
  await room.getByRole('region', { name: 'Command' }).getByText(/^view_memory: the facilitator paused the room, and only they can resume it/).waitFor({ timeout: 10_000 });
  assert.equal(await room.locator('.in-progress progress').count(), 0, 'nothing under way');
  await room.screenshot({ path: `${app.shots}/room-projector-held.png` });
  await room.getByRole('textbox', { name: 'Command' }).fill('');
  await desk.getByRole('button', { name: 'Resume the room' }).click();
  await room.getByRole('button', { name: '10x' }).and(room.locator('[aria-pressed=true]')).waitFor({ timeout: 10_000 });
  assert.equal(await room.getByText(heldNote).count(), 0);
  assert.equal(await room.getByRole('button', { name: /^View memory per host/ }).isDisabled(), false);
  // Resumed, the room's own controls work again: it pauses itself.
  await room.getByRole('button', { name: 'Pause' }).click();
  await desk.getByText(/, paused by the room ·/).waitFor({ timeout: 10_000 });

  // The room looks at memory; the facilitator sees it was evidence.
  await advanceTo(room, '14:36');
  await act(room, 'View memory per host');
  await advanceTo(room, '14:38');
  await desk.getByText(/View memory per host: evidence: it showed the memory leak/).waitFor({ timeout: 10_000 });

  // An inject, sent now: the room shows who it is from and what it says, under Alerts.
  await desk.getByRole('button', { name: 'Send now: Customer support lead' }).click();
  const alerts = room.getByRole('region', { name: 'Alerts' });
  await alerts.getByText(/Our phones are ringing off the hook/).waitFor({ timeout: 10_000 });
  assert.match(await alerts.locator('.messages').textContent(), /CUSTOMER\s*Customer support lead: Our phones.*14:38 WAT/);
  await desk.getByRole('button', { name: 'Send now: Customer support lead' }).and(desk.getByText('Sent')).waitFor({ timeout: 10_000 });
  const row = desk.getByRole('row').filter({ hasText: 'Customer support lead' });
  assert.match(await row.textContent(), /14:38 WAT\s*response: not yet/);
  // The projector says a message came on its first screen, not only in the Alerts panel below.
  const latest = room.getByRole('complementary', { name: 'Latest message' });
  await latest.getByText(/Our phones are ringing off the hook/).waitFor({ timeout: 10_000 });
  const latestBox = await latest.boundingBox();
  assert.ok(latestBox.y + latestBox.height <= 800, `the latest message below the fold: ${latestBox.y}`);
  await room.screenshot({ path: `${app.shots}/room-projector-message.png` });
  assert.equal(await room.getByText('Communications gives support a holding line').count(), 0, 'the expected response stays with the facilitator');

  // Roles for the room.
  await desk.getByLabel('Incident commander').fill('Ada');
  await desk.getByLabel('Operations').fill('Grace');
  await desk.getByLabel('Communications').fill('Linus');
  await desk.getByRole('button', { name: 'Name the roles' }).click();
  await desk.getByText('The room has them: Incident commander: Ada, Operations: Grace, Communications: Linus.').waitFor({ timeout: 10_000 });
  // The projector shows who holds which role, in its team panel.
  const team = room.getByRole('region', { name: 'Team' });
  await team.getByText('Ada').waitFor({ timeout: 10_000 });
  assert.match(await team.textContent(), /Incident commander\s*Ada\s*Operations\s*Grace\s*Communications\s*Linus/);

  // And on the first screen, under the facilitator's link.
  const rolesLine = room.getByText('Incident commander: Ada · Operations: Grace · Communications: Linus');
  await rolesLine.waitFor({ timeout: 10_000 });
  assert.ok((await rolesLine.boundingBox()).y < 800, 'the roles on the first screen');

  // The room looked at memory early: the real team's path credits it, against their time.
  assert.match(await path.textContent(), /15:00 WAT View memory per host\s*The room did it at 14:36 WAT, 24 min before them/);
  // Ten minutes without the support lead's response: the fallback's own row says it is due.
  await advanceTo(room, '14:49');
  const due = desk.getByRole('row').filter({ hasText: "Due: the room stalled on Customer support lead's message" });
  await due.waitFor({ timeout: 10_000 });
  assert.match(await due.textContent(), /Head of e-commerce/);
  assert.match(await path.textContent(), /14:35 WAT Restart one server \(app-1\)\s*Not yet: the real team had done it 14 min ago/);

  await room.screenshot({ path: `${app.shots}/room-projector.png`, fullPage: false });
  await desk.screenshot({ path: `${app.shots}/room-facilitator.png`, fullPage: true });

  // The run ends; the debrief names the room and the inject it received.
  await abandon(room);
  const theRoom = room.getByRole('region', { name: 'The room' });
  await theRoom.waitFor({ timeout: 30_000 });
  const text = await theRoom.textContent();
  assert.match(text, /Incident commander: Ada/);
  assert.match(text, /Operations: Grace/);
  assert.match(text, /Communications: Linus/);
  assert.match(text, /Injects the room received: 1/);
  assert.match(text, /14:38 WAT Customer support lead: Our phones are ringing/);
  await desk.getByText(/ended at 14:49 WAT/).waitFor({ timeout: 10_000 });
  await desk.getByText('The run is over: the debrief compares it with the real team.').waitFor();
  assert.equal(await desk.getByText(/room stalled/i).count(), 0, 'nobody stalls after the end');
  assert.equal(await desk.getByRole('button', { name: /^(Pause|Resume) the room$/ }).count(), 0, 'an ended run has no clock to pause');
  await desk.getByText('The run has ended: its clock stands.').waitFor();
  await room.screenshot({ path: `${app.shots}/room-debrief.png`, fullPage: true });
  await theRoom.screenshot({ path: `${app.shots}/room-debrief-the-room.png` });
  await desk.screenshot({ path: `${app.shots}/room-facilitator-ended.png`, fullPage: true });

  // The run file keeps the inject and the roles; its link replays them in a fresh page.
  const [download] = await Promise.all([
    room.waitForEvent('download'),
    room.getByRole('button', { name: 'Download the run file' }).click(),
  ]);
  const run = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(run.injects.length, 1);
  assert.deepEqual(run.roles, { commander: 'Ada', operations: 'Grace', communications: 'Linus' });
  const link = await room.getByLabel(/^Share link/).inputValue();
  const fresh = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const replay = await fresh.newPage();
  await replay.goto(link);
  await replay.getByTestId('trust').filter({ hasText: /Replays exactly/ }).waitFor({ timeout: 30_000 });
  const replayAlerts = replay.getByRole('region', { name: 'Alerts' });
  const sentAt = run.injects[0].tick / 60;
  await replay.getByRole('slider', { name: /^Replay time/ }).fill(String(Math.floor(sentAt) - 1));
  await replay.getByRole('timer').filter({ hasText: '14:37' }).waitFor();
  assert.equal(await replayAlerts.getByText(/Our phones are ringing off the hook/).count(), 0, 'not before it was sent');
  await replay.getByRole('slider', { name: /^Replay time/ }).fill(String(Math.ceil(sentAt)));
  await replayAlerts.getByText(/Our phones are ringing off the hook/).waitFor({ timeout: 10_000 });
  await replay.screenshot({ path: `${app.shots}/room-replay-inject.png` });
  await fresh.close();

  // The facilitator's window says so when the room is gone.
  await room.close();
  await desk.getByText(/^No room connected\./).waitFor({ timeout: 15_000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a facilitator holds the room before its run starts, and a closed console lets it go', async () => {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const room = await context.newPage();
  const errors = [];
  room.on('pageerror', (e) => errors.push(`room: ${e.message}`));
  await openIncident(room, app.server.url);
  const desk = await context.newPage();
  desk.on('pageerror', (e) => errors.push(`facilitator: ${e.message}`));
  await desk.goto(`${app.server.url}#facilitate`);
  await desk.getByText('The room is connected; no incident is open there yet.').waitFor({ timeout: 30_000 });
  // Before the run: the facilitator holds the room, so its run opens paused.
  await desk.getByRole('button', { name: "Hold the room's next run" }).click();
  await desk.getByText('You hold the room: its next run opens paused, and waits until you resume it.').waitFor({ timeout: 10_000 });
  await room.bringToFront();
  await room.getByRole('button', { name: 'Start' }).click();
  const heldNote = 'The facilitator paused the room: only they can resume it. Actions and the endings wait until then.';
  await room.getByRole('status').filter({ hasText: heldNote }).waitFor({ timeout: 10_000 });
  await room.waitForTimeout(1000);
  assert.equal(await clock(room), '14:00', 'the run waits for the facilitator');
  assert.equal(await room.getByRole('button', { name: 'Pause' }).getAttribute('aria-pressed'), 'true');
  await desk.getByText(/14:00 WAT, paused by you ·/).waitFor({ timeout: 10_000 });
  assert.match(await room.getByRole('region', { name: 'Team' }).textContent(), /You \(on call\)\s*waiting: the facilitator holds the room/);
  await room.screenshot({ path: `${app.shots}/room-held-from-the-start.png` });
  await desk.getByRole('button', { name: 'Resume the room' }).click();
  await room.getByRole('button', { name: '10x' }).and(room.locator('[aria-pressed=true]')).waitFor({ timeout: 10_000 });
  // Held again, then the facilitator's console closes: the room is told it is its own again.
  await desk.getByRole('button', { name: 'Pause the room' }).click();
  await room.getByRole('status').filter({ hasText: heldNote }).waitFor({ timeout: 10_000 });
  await desk.close();
  const released = room.getByRole('region', { name: 'Clock' }).getByText(/^The facilitator's console closed: the room is yours again\./);
  await released.waitFor({ timeout: 15_000 });
  assert.equal(await room.getByText(heldNote).count(), 0);
  assert.equal(await room.getByRole('button', { name: '10x' }).isDisabled(), false, 'its own clock controls work again');
  await room.screenshot({ path: `${app.shots}/room-released.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('at phone width the facilitator and the projector do not scroll sideways', async () => {
  const context = await app.browser.newContext({ viewport: { width: 390, height: 844 } });
  const room = await context.newPage();
  await startIncident(room, app.server.url);
  const desk = await context.newPage();
  await desk.goto(`${app.server.url}#facilitate`);
  await desk.getByText(/^Room connected/).waitFor({ timeout: 30_000 });
  await desk.getByLabel('Incident commander').fill('Ada');
  await desk.getByRole('button', { name: 'Name the roles' }).click();
  await desk.getByText('The room has them: Incident commander: Ada.').waitFor({ timeout: 10_000 });
  const wide = (page) => page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok((await wide(desk)) <= 390, `the facilitator's console is ${await wide(desk)} px wide`);
  // The injects' seven columns scroll inside their own region, which a keyboard can reach.
  const injects = desk.getByRole('region', { name: 'Injects (scrolls sideways)' });
  assert.equal(await injects.getAttribute('tabindex'), '0');
  await desk.screenshot({ path: `${app.shots}/room-facilitator-390.png`, fullPage: true });
  await room.bringToFront();
  const team = room.getByRole('region', { name: 'Team' });
  await team.getByText('Ada').waitFor({ timeout: 10_000 });
  assert.ok((await wide(room)) <= 390, `the projector is ${await wide(room)} px wide`);
  await team.screenshot({ path: `${app.shots}/room-team-390.png` });
  // The same room runs the incident again: its roles carry over, in the facilitator's fields too.
  await abandon(room);
  await room.getByRole('button', { name: 'Try again (same seed)' }).click();
  await room.getByRole('button', { name: 'Start' }).click();
  await room.getByRole('region', { name: 'Team' }).getByText('Ada').waitFor({ timeout: 10_000 });
  await desk.getByText(/^Room connected: .*, running at/).waitFor({ timeout: 15_000 });
  await desk.getByText('The room has them: Incident commander: Ada.').waitFor({ timeout: 10_000 });
  assert.equal(await desk.getByLabel('Incident commander').inputValue(), 'Ada');
  await context.close();
});
