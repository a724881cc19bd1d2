import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';
import { HttpClient } from '../../http/client';
import type { ProviderFactory } from '../factory';
import { guardSecrets } from '../secret-guard';
import { credentialProviderFor, memoize, type CredentialProvider } from './credentials';
import { parseRegions, resolveEndpoint } from './endpoints';
import { MemoryDbApi } from './json-api';
import { ElastiCacheApi } from './query-api';
import { AwsTaskSource } from './source';
import { AwsTransport } from './transport';

/**
 * Amazon ElastiCache (query API 2015-02-02) and MemoryDB (JSON 1.1). `ConnectionConfig`:
 * - `region`: one or more regions, comma-separated (`us-east-1,eu-west-1`);
 * - `user` + secret: access keys typed by the user (`secret.sessionToken` for temporary ones), else
 *   `options.profile`: a named profile of ~/.aws/config and ~/.aws/credentials, else the default credential chain;
 * - `endpoint`: one host for both services (a VPC endpoint, the emulator);
 * - `options.memorydb=false`: skip MemoryDB.
 */
export interface AwsFactoryOverrides {
  /** Tests inject credentials instead of the SDK's chain. */
  credentials?: CredentialProvider;
  signingNow?: () => number;
}

export function createAws(overrides: AwsFactoryOverrides = {}): ProviderFactory {
  return guardSecrets((config, secret, deps) => {
    const regions = parseRegions(config.region);
    const profile = typeof config.options?.profile === 'string' ? config.options.profile.trim() : undefined;
    const credentials =
      overrides.credentials ??
      memoize(
        credentialProviderFor({
          profile: profile || undefined,
          accessKeyId: config.user,
          secretAccessKey: secret.secret || undefined,
          sessionToken: secret.sessionToken,
        }),
      );
    if (config.options?.memorydb !== undefined && typeof config.options.memorydb !== 'boolean')
      throw new ProviderError('bad-request', say.t('The option memorydb must be true or false.'));
    const http = new HttpClient({
      tls: config.tls,
      proxy: deps.proxy,
      timeoutMs: deps.timeoutMs,
      maxBytes: deps.maxBytes,
      log: deps.log,
    });
    const transport = new AwsTransport({ http, credentials, signingNow: overrides.signingNow });
    return new AwsTaskSource({
      connectionId: config.id,
      regions,
      elasticache: new ElastiCacheApi(transport, r => resolveEndpoint(config.endpoint, 'elasticache', r)),
      memorydb:
        config.options?.memorydb === false
          ? undefined
          : new MemoryDbApi(transport, r => resolveEndpoint(config.endpoint, 'memorydb', r)),
      now: deps.now ?? Date.now,
      close: () => http.close(),
    });
  });
}

export const create: ProviderFactory = createAws();

/** Profile names for Add Connection's picker (`dist/providers/aws.js` exports it beside `create`). */
export { listProfiles as profiles } from './profiles';
