import * as path from 'node:path';
import type * as Providers from '../providers/index';
import type { startEmulator } from '../emulator/server';
import type { allModules } from '../emulator/modules';

/** The lazily loaded half of the extension: provider clients and the HTTP stack (dist/providers.js). */
export type ProvidersModule = Pick<typeof Providers, 'createSource' | 'probeCertificate' | 'normaliseFingerprint'>;

let loaded: ProvidersModule | undefined;

/**
 * Activation must stay cheap and must not pull undici in, so the bundle is required on the first request. The
 * path is computed so esbuild leaves it alone.
 */
export function loadProviders(): ProvidersModule {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(path.join(__dirname, 'providers.js')) as ProvidersModule;
  }
  return loaded;
}

export interface EmulatorModuleExports {
  startEmulator: typeof startEmulator;
  allModules: typeof allModules;
}

export function loadEmulator(): EmulatorModuleExports {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'emulator.js')) as EmulatorModuleExports;
}
