// UI walks several e2e files share: adding a Redis Enterprise connection the way a person does, and reading the
// tree (its rows, scrolled through; every group opened; back to the top). Each step waits for what the person would wait for (the next prompt, the dialog), never for time.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { RunningEmulator } from '../../src/emulator/main';
import type { VsCodeUi } from './fixture';

export interface EnterpriseAccount {
  name: string;
  user: string;
  password: string;
}

/** The demo cluster's account on the emulator (src/emulator/redis-enterprise/catalog.ts). */
export const DEMO_ENTERPRISE: EnterpriseAccount = {
  name: 'Lab cluster',
  user: 'demo@redis.example',
  password: 'demo-password',
};

/** The prompt line under the quick input, which says what the current step asks for. */
export function quickInputPrompt(ui: VsCodeUi): Locator {
  return ui.page.locator('.quick-input-widget .quick-input-message');
}

/**
 * "Redis Tasks: Add Connection…" → Redis Enterprise → name, endpoint, user, password → "pin its SHA-256
 * fingerprint" → the modal showing the fingerprint. Stops with that modal open, so the caller can look at it.
 */
export async function startAddEnterpriseConnection(
  ui: VsCodeUi,
  emulator: RunningEmulator,
  account: EnterpriseAccount,
): Promise<void> {
  await ui.runCommand('Redis Tasks: Add Connection');
  await ui.pickQuickItem('Redis Enterprise');
  await quickInputPrompt(ui).filter({ hasText: 'A name for this connection' }).waitFor();
  await ui.answerQuickInput(account.name);
  await quickInputPrompt(ui).filter({ hasText: 'Cluster address' }).waitFor();
  await ui.answerQuickInput(emulator.url);
  await quickInputPrompt(ui).filter({ hasText: 'User' }).waitFor();
  await ui.answerQuickInput(account.user);
  await quickInputPrompt(ui).filter({ hasText: 'Password of the cluster user' }).waitFor();
  // A password box: the typed text must not be readable on screen.
  assert.equal(await ui.page.locator('.quick-input-widget input').getAttribute('type'), 'password');
  await ui.answerQuickInput(account.password);
  await ui.pickQuickItem('pin its SHA-256 fingerprint');
  await ui.dialog().waitFor({ timeout: 30_000 });
}

/** "Redis Tasks: Add Connection…" → a cloud provider → name → the emulator as endpoint override; stops at the regions. */
export async function startAddCloudConnection(ui: VsCodeUi, provider: string, name: string, endpoint: string) {
  await ui.runCommand('Redis Tasks: Add Connection');
  await ui.pickQuickItem(provider);
  await quickInputPrompt(ui).filter({ hasText: 'A name for this connection' }).waitFor();
  await ui.answerQuickInput(name);
  await quickInputPrompt(ui).filter({ hasText: 'Endpoint override' }).waitFor();
  await ui.answerQuickInput(endpoint);
}

/**
 * The regions step, a multi-select with the provider's default ticked: checks which are ticked when `ticked` is given,
 * ticks each of `add` by its exact name (ap-shanghai-fsi matches the typed "ap-shanghai" too), and returns the input,
 * still open, for the caller to press Enter (after a screenshot, say).
 */
export async function pickRegions(ui: VsCodeUi, ticked?: string[], add: string[] = []): Promise<Locator> {
  const input = ui.page.locator('.quick-input-widget input[placeholder="Regions (one or more)"]');
  await input.waitFor();
  if (ticked) {
    const checked = ui.page.locator('.quick-input-widget .quick-input-list .monaco-list-row[aria-checked="true"]');
    assert.deepEqual(
      (await checked.locator('.label-name').allInnerTexts()).map(t => t.trim()),
      ticked,
    );
  }
  for (const region of add) {
    await input.fill(region);
    // Region names are letters, digits and hyphens: nothing to escape.
    const exact = new RegExp(`^\\s*${region}\\s*$`);
    await ui.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: ui.page.locator('.label-name', { hasText: exact }) })
      .first()
      .click();
  }
  return input;
}

/** The whole walk, pinning the certificate, then waiting for the connection's row. */
export async function addEnterpriseConnection(
  ui: VsCodeUi,
  emulator: RunningEmulator,
  account: EnterpriseAccount,
): Promise<void> {
  await startAddEnterpriseConnection(ui, emulator, account);
  await ui.answerDialog('Pin Certificate');
  await ui.treeRow(account.name).first().waitFor({ timeout: 30_000 });
}

