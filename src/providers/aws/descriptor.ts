import * as l10n from '@vscode/l10n';
import type { ProviderDescriptor } from '../descriptor';
import { REGIONS } from './regions';

/**
 * The task names AWS tasks are given with data in them (tasks.ts fills them), one table for the CLI's English and the
 * extension's translations. Keyed by the verb of a backup operation, then by its kind.
 */
export const AWS_TASK_NAMES = {
  serviceUpdate: l10n.t('Service update {0}'),
  mupd: l10n.t('MemoryDB service update {0}'),
  /** A resource status that no row of RESOURCE_STATUS names (status-map.ts): AWS's word kept as data. */
  unknownStatus: l10n.t('Unknown status {0}'),
  noStatus: l10n.t('No status reported'),
  snap: {
    Create: l10n.t('Create backup {0}'),
    Copy: l10n.t('Copy backup {0}'),
    Export: l10n.t('Export backup {0}'),
    Restore: l10n.t('Restore from backup {0}'),
    Delete: l10n.t('Delete backup {0}'),
  },
  ssnap: {
    Create: l10n.t('Create serverless backup {0}'),
    Copy: l10n.t('Copy serverless backup {0}'),
    Export: l10n.t('Export serverless backup {0}'),
    Restore: l10n.t('Restore from serverless backup {0}'),
    Delete: l10n.t('Delete serverless backup {0}'),
  },
  msnap: {
    Create: l10n.t('Create MemoryDB snapshot {0}'),
    Copy: l10n.t('Copy MemoryDB snapshot {0}'),
    Export: l10n.t('Export MemoryDB snapshot {0}'),
    Restore: l10n.t('Restore from MemoryDB snapshot {0}'),
    Delete: l10n.t('Delete MemoryDB snapshot {0}'),
  },
} as const;

/** Group descriptions: a region, and each resource's kind with AWS's own status word. */
export const AWS_GROUP_TEXTS = {
  region: l10n.t('AWS region'),
  regionNotShown: l10n.t('AWS region · not shown: {0}'),
  rg: l10n.t('Replication group · {0}'),
  cc: l10n.t('Cache cluster · {0}'),
  sc: l10n.t('Serverless cache · {0}'),
  gds: l10n.t('Global datastore · {0}'),
  mdb: l10n.t('MemoryDB cluster · {0}'),
} as const;

/**
 * What a region may not offer (serverless and global datastores are not everywhere, MemoryDB has no endpoint in some
 * regions) or a policy may not allow: listed, in this order, after "not shown:" in the region's description.
 */
export const AWS_NOT_SHOWN = {
  serverlessCaches: l10n.t('serverless caches'),
  globalDatastores: l10n.t('global datastores'),
  serverlessBackups: l10n.t('serverless backups'),
  memoryDbClusters: l10n.t('MemoryDB clusters'),
  memoryDbSnapshots: l10n.t('MemoryDB snapshots'),
  memoryDbEvents: l10n.t('MemoryDB events'),
  memoryDbServiceUpdates: l10n.t('MemoryDB service updates'),
} as const;

/**
 * The words our AWS code writes into a task's steps, their details, its current step and its errors (pending.ts,
 * tasks.ts fill them): English for the CLI and the log, translated by the extension where a text matches one
 * (`stepTemplates`). `{n}` is data: an id, a value, AWS's own status word. A data part that itself matches one is
 * translated too: "{0}: {1}" is a member cluster's id before its change, a node before AWS's status of it. AWS's own
 * words (statuses, event messages) match none and stay as AWS wrote them. Where two could match one text, the more
 * specific comes first: the first match wins.
 */
