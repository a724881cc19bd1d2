import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';
import { httpClientFor } from '../http';
import type { ProviderFactory } from '../factory';
import { DEFAULT_ENDPOINT, RedisCloudApi } from './api';
import { sleep } from '../../core/time';
import { DEFAULT_POLICY, limiterForAccount } from './rate-limiter';
import { RedisCloudTaskSource } from './source';
import { guardSecrets } from '../secret-guard';

export { RedisCloudTaskSource } from './source';
export { RedisCloudApi, DEFAULT_ENDPOINT } from './api';

/** Settings switches read from `ConnectionConfig.options`. */
export const OPTION_KEYS = {
  /** The account's API quota per minute (default 400); the client uses half of it in steady state. */
  requestsPerMinute: 'requestsPerMinute',
  /** Tasks per group before "Load more" (default 100). */
  pageSize: 'pageSize',
  /** Seconds subscription and database names are reused before being fetched again (default 300). */
  namesTtlSeconds: 'namesTtlSeconds',
} as const;

function positive(value: string | number | boolean | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new ProviderError(
      'bad-request',
      say.t('The option {0} should be a positive number, not "{1}".', name, String(value)),
    );
  return n;
}

export const create: ProviderFactory = guardSecrets((config, secret, deps) => {
  const options = config.options ?? {};
  if (!config.user) throw new ProviderError('auth', say.t('The connection "{0}" has no API account key.', config.name));
  if (!secret.secret)
    throw new ProviderError('auth', say.t('The connection "{0}" has no user secret key.', config.name));
  const now = deps.now ?? Date.now;
  const requestsPerMinute = positive(
    options[OPTION_KEYS.requestsPerMinute],
    OPTION_KEYS.requestsPerMinute,
    DEFAULT_POLICY.requestsPerMinute,
  );
  const pageSize = Math.floor(positive(options[OPTION_KEYS.pageSize], OPTION_KEYS.pageSize, 100));
  const namesTtlMs = positive(options[OPTION_KEYS.namesTtlSeconds], OPTION_KEYS.namesTtlSeconds, 300) * 1000;
  const http = httpClientFor(config, deps);
  // The quota is real time, whatever clock the views use for their windows.
  const limiter = limiterForAccount(config.user, { ...DEFAULT_POLICY, requestsPerMinute }, { now: Date.now, sleep });
  const api = new RedisCloudApi({
    http,
    endpoint: config.endpoint || DEFAULT_ENDPOINT,
    accountKey: config.user,
    secretKey: secret.secret,
    limiter,
  });
  return new RedisCloudTaskSource({
    connectionId: config.id,
    api,
    now,
    pageSize,
    namesTtlMs,
    databasePageSize: 100,
    close: () => http.close(),
  });
});
