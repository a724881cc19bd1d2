import type { ConnectionConfig } from '../core/connection';
import { HttpClient } from '../http/client';
import type { SourceDeps } from './factory';

/** The one HttpClient every provider builds from its connection, so trust, transport and retry rules cannot differ. */
export function httpClientFor(config: ConnectionConfig, deps: SourceDeps): HttpClient {
  return new HttpClient({
    tls: config.tls,
    allowInsecureHttp: config.allowInsecureHttp === true,
    proxy: deps.proxy,
    timeoutMs: deps.timeoutMs,
    maxBytes: deps.maxBytes,
    log: deps.log,
    sleep: deps.sleep,
    random: deps.random,
    onCertificateNote: deps.onCertificateNote,
  });
}
