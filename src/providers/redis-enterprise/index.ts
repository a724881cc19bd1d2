import type { ProviderFactory } from '../factory';
import { RedisEnterpriseSource } from './source';

export { RedisEnterpriseSource } from './source';

/** Redis Enterprise Software: CRDB tasks, actions and state machines of one cluster's REST API. */
export const create: ProviderFactory = (config, secret, deps) => new RedisEnterpriseSource(config, secret, deps);
