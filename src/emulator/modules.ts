import type { EmulatorModule } from './types';
import { createModule as redisEnterprise } from './redis-enterprise';
import { createModule as redisCloud } from './redis-cloud';
import { createModule as tencent } from './tencent';
import { createModule as alibaba } from './alibaba';

/** Every emulated API, in the order they are asked to claim a request. */
export function allModules(): EmulatorModule[] {
  return [redisEnterprise(), redisCloud(), tencent(), alibaba()].filter((m): m is EmulatorModule => m !== undefined);
}
