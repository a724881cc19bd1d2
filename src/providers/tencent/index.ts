import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';
import type { ConnectionConfig } from '../../core/connection';
import { httpClientFor } from '../http';
import type { ProviderFactory } from '../factory';
import { parseSite, SITE_ENDPOINTS, TencentApi } from './api';
import { LEGACY_ENDPOINT, LegacyTencentApi } from './legacy-api';
import type { LegacySignatureMethod } from './signer';
import { LegacyTencentTaskSource, TencentTaskSource } from './source';
import { guardSecrets } from '../secret-guard';
import { regionIds } from '../../core/connection';
import { SeveralRegionsSource } from '../several-regions';
import { TENCENT_GROUP_TEXTS } from './descriptor';

export { TencentTaskSource, LegacyTencentTaskSource } from './source';

/** Settings switches read from `ConnectionConfig.options`. */
export const OPTION_KEYS = {
  /** true: use the legacy API 2.0 (`GetRedisTaskList` on `/v2/index.php`) instead of the current API. */
  legacyApi: 'legacyApi',
  /** `HmacSHA256` (default) or `HmacSHA1`: the legacy API's signature method. */
  legacySignatureMethod: 'legacySignatureMethod',
  /** Comma-separated operator account ids (UIN): only their tasks (current API `OperateUin`). */
  operateUin: 'operateUin',
  /** `china` (default) or `intl`: the site the account belongs to, which picks the API endpoint. */
  site: 'site',
} as const;

function flag(value: string | number | boolean | undefined): boolean {
  return value === true || value === 1 || (typeof value === 'string' && /^(true|1|yes|on)$/i.test(value.trim()));
}

/** People paste a bare host (`redis.ap-guangzhou.tencentcloudapi.com`): Tencent only speaks HTTPS there. */
function withScheme(endpoint: string | undefined): string | undefined {
  const e = endpoint?.trim();
  if (!e) return undefined;
  return /^https?:\/\//i.test(e) ? e : `https://${e}`;
}

/**
 * The endpoint a connection calls: an explicit endpoint wins (a regional host, a proxy, the emulator); otherwise the
 * public one of its API and site.
 */
export function tencentEndpoint(config: ConnectionConfig): string {
  const options = config.options ?? {};
  const legacy = flag(options[OPTION_KEYS.legacyApi]);
  const site = parseSite(options[OPTION_KEYS.site]);
  if (!site)
    throw new ProviderError(
      'bad-request',
      say.t('The Tencent Cloud site "{0}" is not china or intl.', String(options[OPTION_KEYS.site])),
    );
  const override = withScheme(config.endpoint);
  if (override) return override;
  if (!legacy) return SITE_ENDPOINTS[site];
  if (site === 'intl')
    throw new ProviderError(
      'bad-request',
      say.t(
        'The connection "{0}" uses the legacy API on the international site, which has no known endpoint: use the current API, or set the endpoint.',
        config.name,
      ),
    );
  return LEGACY_ENDPOINT;
}

export const create: ProviderFactory = guardSecrets((config, secret, deps) => {
  const options = config.options ?? {};
  if (!config.user) throw new ProviderError('auth', say.t('The connection "{0}" has no SecretId.', config.name));
  if (!secret.secret) throw new ProviderError('auth', say.t('The connection "{0}" has no SecretKey.', config.name));
  const regions = regionIds(config.region);
  if (!regions.length)
    throw new ProviderError(
      'bad-request',
      say.t('The connection "{0}" has no region (such as ap-guangzhou).', config.name),
    );
  const legacy = flag(options[OPTION_KEYS.legacyApi]);
  const endpoint = tencentEndpoint(config);
  const method = String(options[OPTION_KEYS.legacySignatureMethod] ?? 'HmacSHA256');
  if (legacy && method !== 'HmacSHA256' && method !== 'HmacSHA1') {
    throw new ProviderError(
      'bad-request',
      say.t('The legacy signature method "{0}" is not HmacSHA256 or HmacSHA1.', method),
    );
  }
  const uins = String(options[OPTION_KEYS.operateUin] ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  const user = config.user;
  const key = secret.secret;
  const http = httpClientFor(config, deps);
  const now = deps.now ?? Date.now;
  // One source per region, all on the one endpoint: Tencent routes by the region each call is signed for
  // (`X-TC-Region`, or the legacy `Region` parameter), not by host.
  const sourceFor = (region: string) => {
    const common = { connectionId: config.id, region, http, now };
    if (legacy) {
      const api = new LegacyTencentApi({
        http,
        endpoint,
        secretId: user,
        secretKey: key,
        region,
        signatureMethod: method as LegacySignatureMethod,
        now,
      });
      return new LegacyTencentTaskSource(common, api);
    }
    const api = new TencentApi({ http, endpoint, secretId: user, secretKey: key, region, now });
    return new TencentTaskSource({ ...common, operateUin: uins.length ? uins : undefined }, api);
  };
  if (regions.length === 1) return sourceFor(regions[0]);
  return new SeveralRegionsSource({
    provider: 'tencent',
    connectionId: config.id,
    regions: regions.map(region => ({ region, source: sourceFor(region) })),
    regionText: TENCENT_GROUP_TEXTS.region,
    close: () => http.close(),
  });
});
