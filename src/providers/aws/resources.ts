import * as say from '../../core/say';
import type { JsonObject } from '../../core/shape';
import { obj, str, time } from './fields';
import type { ResourceType } from './ids';

/** How each resource type names its fields, so one normaliser reads them all. */
interface ResourceShape {
  idKey: string;
  statusKey: string;
  pendingKey?: string;
  createdKey?: string;
  noun: string;
}

export const RESOURCE_SHAPES: Readonly<Record<ResourceType, ResourceShape>> = {
  rg: {
    idKey: 'ReplicationGroupId',
    statusKey: 'Status',
    pendingKey: 'PendingModifiedValues',
    createdKey: 'ReplicationGroupCreateTime',
    noun: 'replication group',
  },
  cc: {
    idKey: 'CacheClusterId',
    statusKey: 'CacheClusterStatus',
    pendingKey: 'PendingModifiedValues',
    createdKey: 'CacheClusterCreateTime',
    noun: 'cache cluster',
  },
  sc: { idKey: 'ServerlessCacheName', statusKey: 'Status', createdKey: 'CreateTime', noun: 'serverless cache' },
  gds: { idKey: 'GlobalReplicationGroupId', statusKey: 'Status', noun: 'global datastore' },
  mdb: { idKey: 'Name', statusKey: 'Status', pendingKey: 'PendingUpdates', noun: 'MemoryDB cluster' },
};

export interface Resource {
  rtype: ResourceType;
  id: string;
  region: string;
  status?: string;
  pending?: unknown;
  createdAt?: number;
  /** A cache cluster that is a member of a replication group belongs to that group. */
  replicationGroupId?: string;
  raw: JsonObject;
}

/**
 * A resource as our messages name it ("replication group orders-cache"): the kind in the person's language, the id
 * as AWS gives it. One literal template per kind, so the l10n export finds each.
 */
export function resourceWords(rtype: ResourceType, id: string): say.Said {
  switch (rtype) {
    case 'rg':
      return say.t('replication group {0}', id);
    case 'cc':
      return say.t('cache cluster {0}', id);
    case 'sc':
      return say.t('serverless cache {0}', id);
    case 'gds':
      return say.t('global datastore {0}', id);
    case 'mdb':
      return say.t('MemoryDB cluster {0}', id);
  }
}

export function readResource(rtype: ResourceType, value: unknown, region: string): Resource | undefined {
  const o = obj(value);
  const shape = RESOURCE_SHAPES[rtype];
  const id = str(o, shape.idKey);
  if (!o || !id) return undefined;
  return {
    rtype,
    id,
    region,
    status: str(o, shape.statusKey),
    pending: shape.pendingKey ? o[shape.pendingKey] : undefined,
    createdAt: shape.createdKey ? time(o, shape.createdKey) : undefined,
    replicationGroupId: rtype === 'cc' ? str(o, 'ReplicationGroupId') : undefined,
    raw: o,
  };
}
