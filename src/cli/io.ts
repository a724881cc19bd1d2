import type { ConnectionConfig, ConnectionSecret } from '../core/connection';
import type { TaskSource } from '../core/source';
import type { CertificateInfo } from '../http/probe';
import type { SourceDeps } from '../providers/factory';

export interface OutStream {
  write(text: string): void;
  isTTY?: boolean;
  /** A terminal's width; tables fit 120 columns when it is unknown. */
  columns?: number;
}

/** Everything the CLI touches outside itself, so tests run it in-process with fakes. */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  /** Whether stdin is a terminal (then secrets and confirmations are asked for; otherwise a secret is read from it). */
  stdinIsTTY: boolean;
  /** The first line of stdin, or undefined at end of input. */
  readStdinLine(): Promise<string | undefined>;
  /** Asks on the terminal; with `echo: false` the answer is not shown (passwords). */
  prompt(question: string, options: { echo: boolean }): Promise<string>;
}

export interface CliDeps {
  createSource(config: ConnectionConfig, secret: ConnectionSecret, deps: SourceDeps): TaskSource;
  probeCertificate(endpoint: string, timeoutMs?: number): Promise<CertificateInfo>;
  /** `wait` sleeps through this, so tests can advance an emulator clock instead of real time. */
  sleep(ms: number): Promise<void>;
  now: () => number;
  /** Jitter of `wait`'s backoff (tests pin it). */
  random?: () => number;
}
