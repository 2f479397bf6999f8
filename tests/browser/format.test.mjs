// A team lead's own scenario, in another stack: a Ruby service with an action the catalogue lacks
// and a dependency of its own. The console offers the action like a built-in one (menu and
// command box), shows its finding, and reads the dependency's logs on its host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useApp, advanceTo, act } from './harness.mjs';

const app = useApp();

const OWN = `
[[custom_actions]]
id = "inspect_cart_registry"
title = "Inspect the cart snapshot registry"
category = "diagnostic"
target = "host"
duration = "3m"
help = "Counts the snapshots the registry holds on one server."
finding = "{host}: CartSnapshotRegistry holds 1,284,113 snapshots; none are ever removed."

[[dependencies]]
name = "search"
kind = "http"
host = "search-1"
latency_ms = 40
calls_per_request = 0.3
timeout_ms = 1000
`;

test("a scenario's own action, runtime and dependency work in the console", async () => {
  const text = readFileSync('scenarios/ecommerce-memory-leak.toml', 'utf8')
    .replace(/^id = ".*"$/m, 'id = "ruby-shop"')
    .replace(/^title = ".*"$/m, 'title = "A Ruby shop"')
    .replace('servers = 4', 'servers = 4\nruntime = "ruby"\nservice = "shop-web"')
    + OWN;
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'ruby.toml', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Open A Ruby shop' }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  await advanceTo(page, '14:05');
  // The scenario's own diagnostic, from the menu, on the host picked.
  await act(page, 'Inspect the cart snapshot registry', 'app-2');
  await advanceTo(page, '14:09');
  const findings = page.locator('section.findings');
  await findings.getByText('app-2: CartSnapshotRegistry holds 1,284,113 snapshots').waitFor({ timeout: 10_000 });
  // The command box completes it too.
  const input = page.locator('#command-input');
  await input.fill('inspect_c');
  await input.press('Tab');
  assert.equal(await input.inputValue(), 'inspect_cart_registry ');
  await input.fill('top app-1');
  await input.press('Enter');
  await advanceTo(page, '14:11');
  // top reads like top: a process table with the service's process.
  await findings.getByText(/PID +USER[\s\S]*COMMAND[\s\S]* puma/).waitFor({ timeout: 10_000 });
  // Logs on the dependency's host: the picker names it.
  const picker = page.getByLabel('Target for Read logs');
  const options = await picker.locator('option').allTextContents();
  assert.ok(options.includes('search-1 (search)'), options.join(', '));
  assert.ok(options.includes('db-1 (database)'), options.join(', '));
  await act(page, 'Read logs', 'search-1');
  await advanceTo(page, '14:14');
  await findings.getByText(/search-1 INFO/).first().waitFor({ timeout: 10_000 });
  await page.screenshot({ path: `${app.shots}/own-scenario-console.png` });
  await context.close();
});
