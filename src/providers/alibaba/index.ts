import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';
import { httpClientFor } from '../http';
import type { ProviderFactory } from '../factory';
import { AlibabaApi, type SignatureScheme } from './api';
import { resolveEndpoint } from './endpoint';
import type { TaskApi } from './errors';
import { AlibabaTaskSource } from './source';
import { guardSecrets } from '../secret-guard';
import { regionIds } from '../../core/connection';
import { SeveralRegionsSource } from '../several-regions';
import { ALIBABA_GROUP_TEXTS } from './descriptor';

/**
 * Alibaba Cloud ApsaraDB for Redis (R-kvstore 2015-01-01). Options read from `ConnectionConfig.options`:
 * - `taskApi`: `DescribeHistoryTasks` (default, region-wide) or `DescribeTasks` (the older per-instance API);
 * - `signatureVersion`: `acs3` (default, ACS3-HMAC-SHA256) or `v1` (RPC HMAC-SHA1, for private deployments that
 *   predate ACS3). Why ACS3 is the default: docs/alibaba-signing.md.
 */
export const create: ProviderFactory = guardSecrets((config, secret, deps) => {
  const regions = regionIds(config.region);
  if (!regions.length)
    throw new ProviderError(
      'bad-request',
      say.t('An Alibaba Cloud connection needs a region (RegionId such as cn-hangzhou).'),
    );
  if (!config.user) throw new ProviderError('auth', say.t('An Alibaba Cloud connection needs an AccessKey ID.'));
  if (!secret.secret) throw new ProviderError('auth', say.t('An Alibaba Cloud connection needs an AccessKey secret.'));
  const taskApi = readTaskApi(config.options?.taskApi);
  const scheme = readScheme(config.options?.signatureVersion);
  const user = config.user;
  const key = secret.secret;
  const http = httpClientFor(config, deps);
  // One source per region: each signs its RegionId and calls its region's own host (the central one for the regions
  // it serves), unless an endpoint override sends every region to the same place.
  const sourceFor = (region: string) =>
    new AlibabaTaskSource({
      connectionId: config.id,
      region,
      taskApi,
      api: new AlibabaApi({
        http,
        endpoint: resolveEndpoint(config.endpoint, region),
        accessKeyId: user,
        secret: key,
        scheme,
        taskApi,
      }),
      now: deps.now ?? Date.now,
      close: () => http.close(),
    });
  if (regions.length === 1) return sourceFor(regions[0]);
  return new SeveralRegionsSource({
    provider: 'alibaba',
    connectionId: config.id,
    regions: regions.map(region => ({ region, source: sourceFor(region) })),
    regionText: ALIBABA_GROUP_TEXTS.region,
    close: () => http.close(),
  });
});

function readTaskApi(value: unknown): TaskApi {
  if (value === undefined || value === '') return 'DescribeHistoryTasks';
  if (value === 'DescribeHistoryTasks' || value === 'DescribeTasks') return value;
  throw new ProviderError(
    'bad-request',
    say.t('The option taskApi must be DescribeHistoryTasks or DescribeTasks, not {0}.', JSON.stringify(value)),
  );
}

function readScheme(value: unknown): SignatureScheme {
  if (value === undefined || value === '' || value === 'acs3' || value === 'ACS3-HMAC-SHA256') return 'acs3';
  if (value === 'v1' || value === 'rpc-v1' || value === 'HMAC-SHA1') return 'rpc-v1';
  throw new ProviderError(
    'bad-request',
    say.t('The option signatureVersion must be acs3 or v1, not {0}.', JSON.stringify(value)),
  );
}
