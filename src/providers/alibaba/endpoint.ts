import { endpointOrigin } from '../endpoint-override';

/** Regions served by the central host (from the official SDK's endpoint map); every other region has its own host. */
const CENTRAL_REGIONS = new Set([
  'cn-qingdao',
  'cn-beijing',
  'cn-wulanchabu',
  'cn-hangzhou',
  'cn-shanghai',
  'cn-heyuan',
  'cn-hangzhou-finance',
  'cn-beijing-finance-pop',
  'cn-beijing-gov-1',
  'cn-edge-1',
  'cn-fujian',
  'cn-wuhan',
  'cn-yushanfang',
  'cn-zhangbei',
  'cn-hongkong-finance-pop',
  'ap-northeast-2-pop',
  'eu-west-1-oxs',
  'rus-west-1-pop',
]);

export function defaultEndpoint(region: string): string {
  return CENTRAL_REGIONS.has(region) ? 'https://r-kvstore.aliyuncs.com' : `https://r-kvstore.${region}.aliyuncs.com`;
}

/** The base URL: the override as typed (a bare `host:port` means HTTPS), else the region's host. */
export function resolveEndpoint(override: string | undefined, region: string): string {
  return endpointOrigin(override) ?? defaultEndpoint(region);
}

/**
 * The console's instance list of a region, or one instance's page: the shapes Alibaba's own help pages link
 * (`kvstore.console.aliyun.com/Redis/instance/cn-hangzhou`) and the console shows for an instance
 * (`…/Redis/instance/{region}/{instanceId}/…/info`).
 */
export function consoleUrl(region: string, instanceId?: string): string {
  const base = `https://kvstore.console.aliyun.com/Redis/instance/${encodeURIComponent(region)}`;
  return instanceId ? `${base}/${encodeURIComponent(instanceId)}/info` : base;
}
