import { xlist } from './xml-out';
import {
  ACCOUNT,
  BACKUP,
  FAILING,
  REBOOT,
  REGION,
  RESHARD,
  RETRY,
  SECOND_REGION,
  SERVERLESS_BACKUP,
  elapsed,
  type ScenarioState,
} from './scenario';

/** The ElastiCache resources of one region at `now`, in the shapes (and XML member names) of the 2015-02-02 API. */

const arn = (region: string, kind: string, id: string) => `arn:aws:elasticache:${region}:${ACCOUNT}:${kind}:${id}`;
const S = 1000;

function member(rg: string, g: string, m: string, region: string, status = 'available', pmv?: object, version = '7.2') {
  return {
    CacheClusterId: `${rg}-${g}-${m}`,
    CacheNodeType: 'cache.r6g.large',
    Engine: 'valkey',
    EngineVersion: version,
    CacheClusterStatus: status,
    NumCacheNodes: 1,
    PreferredAvailabilityZone: `${region}a`,
    CacheClusterCreateTime: new Date(Date.UTC(2026, 0, 10)),
    PendingModifiedValues: pmv ?? {},
    ReplicationGroupId: rg,
    ARN: arn(region, 'cluster', `${rg}-${g}-${m}`),
  };
}

function replicationGroup(region: string, id: string, status: string, groups: string[], pmv: object = {}) {
  return {
    ReplicationGroupId: id,
    Description: `${id} (emulated)`,
    Status: status,
    PendingModifiedValues: pmv,
    MemberClusters: xlist(
      'ClusterId',
      groups.flatMap(g => ['001', '002'].map(m => `${id}-${g}-${m}`)),
    ),
    NodeGroups: xlist(
      'NodeGroup',
      groups.map(g => ({ NodeGroupId: g, Status: status === 'creating' ? 'creating' : 'available' })),
    ),
    AutomaticFailover: 'enabled',
    MultiAZ: 'enabled',
    ClusterEnabled: true,
    CacheNodeType: 'cache.r6g.large',
    Engine: 'valkey',
    ARN: arn(region, 'replicationgroup', id),
    ReplicationGroupCreateTime: new Date(Date.UTC(2026, 0, 10)),
  };
}

/** A global datastore spans regions: every member region lists it. */
function globalDatastore() {
  return {
    GlobalReplicationGroupId: 'ldgnf-orders-global',
    GlobalReplicationGroupDescription: 'orders across regions',
    Status: 'primary-only',
    CacheNodeType: 'cache.r6g.large',
    Engine: 'valkey',
    EngineVersion: '7.2',
    ClusterEnabled: true,
    ARN: `arn:aws:elasticache::${ACCOUNT}:globalreplicationgroup:ldgnf-orders-global`,
  };
}

export interface RegionResources {
  replicationGroups: object[];
  cacheClusters: object[];
  serverlessCaches: object[];
  globalDatastores: object[];
  snapshots: object[];
  serverlessSnapshots: object[];
}

