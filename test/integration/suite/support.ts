// Shared helpers for the feature suites that run inside the extension host. Each *.test.ts is bundled on its own,
// so module state here is per file: anything that must be shared across files goes through the extension's API.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionConfig } from '../../../src/core/connection';
import type { Task, ProviderId } from '../../../src/core/task';
import type { FaultRule } from '../../../src/emulator/faults';
import type { RunningEmulator } from '../../../src/emulator/server';
import type { EmulatorConnectionInfo, EmulatorRequest } from '../../../src/emulator/types';
import type { RedisTasksApi } from '../../../src/extension/api';
import type { Prompts } from '../../../src/extension/prompts';
import type { TreeNode } from '../../../src/extension/tree/nodes';
import { EXTENSION_ID, activateExtension, startTestEmulator } from './helpers';

export type { RedisTasksApi, TreeNode, Task };

export const PROVIDERS: readonly ProviderId[] = ['redis-enterprise', 'redis-cloud', 'tencent', 'alibaba', 'aws'];

/** A password the suites type on purpose (Edit Connection with a wrong password); it must never show anywhere. */
export const WRONG_SECRET = 'it-wrong-pass-7f3a9c';

export function api(): Promise<RedisTasksApi> {
  return activateExtension<RedisTasksApi>();
}

// ---------------------------------------------------------------------------------------------------------------
// The emulator, with every request the modules answered recorded (the server itself keeps no such log).

export interface SeenRequest {
  provider: ProviderId;
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: EmulatorRequest['headers'];
  body: string;
}

export interface RecordingEmulator {
  readonly emulator: RunningEmulator;
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Requests recorded since `mark` (a length of `requests`), optionally of one provider. */
  since(mark: number, provider?: ProviderId): SeenRequest[];
  /** Resolves once `count` requests recorded from `mark` on satisfy the predicate (checked at each request). */
  waitForRequests(
    mark: number,
    predicate: (r: SeenRequest) => boolean,
    count: number,
    what: string,
    timeoutMs?: number,
  ): Promise<SeenRequest[]>;
  /** Moves the emulator's manual clock; the extension's own timers are not touched. */
  advance(seconds: number): Promise<void>;
  setFaults(rules: FaultRule[]): Promise<void>;
  clearFaults(): Promise<void>;
  info(provider: ProviderId): EmulatorConnectionInfo;
  close(): Promise<void>;
}

