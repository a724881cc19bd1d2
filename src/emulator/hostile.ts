import type { ProviderId } from '../core/task';
import type { HostileProfile } from './hostile-data';
import { hostileProfile as redisEnterprise } from './redis-enterprise/hostile';
import { hostileProfile as redisCloud } from './redis-cloud/hostile';
import { hostileProfile as tencent } from './tencent/hostile';
import { hostileProfile as alibaba } from './alibaba/hostile';
import { hostileProfile as aws } from './aws/hostile';

export { HOSTILE_HTML, HOSTILE_MARKER, HOSTILE_TERMINAL, HOSTILE_TEXT } from './hostile-data';

const PROFILES: Record<ProviderId, HostileProfile> = {
  'redis-enterprise': redisEnterprise,
  'redis-cloud': redisCloud,
  tencent,
  alibaba,
  aws,
};

/** How the provider of the module that claimed a request words hostile data and errors. */
export function hostileProfileFor(provider: ProviderId): HostileProfile {
  return PROFILES[provider];
}
