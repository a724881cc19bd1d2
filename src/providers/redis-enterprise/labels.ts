import { tableEntry } from '../../core/shape';
/**
 * Readable names for operation codes. Unknown codes fall back to something still readable (`crdbOperationLabel`) or
 * to the raw name (`actionLabel`), so a new server version never shows an empty label.
 */

export const CRDB_OPERATIONS: Readonly<Record<string, string>> = {
  create_crdb: 'Create Active-Active database',
  update_crdb: 'Update Active-Active database',
  delete_crdb: 'Delete Active-Active database',
  purge_crdb: 'Purge Active-Active database',
  flush_crdb: 'Flush Active-Active database',
  add_participating_cluster: 'Add participating cluster',
  remove_participating_cluster: 'Remove participating cluster',
  update_crdb_config: 'Update Active-Active configuration',
};

export const ACTIONS: Readonly<Record<string, string>> = {
  SMCreateBDB: 'Create database',
  SMUpdateBDB: 'Update database',
  SMDeleteBDB: 'Delete database',
  SMUpgradeBDB: 'Upgrade database',
  SMReshardBDB: 'Reshard database',
  SMMigrateShards: 'Migrate shards',
  SMFailoverShards: 'Fail over shards',
  SMRecoverBDB: 'Recover database',
  retry_bdb: 'Retry database',
  backup_bdb: 'Back up database',
  export_bdb: 'Export database',
  import_bdb: 'Import database',
  maintenance_mode_on: 'Turn maintenance mode on',
  maintenance_mode_off: 'Turn maintenance mode off',
  rebalance: 'Rebalance shards',
};

/** `create_crdb` → "Create Active-Active database"; `resync_crdb_peer` → "Resync crdb peer". */
export function crdbOperationLabel(operation: string | undefined): string {
  if (!operation) return 'Active-Active task';
  const known = tableEntry(CRDB_OPERATIONS, operation);
  if (known) return known;
  const words = operation.replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function actionLabel(name: string): string {
  return tableEntry(ACTIONS, name) ?? name;
}