/** A tree row's label; a task's starts with its status, e.g. "Running 45% · Update database". */
export async function rowLabel(row: Locator): Promise<string> {
  return (await row.locator('.label-name').first().innerText()).trim();
}

/** A tree row's description (the grey text after the label), e.g. "orders · started 3 min ago". */
export async function rowDescription(row: Locator): Promise<string> {
  return (await row.locator('.label-description').first().innerText()).trim();
}

/** Refreshes every connection from the view's title bar, as a person clicks the refresh icon. */
export async function refreshView(ui: VsCodeUi): Promise<void> {
  await ui.page.locator('.part.sidebar .title-actions a.action-label[aria-label^="Refresh"]').first().click();
}

/** The side-bar tree's rows. The list is virtualised: only the rows on screen (and a few past its edges) exist. */
export const TREE_ROWS = '.part.sidebar .monaco-list-row[role="treeitem"]';

/** What the tree walks below need of a VS Code: its page (the fixture's `VsCodeUi` and the themed one both have it). */
interface OnPage {
  readonly page: Page;
}

/**
 * Reads every row of the tree, scrolling through the virtualised list from its top a wheel `step` at a time until a
 * step shows no row not read yet; then scrolls back up. `read` gives a row's key and reading, or undefined to pass
 * the row over; a key read again keeps its latest reading. `settleMs` waits after each step for the list to redraw.
 */
export async function readTree<K, T>(
  ui: OnPage,
  rows: Locator,
  read: (row: Locator) => Promise<[K, T] | undefined>,
  pace: { step?: number; settleMs?: number } = {},
): Promise<Map<K, T>> {
  const seen = new Map<K, T>();
  await ui.page.locator('.part.sidebar .monaco-list').first().hover();
  await scrollTreeToTop(ui);
  for (let round = 0; round < 40; round++) {
    const before = seen.size;
    for (const row of await rows.all()) {
      const reading = await read(row);
      if (reading) seen.set(reading[0], reading[1]);
    }
    if (round > 0 && seen.size === before) break;
    await ui.page.mouse.wheel(0, pace.step ?? 400);
    if (pace.settleMs) await ui.page.waitForTimeout(pace.settleMs);
  }
  await ui.page.mouse.wheel(0, -100_000);
  return seen;
}

/**
 * Opens every collapsed row but those `keep` says to leave closed, scrolling down the virtualised list: a click finds
 * only rows on screen, and each row opened pushes the next ones down.
 */
export async function expandTree(ui: OnPage, keep: (label: string) => boolean = () => false): Promise<void> {
  const list = ui.page.locator('.part.sidebar .monaco-list').first();
  await list.hover();
  await scrollTreeToTop(ui);
  let lastTop = -1;
  for (let round = 0; round < 200; round++) {
    let opened = false;
    for (const row of await ui.page.locator(`${TREE_ROWS}[aria-expanded="false"]`).all()) {
      const label = await row
        .locator('.label-name')
        .innerText({ timeout: 1_000 })
        .catch(() => '');
      if (keep(label.trim())) continue;
      // Rendered is not on screen: the list draws a few rows past its edges, where a click cannot reach.
      // A row re-rendered by a poll is detached: skip it, the next round finds it again.
      const box = await row.boundingBox({ timeout: 1_000 }).catch(() => null);
      const view = await list.boundingBox();
      if (!box || !view || box.y < view.y || box.y + box.height > view.y + view.height) continue;
      opened = await row
        .click({ timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
      if (opened) break;
    }
    if (opened) continue;
    // Where the list is: the last rendered row. It stops moving at the end.
    const indices = await ui.page
      .locator(TREE_ROWS)
      .evaluateAll(els => els.map(e => Number(e.getAttribute('data-index'))));
    const top = Math.max(-1, ...indices);
    if (top === lastTop) break;
    lastTop = top;
    await ui.page.mouse.wheel(0, 300);
    await ui.page.waitForTimeout(100);
  }
  await ui.page.mouse.wheel(0, -100_000);
}

/** Scrolls the list (under the mouse) up until its first row is drawn: one huge wheel step did not always get there. */
export async function scrollTreeToTop(ui: OnPage): Promise<void> {
  for (let n = 0; n < 50; n++) {
    const first = await ui.page
      .locator(`${TREE_ROWS}[data-index="0"]`)
      .count()
      .catch(() => 0);
    if (first) return;
    await ui.page.mouse.wheel(0, -2_000);
    await ui.page.waitForTimeout(100);
  }
}
