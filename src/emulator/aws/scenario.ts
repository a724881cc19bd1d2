/**
 * The emulated AWS account, as functions of the emulator clock: nothing here reads real time, so tests advance the
 * clock and watch a resharding progress, a service update roll across six nodes (and stop when asked), a MemoryDB
 * service update roll across three, a backup finish, a modification fail and a reboot end. Times are epoch ms;
 * `t0` is the clock at reset.
 */

export const REGION = 'us-east-1';
export const SECOND_REGION = 'eu-west-1';
export const REGIONS = [REGION, SECOND_REGION];
export const ACCOUNT = '123456789012';

const S = 1000;

export interface ScenarioState {
  t0: number;
  /** When BatchStopUpdateAction was accepted, per `<rg>|<update>`. */
  stops: Map<string, number>;
  /** Idle replication groups added to exercise Marker paging. */
  extraReplicationGroups: number;
}

export const RESHARD = { id: 'orders-cache', start: -60 * S, seconds: 600 };
export const UPDATE = {
  name: 'elasticache-20261115-001',
  rg: 'sessions',
  start: -100 * S,
  nodeSeconds: 120,
  nodes: ['0001', '0002'].flatMap(g => ['001', '002', '003'].map(m => ({ group: g, cluster: `sessions-${g}-${m}` }))),
};
export const BACKUP = { name: 'sessions-before-upgrade', rg: 'sessions', start: -30 * S, seconds: 270 };
export const FAILING = { id: 'reports-cache', start: -30 * S, seconds: 120 };
/** Half an hour after it failed, the same engine upgrade of reports-cache is tried again, and succeeds. */
export const RETRY = { id: FAILING.id, start: 30 * 60 * S, seconds: 300 };
export const REBOOT = { id: 'memcached-legacy', start: -20 * S, seconds: 60 };
export const SERVERLESS_BACKUP = { name: 'carts-before-migration', cache: 'carts', start: -10 * S, seconds: 100 };
export const MEMORYDB = { name: 'ledger', start: -120 * S, seconds: 900 };
/** A MemoryDB security update rolling over the three nodes of `audit-log`, one node every two minutes. */
export const MEMORYDB_UPDATE = {
  name: 'memorydb-20261120-001',
  cluster: 'audit-log',
  start: -30 * S,
  nodeSeconds: 120,
  nodes: 3,
  released: -2 * 86_400 * S,
};
/** Released, not applied: AWS applies it on its own from `autoStart`. On `ledger`, as a pending row. */
export const MEMORYDB_OFFERED = { name: 'memorydb-20261201-002', released: -86_400 * S, autoStart: 10 * 86_400 * S };
/** Complete long ago: listed by AWS, too old to be a task. */
export const MEMORYDB_OLD = { name: 'memorydb-20260901-001', released: -90 * 86_400 * S };

export function elapsed(st: ScenarioState, start: number, now: number): number {
  return (now - (st.t0 + start)) / S;
}

export interface NodeState {
  group: string;
  cluster: string;
  status: 'waiting-to-start' | 'in-progress' | 'complete' | 'stopped';
  startedAt?: number;
  endedAt?: number;
}

export interface UpdateState {
  status: 'in-progress' | 'stopping' | 'stopped' | 'complete';
  nodes: NodeState[];
  updated: number;
  modifiedAt: number;
}

/**
 * One node at a time, as ElastiCache rolls a service update through a replication group. A stop lets the node in
 * progress finish ("stopping") and leaves the rest stopped.
 */
export function updateState(st: ScenarioState, now: number): UpdateState {
  const begin = st.t0 + UPDATE.start;
  const per = UPDATE.nodeSeconds * S;
  const stopAt = st.stops.get(`${UPDATE.rg}|${UPDATE.name}`);
  const haltAfter = stopAt === undefined ? undefined : Math.floor((stopAt - begin) / per) + 1;
  const nodes: NodeState[] = UPDATE.nodes.map((n, i) => {
    const start = begin + i * per;
    const end = start + per;
    if (haltAfter !== undefined && i >= haltAfter)
      return { ...n, status: now >= begin + haltAfter * per ? 'stopped' : 'waiting-to-start' };
    if (now < start) return { ...n, status: 'waiting-to-start' };
    if (now < end) return { ...n, status: 'in-progress', startedAt: start };
    return { ...n, status: 'complete', startedAt: start, endedAt: end };
  });
  const updated = nodes.filter(n => n.status === 'complete').length;
  const lastEnd = begin + UPDATE.nodes.length * per;
  if (haltAfter !== undefined && haltAfter < UPDATE.nodes.length) {
    const haltEnd = begin + haltAfter * per;
    return now < haltEnd
      ? { status: 'stopping', nodes, updated, modifiedAt: stopAt! }
      : { status: 'stopped', nodes, updated, modifiedAt: haltEnd };
  }
  return now >= lastEnd
    ? { status: 'complete', nodes, updated, modifiedAt: lastEnd }
    : { status: 'in-progress', nodes, updated, modifiedAt: begin };
}

