import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';
import { httpClientFor } from '../http';
import type { ProviderFactory } from '../factory';
import { AlibabaApi, type SignatureScheme } from './api';
import { resolveEndpoint } from './endpoint';
import type { TaskApi } from './errors';
import { AlibabaTaskSource } from './source';
import { guardSecrets } from '../secret-guard';

/**
 * Alibaba Cloud ApsaraDB for Redis (R-kvstore 2015-01-01). Options read from `ConnectionConfig.options`:
 * - `taskApi`: `DescribeHistoryTasks` (default, region-wide) or `DescribeTasks` (the older per-instance API);
 * - `signatureVersion`: `acs3` (default, ACS3-HMAC-SHA256) or `v1` (RPC HMAC-SHA1, for private deployments that
 *   predate ACS3). Why ACS3 is the default: docs/alibaba-signing.md.
 */
export const create: ProviderFactory = guardSecrets((config, secret, deps) => {
  const region = config.region?.trim();
  if (!region)
    throw new ProviderError(
      'bad-request',
      say.t('An Alibaba Cloud connection needs a region (RegionId such as cn-hangzhou).'),
    );
  if (!config.user) throw new ProviderError('auth', say.t('An Alibaba Cloud connection needs an AccessKey ID.'));
  if (!secret.secret) throw new ProviderError('auth', say.t('An Alibaba Cloud connection needs an AccessKey secret.'));
  const taskApi = readTaskApi(config.options?.taskApi);
  const scheme = readScheme(config.options?.signatureVersion);
  const http = httpClientFor(config, deps);
  const api = new AlibabaApi({
    http,
    endpoint: resolveEndpoint(config.endpoint, region),
    accessKeyId: config.user,
    secret: secret.secret,
    scheme,
    taskApi,
  });
  return new AlibabaTaskSource({
    connectionId: config.id,
    region,
    taskApi,
    api,
    now: deps.now ?? Date.now,
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
