import { REGION_IDS } from './regions';

const CONSOLE = 'https://console.cloud.tencent.com/redis';

export function regionConsoleUrl(region: string | undefined): string {
  const rid = region ? REGION_IDS[region] : undefined;
  return rid === undefined ? `${CONSOLE}/instance` : `${CONSOLE}/instance?rid=${rid}`;
}

export function instanceConsoleUrl(instanceId: string, region: string | undefined): string {
  const rid = region ? REGION_IDS[region] : undefined;
  const q = `ins=${encodeURIComponent(instanceId)}${rid === undefined ? '' : `&rid=${rid}`}`;
  return `${CONSOLE}/instance/manage?${q}`;
}
