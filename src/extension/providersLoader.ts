import * as path from 'node:path';
import type { ConnectionConfig, ConnectionSecret } from '../core/connection';
import type { TaskSource } from '../core/source';
import type { startEmulator } from '../emulator/server';
import type { allModules } from '../emulator/modules';
import type { ProviderModule, SourceDeps } from '../providers/index';
import type { normaliseFingerprint } from '../http/client';
import type { probeCertificate } from '../http/probe';

/**
 * The lazily loaded half of the extension. Activation must stay cheap and must not pull undici in, so each provider's
 * client is required from its own bundle (dist/providers/<id>.js) on the first request of a connection of that
 * provider, and the HTTP stack (dist/http.js) with the first of them. Paths are computed so esbuild leaves them alone.
 */
export interface ProvidersModule {
  createSource(config: ConnectionConfig, secret: ConnectionSecret, deps?: SourceDeps): TaskSource;
  /** The provider's named sign-in profiles on this machine (an empty list where it has none). */
  profiles?(provider: string): Promise<string[]>;
  probeCertificate: typeof probeCertificate;
  normaliseFingerprint: typeof normaliseFingerprint;
}

interface HttpModule {
  probeCertificate: typeof probeCertificate;
  normaliseFingerprint: typeof normaliseFingerprint;
}

/** Provider ids come from parsed connections, which only admit ids of the registry: never a path of a person's. */
function providerBundle(id: string): ProviderModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, by design
  return require(path.join(__dirname, 'providers', `${id}.js`)) as ProviderModule;
}

function httpBundle(): HttpModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, by design
  return require(path.join(__dirname, 'http.js')) as HttpModule;
}

const providers: ProvidersModule = {
  createSource: (config, secret, deps) => providerBundle(config.provider).create(config, secret, deps ?? {}),
  profiles: async provider => (await providerBundle(provider).profiles?.()) ?? [],
  probeCertificate: (...args) => httpBundle().probeCertificate(...args),
  normaliseFingerprint: (...args) => httpBundle().normaliseFingerprint(...args),
};

export function loadProviders(): ProvidersModule {
  return providers;
}

export interface EmulatorModuleExports {
  startEmulator: typeof startEmulator;
  allModules: typeof allModules;
}

export function loadEmulator(): EmulatorModuleExports {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, by design
  return require(path.join(__dirname, 'emulator.js')) as EmulatorModuleExports;
}