/** How far the MemoryDB update on `audit-log` is: nodes updated, and AWS's status word. */
export function memoryDbUpdateState(st: ScenarioState, now: number): { updated: number; status: string } {
  const done = elapsed(st, MEMORYDB_UPDATE.start, now);
  const updated = Math.max(0, Math.min(MEMORYDB_UPDATE.nodes, Math.floor(done / MEMORYDB_UPDATE.nodeSeconds)));
  return { updated, status: done < 0 ? 'available' : updated >= MEMORYDB_UPDATE.nodes ? 'complete' : 'in-progress' };
}

export function isStoppable(st: ScenarioState, now: number): boolean {
  const s = updateState(st, now).status;
  return s === 'in-progress';
}

export interface EmuEvent {
  region: string;
  service: 'elasticache' | 'memorydb';
  sourceId: string;
  sourceType: string;
  message: string;
  at: number;
}

/** The account's event history up to `now`, oldest first. */
export function events(st: ScenarioState, now: number): EmuEvent[] {
  const t = (offset: number) => st.t0 + offset;
  const ec = (sourceType: string, sourceId: string, message: string, at: number, region = REGION): EmuEvent => ({
    region,
    service: 'elasticache',
    sourceId,
    sourceType,
    message,
    at,
  });
  const reshardEnd = RESHARD.start + RESHARD.seconds * S;
  const failEnd = FAILING.start + FAILING.seconds * S;
  const rebootEnd = REBOOT.start + REBOOT.seconds * S;
  const all: EmuEvent[] = [
    ec('cache-cluster', 'eu-sessions-0001-001', 'Cache node 0001 restarted', t(-2 * 86_400 * S), SECOND_REGION),
    ec('replication-group', 'catalog', 'Replication group catalog modified', t(-26 * 3600 * S)),
    ec(
      'replication-group',
      RESHARD.id,
      'Modification started: online resharding from 2 to 3 node groups',
      t(RESHARD.start),
    ),
    ec(
      'replication-group',
      RESHARD.id,
      'Added node group 0003 to replication group orders-cache',
      t(RESHARD.start + 20 * S),
    ),
    ec('replication-group', RESHARD.id, 'Finished modifying number of node groups from 2 to 3', t(reshardEnd)),
    ec('replication-group', FAILING.id, 'Modification started: engine version 7.0 to 7.1', t(FAILING.start)),
    ec(
      'replication-group',
      FAILING.id,
      'Failed to modify engine version of replication group reports-cache: InsufficientCacheClusterCapacity',
      t(failEnd),
    ),
    ec('replication-group', RETRY.id, 'Modification started: engine version 7.0 to 7.1', t(RETRY.start)),
    ec(
      'replication-group',
      RETRY.id,
      'Finished modifying engine version of replication group reports-cache from 7.0 to 7.1',
      t(RETRY.start + RETRY.seconds * S),
    ),
    ec('cache-cluster', REBOOT.id, 'Rebooting cache node 0001 of cache cluster memcached-legacy', t(REBOOT.start)),
    ec('cache-cluster', REBOOT.id, 'Cache node 0001 restarted', t(rebootEnd)),
    {
      region: REGION,
      service: 'memorydb',
      sourceId: MEMORYDB.name,
      sourceType: 'cluster',
      message: 'Cluster resharding started: 2 to 4 shards',
      at: t(MEMORYDB.start),
    },
    {
      region: REGION,
      service: 'memorydb',
      sourceId: MEMORYDB.name,
      sourceType: 'cluster',
      message: 'Cluster resharding completed',
      at: t(MEMORYDB.start + MEMORYDB.seconds * S),
    },
  ];
  return all.filter(e => e.at <= now).sort((a, b) => a.at - b.at);
}
