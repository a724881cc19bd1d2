// The lazily loaded half of the extension (dist/providers.js): every provider client and the HTTP stack.
import type { ConnectionConfig, ConnectionSecret } from '../core/connection';
import type { TaskSource } from '../core/source';
import type { ProviderId } from '../core/task';
import type { ProviderFactory, SourceDeps } from './factory';
import { create as redisEnterprise } from './redis-enterprise';
import { create as redisCloud } from './redis-cloud';
import { create as tencent } from './tencent';
import { create as alibaba } from './alibaba';
// AWS (in progress): moves onto its provider descriptor with the coming restructure.
import { create as aws } from './aws';

export type { SourceDeps } from './factory';
export { ProviderError } from '../core/errors';
export { normaliseFingerprint } from '../http/client';
export { probeCertificate } from '../http/probe';

const factories: Record<ProviderId, ProviderFactory> = {
  'redis-enterprise': redisEnterprise,
  'redis-cloud': redisCloud,
  tencent,
  alibaba,
  aws,
};

export function createSource(config: ConnectionConfig, secret: ConnectionSecret, deps: SourceDeps = {}): TaskSource {
  return factories[config.provider](config, secret, deps);
}
