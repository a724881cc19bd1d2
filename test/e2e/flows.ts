// UI walks several e2e files share: adding a Redis Enterprise connection the way a person does, and reading the
// tree. Each step waits for what the person would wait for (the next prompt, the dialog), never for time.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
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
