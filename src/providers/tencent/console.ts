/** Tencent's console addresses regions by a numeric id. */
const REGION_IDS: Readonly<Record<string, number>> = {
  'ap-guangzhou': 1,
  'ap-shanghai': 4,
  'ap-hongkong': 5,
  'na-toronto': 6,
  'ap-shanghai-fsi': 7,
  'ap-beijing': 8,
  'ap-singapore': 9,
  'ap-shenzhen-fsi': 11,
  'ap-guangzhou-open': 12,
  'na-siliconvalley': 15,
  'ap-chengdu': 16,
  'eu-frankfurt': 17,
  'ap-seoul': 18,
  'ap-chongqing': 19,
  'ap-mumbai': 21,
  'na-ashburn': 22,
  'ap-bangkok': 23,
  'eu-moscow': 24,
  'ap-tokyo': 25,
  'ap-nanjing': 33,
  'ap-jakarta': 72,
  'sa-saopaulo': 74,
};

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
