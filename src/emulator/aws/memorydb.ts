import { ACCOUNT, MEMORYDB, REGION, elapsed, events, type ScenarioState } from './scenario';

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

function clusters(st: ScenarioState, now: number) {
  const done = elapsed(st, MEMORYDB.start, now);
  const running = done < MEMORYDB.seconds;
  return [
    {
      Name: MEMORYDB.name,
      Description: 'ledger (emulated)',
      Status: running ? 'updating' : 'available',
      PendingUpdates: running
        ? { Resharding: { SlotMigration: { ProgressPercentage: Math.round((done / MEMORYDB.seconds) * 1000) / 10 } } }
        : {},
      NumberOfShards: running ? 2 : 4,
      NodeType: 'db.r7g.large',
      Engine: 'valkey',
      EngineVersion: '7.3',
      ARN: `arn:aws:memorydb:${REGION}:${ACCOUNT}:cluster/${MEMORYDB.name}`,
      TLSEnabled: true,
    },
  ];
}

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
