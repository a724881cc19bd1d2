// Every provider's client by id, for the CLI's single bundle and for plain-Node callers (tests, benchmarks). The
// extension loads one provider's own bundle instead, on that provider's first request (src/extension/providersLoader.ts).
import type { ConnectionConfig, ConnectionSecret } from '../core/connection';
import type { TaskSource } from '../core/source';
import type { ProviderFactory, SourceDeps } from './factory';
import { descriptorOf } from './registry';

export type { SourceDeps } from './factory';
export { ProviderError } from '../core/errors';
export { normaliseFingerprint } from '../http/client';
export { probeCertificate } from '../http/probe';

/** What `src/providers/<id>/index.ts` exports, and so what `dist/providers/<id>.js` exports. */
export interface ProviderModule {
  create: ProviderFactory;
  /** Named sign-in profiles of this machine (AWS's shared config files), where the provider has them. */
  profiles?: () => Promise<string[]>;
}

export function providerModule(id: string): ProviderModule {
  descriptorOf(id); // an unknown id is refused before a path is built from it
  // A glob require: esbuild bundles every src/providers/<id>/index.ts here; tsx resolves it from the sources.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading by id is the point
  return require(`./${id}/index.ts`) as ProviderModule;
}

export function createSource(config: ConnectionConfig, secret: ConnectionSecret, deps: SourceDeps = {}): TaskSource {
  return providerModule(config.provider).create(config, secret, deps);
}
