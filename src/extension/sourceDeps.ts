import { isLoopbackEndpoint } from '../core/loopback';
import type { ConnectionConfig } from '../core/connection';
import { certificateNotes } from './certificateNotes';
import type { TaskLog } from './log';
import type { ProvidersModule } from './providersLoader';
import type { ExtensionSettings } from './settings';

type SourceDeps = NonNullable<Parameters<ProvidersModule['createSource']>[2]>;

/**
 * What every TaskSource the extension makes is given: the request log, the proxy, the timeout, the clock. One place,
 * so the source that tries typed credentials (Add/Edit Connection) reaches the server exactly as the tree's will.
 */
export function sourceDepsFor(
  config: ConnectionConfig,
  settings: ExtensionSettings,
  log: TaskLog,
  now?: () => number,
): SourceDeps {
  return {
    log: entry => log.request(config.name, entry),
    onCertificateNote: note => certificateNotes.set(config.id, note),
    // A proxy cannot reach this machine's loopback (the demo emulator), and a pinned certificate cannot go through one.
    proxy: isLoopbackEndpoint(config.endpoint) ? undefined : settings.proxy,
    timeoutMs: settings.requestTimeoutMs,
    // One clock for the filter window and the providers' own date-bounded queries.
    now,
  };
}
