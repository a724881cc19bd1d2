import { tableEntry } from '../../core/shape';
/**
 * Readable names of Tencent's task type codes (`DescribeTaskList` `TaskType`, the `TaskTypes` filter), from the
 * API description. Unknown codes are shown as the code itself.
 */
export const TASK_TYPE_NAMES: Readonly<Record<string, string>> = {
  '001': 'Create instance',
  '002': 'Change configuration',
  '003': 'Close instance',
  '004': 'Clear instance',
  '005': 'Start instance',
  '006': 'Delete instance',
  '007': 'Reset password',
  '009': 'Export backup',
  '010': 'Restore backup',
  '012': 'Back up instance',
  '013': 'Migrate instance',
  '014': 'Delete backup',
  '016': 'Switch instance',
  '017': 'Automatic backup',
  '022': 'Check migration parameters',
  '023': 'Migrate data',
  '025': 'Clear database',
  '026': 'Clone backup',
  '027': 'Change VIP',
  '028': 'Scale out or in',
  '029': 'Add or remove nodes',
  '031': 'Change network type',
  '033': 'Change read-only policy',
  '034': 'Modify instance parameters',
  '035': 'Set password-free access',
  '036': 'Switch instance VIP',
  '037': 'Change instance account',
  '038': 'Change bandwidth',
  '039': 'Enable replica read-only',
  '040': 'Disable replica read-only',
  '041': 'Upgrade architecture (to cluster)',
  '042': 'Downgrade architecture (to standard)',
  '043': 'Upgrade version',
  '044': 'Adjust bandwidth and connections',
  '045': 'Change network',
  '046': 'Delete backup file',
  '047': 'Enable multi-AZ',
  '048': 'Simulate failure',
  '049': 'Promote replica to master',
  '050': 'Add replication instance',
  '052': 'Open public network',
  '053': 'Close public network',
  '054': 'Update public network',
  '055': 'Unbind replication group',
  '056': 'Switch replication group master',
  '057': 'Change replication instance role',
  '058': 'Migrate node',
  '059': 'Switch node',
  '060': 'Upgrade Redis version',
  '061': 'Upgrade proxy version',
  '062': 'Modify instance network',
  '063': 'Migrate proxy node',
  '066': 'Migrate availability zone',
  '067': 'Upgrade cache and proxy',
  '069': 'Add or remove proxy nodes',
  '070': 'Change backup mode',
};

/** Legacy `GetRedisTaskList` `taskName` values (seed 002). */
export const LEGACY_TASK_NAMES: Readonly<Record<string, string>> = {
  newInstance: 'Create instance',
  resizeInstance: 'Upgrade instance',
  closeInstance: 'Isolate instance',
  cleanInstance: 'Clear instance',
  startInstance: 'Start instance',
  deleteInstance: 'Delete instance',
  setPassword: 'Set password',
  importRdb: 'Import RDB',
  exportBackup: 'Export backup',
  restoreBackup: 'Restore backup',
  restoreStream: 'Roll back instance',
  backupInstance: 'Back up instance',
};

/** Current type codes to the legacy `taskName` of the same operation, so one type filter works on both APIs. */
export const LEGACY_NAME_BY_CODE: Readonly<Record<string, string>> = {
  '001': 'newInstance',
  '002': 'resizeInstance',
  '003': 'closeInstance',
  '004': 'cleanInstance',
  '005': 'startInstance',
  '006': 'deleteInstance',
  '007': 'setPassword',
  '009': 'exportBackup',
  '010': 'restoreBackup',
  '012': 'backupInstance',
};

/** The legacy `taskType.n` filter knows only these (sent as `task_<name>`). */
export const LEGACY_FILTERABLE: ReadonlySet<string> = new Set([
  'importRdb',
  'exportBackup',
  'restoreBackup',
  'restoreStream',
  'backupInstance',
  'cleanInstance',
  'resizeInstance',
]);

/** A type the user chose (a current code, a legacy name or a `task_` filter value) as a legacy task name. */
export function legacyTaskName(type: string): string {
  return tableEntry(LEGACY_NAME_BY_CODE, type) ?? type.replace(/^task_/, '');
}

export function taskTypeName(code: string | undefined): string {
  if (code === undefined || code === '') return 'Task';
  return tableEntry(TASK_TYPE_NAMES, code) ?? tableEntry(LEGACY_TASK_NAMES, code) ?? `Task type ${code}`;
}