export function regionResources(st: ScenarioState, region: string, now: number): RegionResources {
  if (region === SECOND_REGION) {
    return {
      replicationGroups: [replicationGroup(region, 'eu-sessions', 'available', ['0001'])],
      cacheClusters: ['001', '002'].map(m => member('eu-sessions', '0001', m, region)),
      serverlessCaches: [],
      globalDatastores: [globalDatastore()],
      snapshots: [],
      serverlessSnapshots: [],
    };
  }
  if (region !== REGION)
    return {
      replicationGroups: [],
      cacheClusters: [],
      serverlessCaches: [],
      globalDatastores: [],
      snapshots: [],
      serverlessSnapshots: [],
    };
  const reshard = elapsed(st, RESHARD.start, now);
  const resharding = reshard < RESHARD.seconds;
  const retry = elapsed(st, RETRY.start, now);
  const failing = elapsed(st, FAILING.start, now) < FAILING.seconds || (retry >= 0 && retry < RETRY.seconds);
  const upgraded = retry >= RETRY.seconds;
  const rebooting = elapsed(st, REBOOT.start, now) < REBOOT.seconds;
  const backingUp = elapsed(st, BACKUP.start, now) < BACKUP.seconds;
  const groups = [
    replicationGroup(
      region,
      RESHARD.id,
      resharding ? 'modifying' : 'available',
      resharding ? ['0001', '0002'] : ['0001', '0002', '0003'],
      resharding
        ? { Resharding: { SlotMigration: { ProgressPercentage: Math.round((reshard / RESHARD.seconds) * 1000) / 10 } } }
        : {},
    ),
    replicationGroup(region, 'sessions', backingUp ? 'snapshotting' : 'available', ['0001', '0002']),
    replicationGroup(region, 'catalog', 'available', ['0001']),
    replicationGroup(region, FAILING.id, failing ? 'modifying' : 'available', ['0001']),
  ];
  for (let i = 0; i < st.extraReplicationGroups; i++)
    groups.push(replicationGroup(region, `idle-${String(i).padStart(4, '0')}`, 'available', ['0001']));
  const clusters = [
    ...['0001', '0002'].flatMap(g =>
      ['001', '002'].map(m => member(RESHARD.id, g, m, region, resharding ? 'modifying' : 'available')),
    ),
    ...['0001', '0002'].flatMap(g => ['001', '002', '003'].map(m => member('sessions', g, m, region))),
    ...['001', '002'].map(m =>
      member('catalog', '0001', m, region, 'available', { CacheNodeType: 'cache.r6g.xlarge' }),
    ),
    ...['001', '002'].map(m =>
      member(
        FAILING.id,
        '0001',
        m,
        region,
        failing ? 'modifying' : 'available',
        failing ? { EngineVersion: '7.1' } : {},
        upgraded ? '7.1' : '7.0',
      ),
    ),
    {
      CacheClusterId: REBOOT.id,
      CacheNodeType: 'cache.t3.medium',
      Engine: 'memcached',
      EngineVersion: '1.6.22',
      CacheClusterStatus: rebooting ? 'rebooting cluster nodes' : 'available',
      NumCacheNodes: 2,
      CacheClusterCreateTime: new Date(Date.UTC(2025, 5, 1)),
      PendingModifiedValues: {},
      ARN: arn(region, 'cluster', REBOOT.id),
    },
  ];
  const backupAt = st.t0 + BACKUP.start;
  const serverlessAt = st.t0 + SERVERLESS_BACKUP.start;
  return {
    replicationGroups: groups,
    cacheClusters: clusters,
    serverlessCaches: [
      {
        ServerlessCacheName: SERVERLESS_BACKUP.cache,
        Description: 'carts (emulated)',
        CreateTime: new Date(Date.UTC(2026, 3, 1)),
        Status: 'available',
        Engine: 'valkey',
        MajorEngineVersion: '8',
        ARN: arn(region, 'serverlesscache', SERVERLESS_BACKUP.cache),
      },
    ],
    globalDatastores: [globalDatastore()],
    snapshots: [
      {
        SnapshotName: BACKUP.name,
        ReplicationGroupId: BACKUP.rg,
        SnapshotStatus: backingUp ? 'creating' : 'available',
        SnapshotSource: 'manual',
        CacheNodeType: 'cache.r6g.large',
        Engine: 'valkey',
        EngineVersion: '7.2',
        NumNodeGroups: 2,
        NodeSnapshots: xlist(
          'NodeSnapshot',
          ['0001', '0002'].map(g => ({
            NodeGroupId: g,
            CacheSize: '6 GB',
            SnapshotCreateTime: new Date(backupAt),
          })),
        ),
        ARN: arn(region, 'snapshot', BACKUP.name),
      },
      {
        SnapshotName: 'automatic.catalog-2026-01-01-05-00',
        ReplicationGroupId: 'catalog',
        SnapshotStatus: 'available',
        SnapshotSource: 'automated',
        NodeSnapshots: xlist('NodeSnapshot', [
          { NodeGroupId: '0001', CacheSize: '1 GB', SnapshotCreateTime: new Date(st.t0 - 20 * 86_400 * S) },
        ]),
      },
    ],
    serverlessSnapshots: [
      {
        ServerlessCacheSnapshotName: SERVERLESS_BACKUP.name,
        ARN: arn(region, 'serverlesscachesnapshot', SERVERLESS_BACKUP.name),
        SnapshotType: 'manual',
        Status: elapsed(st, SERVERLESS_BACKUP.start, now) < SERVERLESS_BACKUP.seconds ? 'creating' : 'available',
        CreateTime: new Date(serverlessAt),
        ServerlessCacheConfiguration: {
          ServerlessCacheName: SERVERLESS_BACKUP.cache,
          Engine: 'valkey',
          MajorEngineVersion: '8',
        },
      },
    ],
  };
}