export async function startRecordingEmulator(): Promise<RecordingEmulator> {
  const emulator = await startTestEmulator();
  const requests: SeenRequest[] = [];
  const listeners = new Set<() => void>();
  // The server asks each module in turn; wrapping `handle` sees exactly the requests a module claimed.
  for (const m of emulator.modules) {
    const handle = m.handle.bind(m);
    m.handle = async (req, ctx) => {
      const answer = await handle(req, ctx);
      if (answer) {
        requests.push({
          provider: m.provider,
          method: req.method,
          path: `${req.url.pathname}${req.url.search}`,
          headers: req.headers,
          body: req.body.toString('utf8'),
        });
        for (const l of [...listeners]) l();
      }
      return answer;
    };
  }
  return {
    emulator,
    url: emulator.url,
    requests,
    since: (mark, provider) => requests.slice(mark).filter(r => !provider || r.provider === provider),
    waitForRequests: (mark, predicate, count, what, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const matching = () => requests.slice(mark).filter(predicate);
        const check = () => {
          const m = matching();
          if (m.length < count) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(m);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(`timed out after ${timeoutMs} ms waiting for ${count} × ${what} (saw ${matching().length})`),
          );
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
    advance: async seconds => {
      emulator.context.clock.advance(seconds * 1000);
    },
    // The same FaultInjector `/__emulator/faults` feeds; in process because the server's certificate is self-signed.
    setFaults: async rules => {
      emulator.context.faults.set(rules);
    },
    clearFaults: async () => {
      emulator.context.faults.clear();
    },
    info: provider => {
      const i = emulator.connections().find(c => c.provider === provider);
      if (!i) throw new Error(`the emulator serves no ${provider} module`);
      return i;
    },
    close: () => emulator.close(),
  };
}

/** A connection to one emulated API, pinned to the emulator's self-signed certificate (as a person would pin it). */
export function connectionTo(
  emu: RecordingEmulator,
  provider: ProviderId,
  id: string,
  name?: string,
): { config: ConnectionConfig; secret: string } {
  const i = emu.info(provider);
  const fp = emu.emulator.certificate?.fingerprint256;
  return {
    config: {
      id,
      name: name ?? `${i.name} [${id}]`,
      provider,
      endpoint: i.endpoint,
      user: i.user,
      region: i.region,
      tls: fp ? { mode: 'pinned', fingerprint256: fp } : undefined,
      options: i.options && Object.keys(i.options).length ? { ...i.options } : undefined,
    },
    secret: i.secret,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Waiting without sleeping: re-check a condition whenever the store or the connections change.

export async function waitFor<T>(
  a: RedisTasksApi,
  probe: () => T | undefined | false,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const first = probe();
  if (first) return first;
  return new Promise<T>((resolve, reject) => {
    const subs: { dispose(): void }[] = [];
    const done = () => {
      clearTimeout(timer);
      for (const s of subs) s.dispose();
    };
    const check = () => {
      let v: T | undefined | false;
      try {
        v = probe();
      } catch (e) {
        done();
        reject(e);
        return;
      }
      if (v) {
        done();
        resolve(v);
      }
    };
    // A safety net only: the events below drive the checks.
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    subs.push(a.store.onDidChange(check), a.connections.onDidChange(check));
  });
}

/**
 * For state that raises no event the tests can reach (the view's visibility reaches the poller through the
 * extension's own listener): re-checks on a short interval, with a generous limit. It waits for a condition, never
 * for an amount of time to pass.
 */
export async function until(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(r => setTimeout(r, 25));
  }
}

/** Waits until the connection shows a good snapshot (status ok, not stale). */
export function waitForConnectionOk(a: RedisTasksApi, id: string): Promise<true> {
  return waitFor(
    a,
    () => {
      const c = a.store.connection(id);
      return (!!c && c.status === 'ok' && !c.stale) || undefined;
    },
    `connection ${id} to load`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Settings and connections.

const SECTION = 'redisTasks';

/** Manual polling only: tests decide when the servers are asked, so request counts are exact. */
export async function manualPolling(): Promise<void> {
  const c = vscode.workspace.getConfiguration(SECTION);
  await c.update('pollInterval.active', 0, vscode.ConfigurationTarget.Global);
  await c.update('pollInterval.idle', 0, vscode.ConfigurationTarget.Global);
}

export async function resetPolling(): Promise<void> {
  const c = vscode.workspace.getConfiguration(SECTION);
  await c.update('pollInterval.active', undefined, vscode.ConfigurationTarget.Global);
  await c.update('pollInterval.idle', undefined, vscode.ConfigurationTarget.Global);
}

/** Adds connections the way the Add Connection flow ends (settings + SecretStorage) and waits for their first load. */
export async function addConnections(
  a: RedisTasksApi,
  list: { config: ConnectionConfig; secret: string }[],
  wait = true,
): Promise<void> {
  for (const { config, secret } of list) await a.connections.save(config, { secret });
  if (wait) for (const { config } of list) await waitForConnectionOk(a, config.id);
}

/** Removes every connection and its secret; the store forgets them. */
export async function removeAllConnections(a: RedisTasksApi): Promise<void> {
  for (const c of a.connections.list()) await a.connections.remove(c.id);
  await waitFor(a, () => a.store.connectionIds().length === 0, 'the store to forget every connection');
}

export function settingsConnections(): unknown[] {
  return vscode.workspace.getConfiguration(SECTION).get<unknown[]>('connections') ?? [];
}

// ---------------------------------------------------------------------------------------------------------------
// The profile on disk: settings.json and the log file of the "Redis Tasks" output channel.

function profileDir(): string {
  const ws = process.env.REDIS_TASKS_TEST_WORKSPACE;
  if (!ws) throw new Error('REDIS_TASKS_TEST_WORKSPACE is not set: run through `npm run test:integration`');
  return path.join(path.dirname(ws), 'profile');
}

function findFiles(dir: string, depth: number, match: (p: string) => boolean, out: string[] = []): string[] {
  if (depth < 0) return out;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findFiles(p, depth - 1, match, out);
    else if (match(p)) out.push(p);
  }
  return out;
}

/** The user settings.json of the test profile (desktop: <profile>/User; code-server: <profile>/user-data/User). */
export function userSettingsFile(): string {
  const found = findFiles(
    profileDir(),
    3,
    p => path.basename(p) === 'settings.json' && path.basename(path.dirname(p)) === 'User',
  );
  assert.ok(found.length > 0, `no User/settings.json under ${profileDir()}`);
  return found[0];
}

/** Every log file the extension's "Redis Tasks" output channel wrote in this profile. */
export function redisTasksLogFiles(): string[] {
  return findFiles(
    profileDir(),
    7,
    p => path.basename(p) === 'Redis Tasks.log' && path.basename(path.dirname(p)).toLowerCase() === EXTENSION_ID,
  );
}

/** The log channel's content on disk, once a marker logged now has been flushed (waits on the file, not a clock). */
export async function flushedLog(a: RedisTasksApi, timeoutMs = 15_000): Promise<string> {
  const marker = `flush-marker-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  a.log.info(marker);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = redisTasksLogFiles()
      .map(f => fs.readFileSync(f, 'utf8'))
      .join('\n');
    if (text.includes(marker)) return text;
    if (Date.now() > deadline)
      throw new Error(`the log file never showed ${marker} (files: ${redisTasksLogFiles().join(', ') || 'none'})`);
    await fileChanged(redisTasksLogFiles(), 500);
  }
}

/** Resolves when one of the files changes, or after `maxMs` (the file may not exist yet: nothing to watch). */
function fileChanged(files: string[], maxMs: number): Promise<void> {
  return new Promise(resolve => {
    const watchers: fs.FSWatcher[] = [];
    const done = () => {
      clearTimeout(t);
      for (const w of watchers) w.close();
      resolve();
    };
    const t = setTimeout(done, maxMs);
    for (const f of files) {
      try {
        watchers.push(fs.watch(f, done));
      } catch {
        /* gone: the timer re-checks */
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Prompts: every question goes through `api.prompts`; tests answer them here. Any question a test did not expect
// is recorded and dismissed (Escape), so a test can never hang on a real dialog.

export interface PromptCall {
  method: keyof Prompts;
  /** The message (message boxes), title/prompt (input box) or placeHolder (quick pick). */
  text: string;
  args: unknown[];
}

type Handlers = { [K in keyof Prompts]?: (...args: Parameters<Prompts[K]>) => unknown };

export interface PromptStub {
  readonly calls: PromptCall[];
  restore(): void;
}

export function stubPrompts(a: RedisTasksApi, handlers: Handlers = {}): PromptStub {
  const prompts = a.prompts as unknown as Record<string, unknown>;
  const original = { ...prompts };
  const calls: PromptCall[] = [];
  const methods: (keyof Prompts)[] = [
    'showInformationMessage',
    'showWarningMessage',
    'showErrorMessage',
    'showInputBox',
    'showQuickPick',
    'showOpenDialog',
    'createQuickPick',
  ];
  for (const m of methods) {
    prompts[m] = (...args: unknown[]) => {
      const first = args[0] as { title?: string; prompt?: string } | string | undefined;
      const opts = args[1] as { placeHolder?: string; title?: string } | undefined;
      const text =
        typeof first === 'string'
          ? first
          : m === 'showInputBox'
            ? `${first?.title ?? ''} ${first?.prompt ?? ''}`.trim()
            : m === 'showQuickPick'
              ? `${opts?.title ?? ''} ${opts?.placeHolder ?? ''}`.trim()
              : '';
      calls.push({ method: m, text, args });
      const h = handlers[m] as ((...x: unknown[]) => unknown) | undefined;
      if (m === 'createQuickPick') throw new Error('createQuickPick is not stubbed in this test');
      return Promise.resolve(h ? h(...args) : undefined);
    };
  }
  return {
    calls,
    restore: () => {
      Object.assign(prompts, original);
    },
  };
}

/** Answers input boxes in order, checking each answer passes the box's own validation (as the real box would). */
export function inputAnswers(
  ...answers: (string | undefined)[]
): (options: vscode.InputBoxOptions) => Promise<string | undefined> {
  const queue = [...answers];
  return async options => {
    assert.ok(queue.length > 0, `unexpected input box: ${options.title ?? ''} ${options.prompt ?? ''}`);
    const v = queue.shift();
    if (v !== undefined && options.validateInput) {
      const problem = await options.validateInput(v);
      assert.ok(!problem, `"${v}" would be refused by the input box "${options.prompt}": ${JSON.stringify(problem)}`);
    }
    return v;
  };
}

/** Picks, in order, the first item whose label (or description) matches each pattern. */
export function quickPickAnswers(...patterns: (RegExp | ((items: readonly vscode.QuickPickItem[]) => unknown))[]) {
  const queue = [...patterns];
  return async (
    items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>,
    _options?: vscode.QuickPickOptions,
  ) => {
    const list = await items;
    const p = queue.shift();
    assert.ok(p, `unexpected quick pick: ${list.map(i => i.label).join(' | ')}`);
    if (typeof p === 'function') return p(list);
    const found = list.find(i => p.test(i.label) || (i.description !== undefined && p.test(i.description)));
    assert.ok(found, `no item matches ${p} among: ${list.map(i => i.label).join(' | ')}`);
    return found;
  };
}

/** Answers message boxes by clicking the item matching the pattern (undefined: dismiss). */
export function clickMatching(pattern: RegExp | undefined) {
  return async (_message: string, _options: vscode.MessageOptions, ...items: string[]) =>
    pattern ? items.find(i => pattern.test(i)) : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The tree as the view reads it from the data provider.

export interface TreeRow {
  node: TreeNode;
  item: vscode.TreeItem;
  label: string;
  description: string;
  contextValue: string;
  children: TreeRow[];
}

function text(v: string | vscode.TreeItemLabel | boolean | undefined): string {
  if (v === undefined || typeof v === 'boolean') return '';
  return typeof v === 'string' ? v : v.label;
}

export async function treeRows(a: RedisTasksApi, parent?: TreeNode): Promise<TreeRow[]> {
  const nodes = a.tree.getChildren(parent) ?? [];
  const rows: TreeRow[] = [];
  for (const node of nodes) {
    const item = a.tree.getTreeItem(node);
    const expandable =
      item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None;
    rows.push({
      node,
      item,
      label: text(item.label),
      description: text(item.description),
      contextValue: item.contextValue ?? '',
      children: expandable ? await treeRows(a, node) : [],
    });
  }
  return rows;
}

export async function connectionRow(a: RedisTasksApi, connectionId: string): Promise<TreeRow> {
  const rows = await treeRows(a);
  const row = rows.find(r => r.node.type === 'connection' && r.node.id === `c/${connectionId}`);
  assert.ok(row, `no connection row for ${connectionId}; rows: ${rows.map(r => r.label).join(', ')}`);
  return row;
}

/**
 * Every task row under a row, at any depth (an AWS connection of several regions has a region level; alike finished
 * tasks are folded into one row, tree/folds.ts).
 */
export function taskRows(row: TreeRow): TreeRow[] {
  return row.children.flatMap(c => (c.node.type === 'task' ? [c] : taskRows(c)));
}

/** A loaded task of a connection that satisfies the predicate (the first in display order). */
export function findTask(a: RedisTasksApi, connectionId: string, predicate: (t: Task) => boolean): Task | undefined {
  const view = a.store.connection(connectionId);
  for (const g of view?.groups ?? []) {
    const t = a.store.tasksOf(connectionId, g.id).find(predicate);
    if (t) return t;
  }
  return undefined;
}

/** Runs a command through VS Code (not the function behind it), as a menu or the palette would. */
export function run<T = unknown>(command: string, ...args: unknown[]): Thenable<T> {
  return vscode.commands.executeCommand<T>(command, ...args);
}

export interface SuiteSetup {
  a: RedisTasksApi;
  emu: RecordingEmulator;
}

/**
 * The setup every suite shares, registered as its first hooks: no connections left by another suite, polling only
 * when a test asks, a fresh recording emulator. Afterwards (mocha runs this `after` before the suite's own ones):
 * polling off and nothing in flight, then the connections removed and the emulator closed.
 */
export function useFreshExtension(): SuiteSetup {
  const setup = {} as SuiteSetup;
  before(async () => {
    setup.a = await api();
    await removeAllConnections(setup.a);
    await manualPolling();
    setup.emu = await startRecordingEmulator();
  });
  after(async () => {
    await setup.emu?.clearFaults();
    if (setup.a) {
      await manualPolling();
      await until(() => setup.a.poller.inFlightCount() === 0, 'polls in flight to end');
      await removeAllConnections(setup.a);
    }
    await setup.emu?.close();
  });
  return setup;
}
