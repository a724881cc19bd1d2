import { REGION_IDS } from './regions';

const CONSOLE = 'https://console.cloud.tencent.com/redis';

export function regionConsoleUrl(region: string | undefined): string {
  const rid = region ? REGION_IDS[region] : undefined;
  return rid === undefined ? `${CONSOLE}/instance` : `${CONSOLE}/instance?rid=${rid}`;
}

/**
 * An instance's page in the Redis console (`/redis/instance/manage`), its region by the numeric id the console's
 * region picker uses. Not checked against a primary source in this round: third-party tools link the same page with
 * `id=` and `regionId=` instead of `ins=` and `rid=` (see the issue 13 report).
 */
export function instanceConsoleUrl(instanceId: string, region: string | undefined): string {
  const rid = region ? REGION_IDS[region] : undefined;
  const q = `ins=${encodeURIComponent(instanceId)}${rid === undefined ? '' : `&rid=${rid}`}`;
  return `${CONSOLE}/instance/manage?${q}`;
}
