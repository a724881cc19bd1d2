/**
 * The emulated account: subscriptions, databases and tasks whose state follows the emulator's clock. Task times are
 * seconds relative to the moment the scenario was (re)set, so tests can advance the clock and watch them move.
 */

export interface SeedSubscription {
  id: number;
  name: string;
  plan: 'pro' | 'essentials';
  provider: string;
  region: string;
}
export interface SeedDatabase {
  databaseId: number;
  name: string;
  subscriptionId: number;
}

export interface SeedTask {
  taskId: string;
  commandType: string;
  description: string;
  /** Seconds after reset that the task is submitted (negative: before). */
  at: number;
  /** Seconds in `received` after a moment in `initialized`. */
  queued: number;
  /** Seconds in `processing-in-progress`. */
  runs: number;
  outcome:
    | { resourceId: number; additionalResourceId?: number }
    | { error: string | { type: string; status: string; description: string }; additionalInfo?: string };
  /** Where the finished task's `resource` link points, when the real API would give one. */
  resourceHref?: string;
  /**
   * The provisioning phase after `processing-completed`: for this long the resource's `status` is `pending`
   * (`deleting` for a delete), then `active` (a deleted resource is gone: 404).
   */
  provisions?: { seconds: number; subscriptionId: number; databaseId?: number };
}

export const ACCOUNT_ID = 40131;

export const SUBSCRIPTIONS: SeedSubscription[] = [
  { id: 1206, name: 'payments-prod', plan: 'pro', provider: 'AWS', region: 'us-east-1' },
  { id: 1207, name: 'analytics-eu', plan: 'pro', provider: 'GCP', region: 'europe-west1' },
  { id: 151367, name: 'dev-cache', plan: 'essentials', provider: 'AWS', region: 'us-west-1' },
];

export const DATABASES: SeedDatabase[] = [
  { databaseId: 51001, name: 'orders', subscriptionId: 1206 },
  { databaseId: 51002, name: 'sessions', subscriptionId: 1206 },
  { databaseId: 51010, name: 'events', subscriptionId: 1207 },
  { databaseId: 51011, name: 'clicks', subscriptionId: 1207 },
  { databaseId: 51012, name: 'rollups', subscriptionId: 1207 },
  { databaseId: 51324587, name: 'bdb-dev', subscriptionId: 151367 },
];

export const TASKS: SeedTask[] = [
  {
    taskId: 'e02b40d6-8f4c-4a1b-9c35-2f1d7c1a0001',
    commandType: 'databaseCreateRequest',
    description: 'Task request for database creation',
    at: -30,
    queued: 40,
    runs: 60,
    outcome: { resourceId: 51002 },
    resourceHref: '/subscriptions/1206/databases/51002',
    provisions: { seconds: 45, subscriptionId: 1206, databaseId: 51002 },
  },
  {
    taskId: 'e02b40d6-8f4c-4a1b-9c35-2f1d7c1a0002',
    commandType: 'subscriptionUpdateRequest',
    description: 'Task request for subscription update',
    at: -3600,
    queued: 5,
    runs: 120,
    outcome: { resourceId: 1207 },
    resourceHref: '/subscriptions/1207',
    provisions: { seconds: 90, subscriptionId: 1207 },
  },
  {
    taskId: 'e02b40d6-8f4c-4a1b-9c35-2f1d7c1a0003',
    commandType: 'databaseUpdateRequest',
    description: 'Task request for database update',
    at: -1800,
    queued: 5,
    runs: 30,
    outcome: {
      error: {
        type: 'DATABASE_INVALID_SHARDS_COUNT',
        status: '400 BAD_REQUEST',
        description: 'Invalid number of shards for this database',
      },
    },
    resourceHref: '/subscriptions/1207/databases/51010',
  },
  {
    taskId: 'e02b40d6-8f4c-4a1b-9c35-2f1d7c1a0004',
    commandType: 'fixedDatabaseBackupRequest',
    description: 'Task request for fixed database backup',
    at: -7200,
    queued: 5,
    runs: 300,
    outcome: { resourceId: 51324587 },
  },
  {
    taskId: 'e02b40d6-8f4c-4a1b-9c35-2f1d7c1a0005',
    commandType: 'vpcPeeringCreateRequest',
    description: 'Task request for VPC peering creation',
    at: -600,
    queued: 5,
    runs: 40,
    outcome: { error: 'VPC_PEERING_INVALID_CIDR', additionalInfo: 'CIDR 10.0.0.0/24 overlaps the deployment CIDR' },
  },
  {
    taskId: 'e02b40d6-8f4c-4a1b-9c35-2f1d7c1a0006',
    commandType: 'subscriptionCreateRequest',
    description: 'Task request for subscription creation',
    at: 60,
    queued: 20,
    runs: 120,
    outcome: { resourceId: 1208 },
    resourceHref: '/subscriptions/1208',
    provisions: { seconds: 100, subscriptionId: 1208 },
  },
  {
    taskId: 'e02b40d6-8f4c-4a1b-9c35-2f1d7c1a0007',
    commandType: 'databaseDeleteRequest',
    description: 'Task request for database deletion',
    at: -1,
    queued: 90,
    runs: 30,
    outcome: { resourceId: 51012 },
    resourceHref: '/subscriptions/1207/databases/51012',
    provisions: { seconds: 30, subscriptionId: 1207, databaseId: 51012 },
  },
];

/** Subscriptions that tasks create: they exist once their task's processing completes. */
export const CREATED_SUBSCRIPTIONS: SeedSubscription[] = [
  { id: 1208, name: 'search-staging', plan: 'pro', provider: 'AWS', region: 'eu-west-1' },
];

/** How long a task sits in `initialized` before `received`. */
export const INITIALIZED_SECONDS = 2;
