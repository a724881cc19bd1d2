import { tableEntry } from '../../core/shape';
/**
 * Readable names for `commandType`. The API does not enumerate them; these are the ones its documentation and the
 * Terraform provider show. Others are spelled out from their camelCase (`databaseFlushRequest` -> "Database flush").
 */
export const TASK_TYPE_NAMES: Readonly<Record<string, string>> = {
  subscriptionCreateRequest: 'Create subscription',
  subscriptionUpdateRequest: 'Update subscription',
  subscriptionDeleteRequest: 'Delete subscription',
  subscriptionUpdateCmkRequest: 'Update subscription encryption key',
  databaseCreateRequest: 'Create database',
  databaseUpdateRequest: 'Update database',
  databaseDeleteRequest: 'Delete database',
  databaseBackupRequest: 'Back up database',
  databaseImportRequest: 'Import into database',
  databaseUpgradeRedisVersionRequest: 'Upgrade database Redis version',
  databaseFlushRequest: 'Flush database',
  fixedSubscriptionCreateRequest: 'Create Essentials subscription',
  fixedSubscriptionUpdateRequest: 'Update Essentials subscription',
  fixedSubscriptionDeleteRequest: 'Delete Essentials subscription',
  fixedDatabaseCreateRequest: 'Create Essentials database',
  fixedDatabaseUpdateRequest: 'Update Essentials database',
  fixedDatabaseDeleteRequest: 'Delete Essentials database',
  fixedDatabaseBackupRequest: 'Back up Essentials database',
  fixedDatabaseImportRequest: 'Import into Essentials database',
  vpcPeeringCreateRequest: 'Create VPC peering',
  vpcPeeringUpdateRequest: 'Update VPC peering',
  vpcPeeringDeleteRequest: 'Delete VPC peering',
  cloudAccountCreateRequest: 'Create cloud account',
  cloudAccountUpdateRequest: 'Update cloud account',
  cloudAccountDeleteRequest: 'Delete cloud account',
  activeActiveRegionCreateRequest: 'Add Active-Active region',
  activeActiveRegionDeleteRequest: 'Delete Active-Active region',
  aclUserCreateRequest: 'Create ACL user',
  aclUserUpdateRequest: 'Update ACL user',
  aclUserDeleteRequest: 'Delete ACL user',
  aclRoleCreateRequest: 'Create ACL role',
  aclRoleUpdateRequest: 'Update ACL role',
  aclRoleDeleteRequest: 'Delete ACL role',
  aclRedisRuleCreateRequest: 'Create ACL Redis rule',
  aclRedisRuleUpdateRequest: 'Update ACL Redis rule',
  aclRedisRuleDeleteRequest: 'Delete ACL Redis rule',
  privateLinkCreateRequest: 'Create Private Link',
  privateServiceConnectCreateRequest: 'Create Private Service Connect',
  tgwAttachmentCreateRequest: 'Attach Transit Gateway',
  tgwAttachmentDeleteRequest: 'Detach Transit Gateway',
  maintenanceWindowsUpdateRequest: 'Update maintenance windows',
  costReportCreateRequest: 'Create cost report',
};

export function taskTypeName(commandType: string | undefined): string | undefined {
  if (!commandType) return undefined;
  const known = tableEntry(TASK_TYPE_NAMES, commandType);
  if (known) return known;
  const words = commandType
    .replace(/Request$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1).toLowerCase() : commandType;
}

/** What a task's `response.resourceId` names, judged from its command type. */
export function resourceTypeOf(commandType: string | undefined): 'subscription' | 'database' | 'resource' {
  const c = (commandType ?? '').toLowerCase();
  if (c.includes('database')) return 'database';
  if (c.startsWith('subscription') || c.startsWith('fixedsubscription')) return 'subscription';
  return 'resource';
}

/** A code such as `DATABASE_NAME_EXISTS`, readable: "Database name exists". */
export function readableCode(code: string): string {
  if (!/^[A-Z0-9_]+$/.test(code)) return code;
  const s = code.toLowerCase().replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