export const AWS_STEP_TEXTS = {
  nodeType: l10n.t('node type {0} → {1}'),
  nodeTypeTo: l10n.t('node type → {0}'),
  engineVersion: l10n.t('engine version {0} → {1}'),
  engineVersionTo: l10n.t('engine version → {0}'),
  nodeCount: l10n.t('number of nodes {0} → {1}'),
  nodeCountTo: l10n.t('number of nodes → {0}'),
  removeNodes: l10n.t('remove nodes {0}'),
  primaryCluster: l10n.t('primary cluster → {0}'),
  failover: l10n.t('automatic failover → {0}'),
  authToken: l10n.t('auth token {0}'),
  transitOn: l10n.t('in-transit encryption → enabled'),
  transitOff: l10n.t('in-transit encryption → disabled'),
  transitMode: l10n.t('in-transit encryption mode → {0}'),
  clusterMode: l10n.t('cluster mode → {0}'),
  addUserGroups: l10n.t('add user groups {0}'),
  removeUserGroups: l10n.t('remove user groups {0}'),
  logDeliveryOne: l10n.t('log delivery (1 change)'),
  logDelivery: l10n.t('log delivery ({0} changes)'),
  scaling: l10n.t('scaling: {0}% over {1} min'),
  acl: l10n.t('access control list → {0}'),
  serviceUpdatePending: l10n.t('service update {0} (pending)'),
  serviceUpdate: l10n.t('service update {0} ({1})'),
  resharding: l10n.t('online resharding (slot migration)'),
  memberCluster: l10n.t('member cluster'),
  nodesUpdated: l10n.t('{0} nodes updated'),
  releaseDate: l10n.t('release date'),
  autoUpdateStart: l10n.t('auto-update start date'),
  shard: l10n.t('shard {0}'),
  nodeIds: l10n.t('node {0}'),
  node: l10n.t('node'),
  unknown: l10n.t('unknown'),
  failed: {
    rg: l10n.t('The replication group is {0}.'),
    cc: l10n.t('The cache cluster is {0}.'),
    sc: l10n.t('The serverless cache is {0}.'),
    gds: l10n.t('The global datastore is {0}.'),
    mdb: l10n.t('The MemoryDB cluster is {0}.'),
  },
  snapshotFailed: l10n.t('The snapshot {0} failed.'),
  // Last: a member's or a node's text after its id; the rest of the text is matched on its own.
  ofMember: l10n.t('{0}: {1}'),
} as const;

/** Amazon ElastiCache and MemoryDB (issue 17). */
export const aws: ProviderDescriptor = {
  id: 'aws',
  label: l10n.t('Amazon ElastiCache'),
  description: l10n.t('ElastiCache and MemoryDB operations'),
  icon: 'cloud',
  endpoint: {
    required: false,
    prompt: l10n.t('Endpoint override (leave empty for the public AWS endpoints)'),
    alwaysAskTls: false,
  },
  // Without an access key the provider signs in with a profile or the AWS CLI's default credential chain.
  user: { prompt: l10n.t('Access key ID'), optional: true },
  secret: { prompt: l10n.t('Secret access key'), optional: true },
  region: { default: 'us-east-1', known: REGIONS, several: true },
  signIn: {
    profileOption: 'profile',
    profile: l10n.t('A named profile'),
    keys: l10n.t('Access keys'),
    chain: l10n.t('The default credential chain'),
    profileDetail: l10n.t('From ~/.aws/config and ~/.aws/credentials, as the AWS CLI reads them (SSO, roles)'),
    chainDetail: l10n.t('Environment variables, the default profile, SSO, web identity, instance metadata'),
  },
  textTemplates: [
    ...Object.values(AWS_GROUP_TEXTS),
    AWS_TASK_NAMES.serviceUpdate,
    AWS_TASK_NAMES.mupd,
    AWS_TASK_NAMES.unknownStatus,
    ...(['snap', 'ssnap', 'msnap'] as const).flatMap(k => Object.values(AWS_TASK_NAMES[k])),
  ],
  listWords: Object.values(AWS_NOT_SHOWN),
  stepTemplates: Object.values(AWS_STEP_TEXTS).flatMap(v => (typeof v === 'string' ? [v] : Object.values(v))),
  // Only a service update can be stopped (BatchStopUpdateAction), and never forced: these words are about that.
  cancel: {
    action: l10n.t('Stop Update'),
    question: l10n.t('Stop "{0}" on {1} ({2})?'),
    questionWithoutTarget: l10n.t('Stop "{0}" ({1})?'),
    detail: l10n.t(
      'AWS stops this service update on {1} (BatchStopUpdateAction, sent once): nodes already updated stay updated, a node being updated finishes its update, and the remaining nodes are not updated. Task ID: {0}.',
    ),
    refused: l10n.t('The service update was not stopped: {1}'),
    failed: l10n.t('Could not stop the service update: {1}'),
    inProgress: l10n.t('Stopping…'),
    unanswered: l10n.t(
      'A stop was requested at {0} and accepted, but the service update is still running. You can stop it again.',
    ),
    menuToken: 'stopWord',
    outcome: {
      canceled: l10n.t('Stopped: {0} on {1}.'),
      succeeded: l10n.t('{0} on {1} completed anyway: it finished before the stop took effect.'),
      failed: l10n.t('{0} on {1} failed after the stop request.'),
      other: l10n.t('{0} on {1} ended after the stop request: {2}'),
    },
  },
  cli: {
    userFlags: ['access-key-id'],
    secretName: 'AWS secret access key',
    secretEnv: 'REDIS_TASKS_SECRET_KEY',
    sessionTokenEnv: 'REDIS_TASKS_SESSION_TOKEN',
    flags: [
      {
        name: 'profile',
        option: 'profile',
        placeholder: 'NAME',
        help: [
          'AWS: a profile of ~/.aws/config and ~/.aws/credentials (SSO, roles); without it and',
          'without --access-key-id, the AWS CLI’s default credential chain',
        ],
      },
    ],
  },
};
