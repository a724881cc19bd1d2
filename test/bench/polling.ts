// Items 4 and 5: requests per minute per connection (the real Poller on a virtual clock, real sources against the
// emulator), tree rows redrawn when one task changes among 10,000, heap per task and heap while polling.
// Run with --expose-gc.
import '../unit/extension/fakeVscode'; // makes require('vscode') the stand-in the tree tests use
import { Poller, type PollerTimer } from '../../src/core/poller';
import { TaskStore } from '../../src/core/store';
import type { TaskSource } from '../../src/core/source';
import type { Task } from '../../src/core/task';
import { TaskTreeProvider } from '../../src/extension/tree/provider';
import type { TreeNode } from '../../src/extension/tree/nodes';
import type { EmulatorConnectionInfo } from '../../src/emulator/types';
import { emulatorSource } from './full-refresh';
import { QUICK, figure, median, spread, startEmulatorProcess, runMain } from './lib';

const gc =
  (globalThis as { gc?: () => void }).gc ??
  (() => {
    throw new Error('run with --expose-gc');
  });

class VirtualTimer implements PollerTimer {
  t = 0;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.queue.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.queue = this.queue.filter(q => q.id !== h);
  }
  /** Runs every timer due up to `until`, letting each poll finish before time moves on. */
  async runUntil(until: number, poller: Poller): Promise<void> {
    for (;;) {
      await settle(poller);
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (!next || next.at > until) break;
      this.queue.shift();
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = until;
  }
}

async function settle(poller: Poller): Promise<void> {
  for (let i = 0; i < 3 || poller.inFlightCount() > 0; i++) await new Promise(r => setImmediate(r));
}

function pollerFor(sources: Map<string, TaskSource>, store: TaskStore, timer: VirtualTimer): Poller {
  return new Poller(
    {
      async poll(r) {
        if (!r.list) return;
        store.applySnapshot(r.connectionId, await sources.get(r.connectionId)!.refresh({}, r.signal));
      },
      hasActive: id => store.hasActive(id),
      isTaskActive: () => false,
    },
    { activeIntervalMs: 5_000, idleIntervalMs: 60_000, timer, random: () => 0.5 },
  );
}

function task(i: number, progress: number): Task {
  return {
    id: String(100_000 + i),
    source: 'c',
    provider: 'tencent',
    kind: 'cloud-task',
    group: 'crs-1',
    name: 'Backup',
    type: '012',
    target: { id: 'crs-1', name: 'orders' },
    status: i === 0 ? 'running' : 'succeeded',
    providerStatus: i === 0 ? '1' : '2',
    progress,
    startedAt: 1_700_000_000_000 - i * 60_000,
    finishedAt: i === 0 ? undefined : 1_700_000_060_000 - i * 60_000,
    steps: [],
    shards: [],
    errors: [],
    capabilities: { cancel: false, forceCancel: false },
    raw: {
      TaskId: 100_000 + i,
      StartTime: '2023-11-14 22:13:20',
      TaskType: '012',
      InstanceName: 'orders',
      InstanceId: 'crs-1',
      ProjectId: 0,
      Progress: progress / 100,
      EndTime: '2023-11-14 22:14:20',
      Result: 2,
      OperatorUin: '100000000001',
    },
  };
}

