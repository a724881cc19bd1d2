import {
  ACCOUNT,
  MEMORYDB,
  MEMORYDB_OFFERED,
  MEMORYDB_OLD,
  MEMORYDB_UPDATE,
  REGION,
  elapsed,
  events,
  memoryDbUpdateState,
  type ScenarioState,
} from './scenario';

/** MemoryDB's JSON 1.1 operations against the emulated account. Timestamps are epoch seconds, as JSON 1.1 sends them. */

export type JsonResult = { ok: Record<string, unknown> } | { status: number; code: string; message: string };

type Input = Record<string, unknown>;

function page<T>(
  items: T[],
  input: Input,
): { items: T[]; next?: string } | { status: number; code: string; message: string } {
  const max = input.MaxResults === undefined ? 100 : Number(input.MaxResults);
  if (!Number.isInteger(max) || max < 1 || max > 100)
    return { status: 400, code: 'InvalidParameterValueException', message: 'MaxResults must be between 1 and 100.' };
  let offset = 0;
  if (input.NextToken !== undefined) {
    const m = /^emu-(\d+)$/.exec(
      Buffer.from(typeof input.NextToken === 'string' ? input.NextToken : '', 'base64').toString('utf8'),
    );
    if (!m) return { status: 400, code: 'InvalidParameterValueException', message: 'Invalid NextToken.' };
    offset = Number(m[1]);
  }
  const next = offset + max < items.length ? Buffer.from(`emu-${offset + max}`).toString('base64') : undefined;
  return { items: items.slice(offset, offset + max), next };
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** `DescribeServiceUpdates` records: one per cluster and update, as MemoryDB lists them. */
function serviceUpdates(st: ScenarioState, now: number) {
  const u = memoryDbUpdateState(st, now);
  const common = { Engine: 'valkey', Type: 'security-update' };
  return [
    {
      ClusterName: MEMORYDB_UPDATE.cluster,
      ServiceUpdateName: MEMORYDB_UPDATE.name,
      ReleaseDate: seconds(st.t0 + MEMORYDB_UPDATE.released),
      Description: 'Valkey 7.3 security patch (emulated)',
      Status: u.status,
      NodesUpdated: `${u.updated}/${MEMORYDB_UPDATE.nodes}`,
      AutoUpdateStartDate: seconds(st.t0 + MEMORYDB_UPDATE.released + 14 * 86_400_000),
      ...common,
    },
    {
      ClusterName: MEMORYDB.name,
      ServiceUpdateName: MEMORYDB_OFFERED.name,
      ReleaseDate: seconds(st.t0 + MEMORYDB_OFFERED.released),
      Description: 'Valkey 7.3 engine patch (emulated)',
      Status: 'available',
      NodesUpdated: '0/4',
      AutoUpdateStartDate: seconds(st.t0 + MEMORYDB_OFFERED.autoStart),
      ...common,
    },
    {
      ClusterName: MEMORYDB.name,
      ServiceUpdateName: MEMORYDB_OLD.name,
      ReleaseDate: seconds(st.t0 + MEMORYDB_OLD.released),
      Description: 'Valkey 7.2 security patch (emulated)',
      Status: 'complete',
      NodesUpdated: '4/4',
      ...common,
    },
  ];
}

/** What a cluster's `PendingUpdates.ServiceUpdates` repeats: its updates that have not completed. */
function pendingServiceUpdates(st: ScenarioState, now: number, cluster: string) {
  return serviceUpdates(st, now)
    .filter(u => u.ClusterName === cluster && u.Status !== 'complete')
    .map(u => ({ ServiceUpdateName: u.ServiceUpdateName, Status: u.Status }));
}

function clusters(st: ScenarioState, now: number) {
  const done = elapsed(st, MEMORYDB.start, now);
  const running = done < MEMORYDB.seconds;
  const patching = memoryDbUpdateState(st, now).status === 'in-progress';
  const ledgerPending = pendingServiceUpdates(st, now, MEMORYDB.name);
  const auditPending = pendingServiceUpdates(st, now, MEMORYDB_UPDATE.cluster);
  return [
    {
      Name: MEMORYDB.name,
      Description: 'ledger (emulated)',
      Status: running ? 'updating' : 'available',
      PendingUpdates: {
        ...(running
          ? { Resharding: { SlotMigration: { ProgressPercentage: Math.round((done / MEMORYDB.seconds) * 1000) / 10 } } }
          : {}),
        ...(ledgerPending.length ? { ServiceUpdates: ledgerPending } : {}),
      },
      NumberOfShards: running ? 2 : 4,
      NodeType: 'db.r7g.large',
      Engine: 'valkey',
      EngineVersion: '7.3',
      ARN: `arn:aws:memorydb:${REGION}:${ACCOUNT}:cluster/${MEMORYDB.name}`,
      TLSEnabled: true,
    },
    {
      Name: MEMORYDB_UPDATE.cluster,
      Description: 'audit log (emulated)',
      Status: patching ? 'updating' : 'available',
      PendingUpdates: auditPending.length ? { ServiceUpdates: auditPending } : {},
      NumberOfShards: 1,
      NodeType: 'db.t4g.medium',
      Engine: 'valkey',
      EngineVersion: '7.3',
      ARN: `arn:aws:memorydb:${REGION}:${ACCOUNT}:cluster/${MEMORYDB_UPDATE.cluster}`,
      TLSEnabled: true,
    },
  ];
}

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;

export function memoryDbOperation(
  st: ScenarioState,
  region: string,
  operation: string,
  input: Input,
  now: number,
): JsonResult {
  const here = region === REGION;
  switch (operation) {
    case 'DescribeClusters': {
      let list = here ? clusters(st, now) : [];
      if (input.ClusterName !== undefined) {
        list = list.filter(c => c.Name === input.ClusterName);
        if (!list.length)
          return {
            status: 400,
            code: 'ClusterNotFoundFault',
            message: `Cluster ${typeof input.ClusterName === 'string' ? input.ClusterName : '?'} not found`,
          };
      }
      const p = page(list, input);
      return 'code' in p ? p : { ok: { Clusters: p.items, NextToken: p.next } };
    }
    case 'DescribeSnapshots': {
      const list = here
        ? [
            {
              Name: `${MEMORYDB.name}-nightly`,
              Status: 'available',
              Source: 'automated',
              ARN: `arn:aws:memorydb:${REGION}:${ACCOUNT}:snapshot/${MEMORYDB.name}-nightly`,
              ClusterConfiguration: {
                Name: MEMORYDB.name,
                NodeType: 'db.r7g.large',
                Shards: [{ Name: '0001', SnapshotCreationTime: Math.floor((st.t0 - 3 * 3600_000) / 1000) }],
              },
            },
          ]
        : [];
      const p = page(list, input);
      return 'code' in p ? p : { ok: { Snapshots: p.items, NextToken: p.next } };
    }
    case 'DescribeServiceUpdates': {
      // Each filter narrows the list; an empty list or a name that matches nothing is an empty answer, not an error.
      const names = strings(input.ClusterNames);
      const statuses = strings(input.Status);
      const list = (here ? serviceUpdates(st, now) : []).filter(
        u =>
          (input.ServiceUpdateName === undefined || u.ServiceUpdateName === input.ServiceUpdateName) &&
          (!names?.length || names.includes(u.ClusterName)) &&
          (!statuses?.length || statuses.includes(u.Status)),
      );
      const p = page(list, input);
      return 'code' in p ? p : { ok: { ServiceUpdates: p.items, NextToken: p.next } };
    }
    case 'DescribeEvents': {
      const start =
        typeof input.StartTime === 'number' ? input.StartTime * 1000 : now - Number(input.Duration ?? 60) * 60_000;
      const list = events(st, now)
        .filter(e => e.service === 'memorydb' && e.region === region && e.at >= start)
        .reverse()
        .map(e => ({ SourceName: e.sourceId, SourceType: e.sourceType, Message: e.message, Date: e.at / 1000 }));
      const p = page(list, input);
      return 'code' in p ? p : { ok: { Events: p.items, NextToken: p.next } };
    }
    default:
      return { status: 400, code: 'UnknownOperationException', message: `Unknown operation ${operation}` };
  }
}
