import { PROVIDER_IDS } from '../providers/registry';
import type { HostileProfile } from './hostile-data';
import type { EmulatorModule } from './types';

/** What `src/emulator/<provider id>/index.ts` exports: each provider's emulated API is the folder of its id. */
interface EmulatorFolder {
  createModule(): EmulatorModule | undefined;
}

/** Every emulated API, in the registry's order, which is the order they are asked to claim a request. */
export function allModules(): EmulatorModule[] {
  return PROVIDER_IDS.map(id => emulatorFolder(id).createModule()).filter((m): m is EmulatorModule => m !== undefined);
}

/** How a provider words hostile data and errors (`src/emulator/<id>/hostile.ts`). */
export function hostileProfileFor(provider: string): HostileProfile {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a glob require, one folder per provider
  return (require(`./${provider}/hostile.ts`) as { hostileProfile: HostileProfile }).hostileProfile;
}

function emulatorFolder(id: string): EmulatorFolder {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a glob require, one folder per provider
  return require(`./${id}/index.ts`) as EmulatorFolder;
}