async function requestsPerMinute(emuConns: EmulatorConnectionInfo[]): Promise<void> {
  let requests = new Map<string, number>();
  const make = (id: string, c: EmulatorConnectionInfo) =>
    emulatorSource(id, c, { log: () => requests.set(id, (requests.get(id) ?? 0) + 1) });
  const pick = (p: string) => emuConns.find(c => c.provider === p)!;
  // scale:100 — every Tencent task finished (idle); Alibaba and Redis Enterprise have tasks running.
  const sources = new Map<string, TaskSource>([
    ['idle-tencent', make('idle-tencent', pick('tencent'))],
    ['active-alibaba', make('active-alibaba', pick('alibaba'))],
    ['active-re', make('active-re', pick('redis-enterprise'))],
  ]);
  const store = new TaskStore();
  const timer = new VirtualTimer();
  const poller = pollerFor(sources, store, timer);
  poller.setConnections([...sources.keys()]);
  // First load (a person opened the view once), then measure a minute in each state.
  poller.setViewVisible(true);
  await timer.runUntil(1, poller);
  poller.setViewVisible(false);
  requests = new Map();
  await timer.runUntil(timer.t + 60_000, poller);
  const hidden = [...requests.values()].reduce((a, b) => a + b, 0) / sources.size;
  figure(
    'polling: requests/min/connection, view hidden, nothing watched',
    hidden.toFixed(1),
    '0',
    undefined,
    '0',
    hidden === 0,
  );
  poller.setViewVisible(true);
  await timer.runUntil(timer.t + 1, poller); // the view opens: one poll at once (not counted)
  requests = new Map();
  await timer.runUntil(timer.t + 60_000, poller);
  const idle = requests.get('idle-tencent') ?? 0;
  const active = ((requests.get('active-alibaba') ?? 0) + (requests.get('active-re') ?? 0)) / 2;
  figure(
    'polling: requests/min, view visible, idle connection (Tencent, 2 requests per refresh)',
    idle.toFixed(1),
    'idle interval 60 s',
    undefined,
    '- (1 refresh/min)',
    undefined,
  );
  figure(
    'polling: requests/min, view visible, tasks running (Alibaba, Redis Enterprise; mean)',
    active.toFixed(1),
    `active interval 5 s = 12 refreshes/min; idle connection ${idle}`,
    idle ? active / idle : undefined,
    '- (12 refreshes/min)',
    undefined,
  );
  poller.dispose();
  await Promise.all([...sources.values()].map(s => s.close()));
}

