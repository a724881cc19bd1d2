import type { ConnectionConfig, ConnectionSecret } from '../core/connection';
import type { TaskSource } from '../core/source';
import type { CertificateNote, RequestLogEntry } from '../http/client';

export interface SourceDeps {
  /** One line per request; the URL is already redacted. */
  log?: (entry: RequestLogEntry) => void;
  /** `http://host:port` (VS Code's `http.proxy`, the CLI's `HTTPS_PROXY`). */
  proxy?: string;
  timeoutMs?: number;
  /** Response size cap in bytes. */
  maxBytes?: number;
  /** Wall clock for time windows (tests pin it). */
  now?: () => number;
  /** Waits between HTTP retries (tests pass one that does not wait). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter of retry delays (tests pin it). */
  random?: () => number;
  /** A fact about the server's certificate the connection should show (an expired pinned certificate). */
  onCertificateNote?: (note: CertificateNote) => void;
}

export type ProviderFactory = (config: ConnectionConfig, secret: ConnectionSecret, deps: SourceDeps) => TaskSource;
