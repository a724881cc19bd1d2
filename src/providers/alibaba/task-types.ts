/**
 * Readable names for the task types of both task APIs: `TaskType` of DescribeHistoryTasks and `TaskAction` of
 * DescribeTasks (the API names of the operation that started the task). Unknown codes are shown as they are.
 */
export const TASK_TYPE_NAMES: Readonly<Record<string, string>> = {
  // DescribeHistoryTasks TaskType
  CreateIns: 'Create instance',
  ModifyInsSpec: 'Change instance specification',
  ModifyInsConfig: 'Change instance configuration',
  AddInsNode: 'Add node',
  DeleteInsNode: 'Remove node',
  HaSwitch: 'High-availability switchover',
  RestartIns: 'Restart instance',
  // DescribeTasks TaskAction
  CreateInstance: 'Create instance',
  ModifyInstanceSpec: 'Change instance specification',
  ModifyDBInstanceParameter: 'Modify parameters',
  ModifyInstanceConfig: 'Modify parameters',
  ModifyInstanceMajorVersion: 'Upgrade major version',
  ModifyInstanceMinorVersion: 'Upgrade minor version',
  RestartInstance: 'Restart instance',
  SwitchInstanceHA: 'High-availability switchover',
  FlushInstance: 'Flush instance',
  RestoreInstance: 'Restore from backup',
  CreateBackup: 'Back up instance',
  MigrateToOtherZone: 'Migrate to another zone',
  TransformToPrePaid: 'Switch to subscription',
  ModifyInstanceNetExpireTime: 'Extend classic network address',
  AddShardingNode: 'Add shards',
  DeleteShardingNode: 'Remove shards',
};

export function taskTypeName(code: string | undefined): string {
  if (!code) return 'Task';
  return Object.hasOwn(TASK_TYPE_NAMES, code) ? TASK_TYPE_NAMES[code] : code;
}