function treeRows(): void {
  const n = 10_000;
  const store = new TaskStore();
  const tree = new TaskTreeProvider({
    store,
    connections: () => [{ id: 'c', name: 'c', provider: 'tencent' }],
    consoleUrl: () => undefined,
    now: () => 1_700_000_100_000,
  });
  const group = { id: 'crs-1', label: 'orders', kind: 'instance' as const };
  store.applySnapshot('c', { groups: [group], tasks: Array.from({ length: n }, (_, i) => task(i, 40)), more: {} });
  const [conn] = tree.getChildren();
  const [g] = tree.getChildren(conn);
  tree.getChildren(g);
  const seen: { fired: TreeNode[] | 'all' } = { fired: [] };
  tree.onDidChangeTreeData(e => {
    seen.fired = e === undefined ? 'all' : Array.isArray(e) ? e : [e];
  });
  const snapshotWith = (progress: number) => ({
    groups: [group],
    tasks: Array.from({ length: n }, (_, i) => task(i, i === 0 ? progress : 40)),
    more: {},
  });
  store.applySnapshot('c', snapshotWith(41));
  const { fired } = seen;
  // The apply alone (the tasks are made before the clock starts), several times: one cold figure varied 34-70 ms.
  const applyMs: number[] = [];
  for (let r = 0; r < 9; r++) {
    const next = snapshotWith(42 + r);
    const t0 = process.hrtime.bigint();
    store.applySnapshot('c', next);
    applyMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const rows = fired === 'all' ? n + 2 : fired.length;
  figure(
    `tree: rows redrawn when 1 task of ${n} changes its progress`,
    `${rows} (${fired === 'all' ? 'whole tree' : fired.map(f => f.constructor.name).join(', ')})`,
    `${n} rows`,
    rows / n,
    '1 (+ ancestors whose text changes)',
    rows === 1,
  );
  // One draw of the group row's children (VS Code asks for them after every change of the group): 9,999 finished
  // tasks of one name fold into one row, so the draw is the folding and the bookkeeping, not rows.
  const drawMs: number[] = [];
  for (let r = 0; r < 21; r++) {
    const t0 = process.hrtime.bigint();
    tree.getChildren(g);
    drawMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  figure(
    `tree: one draw of a group of ${n} tasks (1 running, the rest in one fold)`,
    spread(drawMs),
    '-',
    undefined,
    '<= 4 ms (one step of the event loop)',
    median(drawMs) <= 4,
  );
  figure(
    `store: applySnapshot of ${n} tasks, 1 changed`,
    spread(applyMs),
    '-',
    undefined,
    '- (information)',
    undefined,
  );
}

/** "Load more" through a long group: each page is placed in the group's order (order.ts: `reorder`). */
function pagingOrder(): void {
  const n = QUICK ? 5_000 : 20_000;
  const page = 100;
  // Newest first, as the providers page: each page sorts after the last.
  const all = Array.from({ length: n }, (_, i) => task(i + 1, 0));
  const ms: number[] = [];
  for (let r = 0; r < 7; r++) {
    const store = new TaskStore();
    store.applySnapshot('c', {
      groups: [{ id: 'crs-1', label: 'orders', kind: 'instance' }],
      tasks: all.slice(0, page),
      more: {},
    });
    const t0 = process.hrtime.bigint();
    for (let i = page; i < n; i += page)
      store.appendPage('c', 'crs-1', all.slice(i, i + page), i + page < n ? 'x' : undefined);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (store.tasksOf('c', 'crs-1').length !== n) throw new Error('paging lost tasks');
  }
  figure(
    `store: "Load more" through ${n} tasks in pages of ${page} (appendPage, every page placed in order)`,
    spread(ms),
    '-',
    undefined,
    '- (information)',
    undefined,
  );
}

function heapPerTask(): void {
  const n = 100_000;
  gc();
  const before = process.memoryUsage().heapUsed;
  const plain = Array.from({ length: n }, (_, i) => task(i, 40));
  gc();
  const plainBytes = process.memoryUsage().heapUsed - before;
  const store = new TaskStore();
  store.applySnapshot('c', { groups: [{ id: 'crs-1', label: 'orders', kind: 'instance' }], tasks: plain, more: {} });
  gc();
  const storeBytes = process.memoryUsage().heapUsed - before;
  figure(
    `memory: heap holding ${n} tasks in the store`,
    `${Math.round(storeBytes / n)} B/task (${(storeBytes / 2 ** 20).toFixed(0)} MB)`,
    `the Task objects alone ${Math.round(plainBytes / n)} B/task`,
    storeBytes / plainBytes,
    '- (information)',
    undefined,
  );
  void store.connectionIds();
}

async function heapWhilePolling(emuConns: EmulatorConnectionInfo[]): Promise<void> {
  const count = QUICK ? 50 : 200;
  const minutes = QUICK ? 4 : 10;
  const providers = ['redis-enterprise', 'tencent', 'alibaba'];
  const sources = new Map<string, TaskSource>();
  for (let i = 0; i < count; i++) {
    const c = emuConns.find(x => x.provider === providers[i % providers.length])!;
    sources.set(`p-${i}`, emulatorSource(`p-${i}`, c));
  }
  const store = new TaskStore();
  const timer = new VirtualTimer();
  const poller = pollerFor(sources, store, timer);
  poller.setConnections([...sources.keys()]);
  poller.setViewVisible(true);
  const samples: number[] = [];
  for (let m = 1; m <= minutes; m++) {
    await timer.runUntil(m * 60_000, poller);
    gc();
    samples.push(process.memoryUsage().heapUsed);
  }
  const first = samples[0];
  const last = samples[samples.length - 1];
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
  figure(
    `memory: heap after ${minutes} virtual minutes polling ${count} connections (5 s active interval)`,
    `${mb(last)} (per minute: ${samples.map(mb).join(', ')})`,
    `after minute 1: ${mb(first)}`,
    last / first,
    'flat (<= 1.05x)',
    last / first <= 1.05,
  );
  poller.dispose();
  await Promise.all([...sources.values()].map(s => s.close()));
}

async function main(): Promise<void> {
  treeRows();
  pagingOrder();
  heapPerTask();
  const emu = await startEmulatorProcess('scale:100');
  try {
    await requestsPerMinute(emu.connections);
    await heapWhilePolling(emu.connections);
  } finally {
    await emu.close();
  }
}

runMain(main);
