import type { EmulatorModule } from './types';
import { createModule as redisEnterprise } from './redis-enterprise';
import { createModule as redisCloud } from './redis-cloud';
import { createModule as tencent } from './tencent';
import { createModule as alibaba } from './alibaba';
import { createModule as aws } from './aws';

/**
 * Every emulated API, in the order they are asked to claim a request. AWS comes before Alibaba, whose RPC check
 * would claim any form POST with an `Action=` in it; AWS claims only SigV4-signed ElastiCache/MemoryDB requests.
 */
export function allModules(): EmulatorModule[] {
  return [redisEnterprise(), redisCloud(), tencent(), aws(), alibaba()].filter(
    (m): m is EmulatorModule => m !== undefined,
  );
}
