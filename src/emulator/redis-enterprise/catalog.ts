import { createHash } from 'node:crypto';

/** The emulated cluster's fixed inventory: what `/v1/cluster`, `/v1/bdbs`, `/v1/crdbs` and `/v1/nodes` answer. */

export const DEMO_USER = 'demo@redis.example';
export const DEMO_PASSWORD = 'demo-password';
export const CLUSTER_NAME = 'demo-cluster.redis.example';

export const DATABASES = [
  { uid: 1, name: 'orders', type: 'redis', status: 'active', shards_count: 4 },
  { uid: 2, name: 'sessions', type: 'redis', status: 'active', shards_count: 3 },
  { uid: 3, name: 'leaderboard', type: 'redis', status: 'active', shards_count: 2 },
] as const;

export const CRDBS = [
  { guid: '6f1f7c1e-2b7d-4c59-9d0e-5d1c3b7a1001', name: 'global-cart' },
  { guid: '6f1f7c1e-2b7d-4c59-9d0e-5d1c3b7a1002', name: 'geo-sessions' },
] as const;

/** The clusters taking part in the Active-Active databases, as CRDB tasks report them. */
export const PARTICIPATING_CLUSTERS = [
  'paris.demo.redis.example',
  'virginia.demo.redis.example',
  'tokyo.demo.redis.example',
] as const;

export const NODES = [
  { uid: 1, addr: '10.0.0.11', status: 'active', shard_count: 4 },
  { uid: 2, addr: '10.0.0.12', status: 'active', shard_count: 3 },
  { uid: 3, addr: '10.0.0.13', status: 'active', shard_count: 2 },
] as const;

/**
 * A stable UUID-shaped id for the k-th task of a family. The last group carries k, so an id read back from a URL
 * maps to its task without a table, and the rest is a hash so ids look like the real, random ones.
 */
export function sequenceId(family: string, k: number): string {
  const h = createHash('sha1').update(`${family}:${k}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${k.toString(16).padStart(12, '0')}`;
}

export function sequenceIndex(family: string, id: string): number | undefined {
  const m = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-([0-9a-f]{12})$/.exec(id);
  if (!m) return undefined;
  const k = parseInt(m[1], 16);
  return sequenceId(family, k) === id ? k : undefined;
}

export interface ScenarioConfig {
  name: string;
  /** `old-cluster`: no `GET /v1/crdb_tasks` list and no `/v2/actions`. */
  oldCluster: boolean;
  /** `conflict`: every cancel answers 409. */
  cancelConflict: boolean;
  /** `scale:N`: N actions instead of the demo's stream. */
  scaleActions?: number;
}

export function parseScenario(name: string): ScenarioConfig {
  const scale = /^scale:(\d+)$/.exec(name);
  return {
    name,
    oldCluster: name === 'old-cluster',
    cancelConflict: name === 'conflict',
    scaleActions: scale ? Math.min(Number(scale[1]), 1_000_000) : undefined,
  };
}
