import type { ProviderFactory } from '../factory';
import { RedisEnterpriseSource } from './source';
import { guardSecrets } from '../secret-guard';

export { RedisEnterpriseSource } from './source';

/** Redis Enterprise Software: CRDB tasks, actions and state machines of one cluster's REST API. */
export const create: ProviderFactory = guardSecrets(
  (config, secret, deps) => new RedisEnterpriseSource(config, secret, deps),
);
