import * as vscode from 'vscode';
import type { ProviderError } from '../core/errors';
import { Scrubber, secretForms } from '../core/secrets';

/** What the request log receives (the shape of `RequestLogEntry` from the HTTP client, without importing it). */
export interface RequestLine {
  method: string;
  url: string;
  status?: number;
  ms: number;
  attempt: number;
  error?: string;
}

/** Replaces every known secret in a text: the last line of defence, whatever a lower layer forgot to redact. */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  return new Scrubber(secrets).text(text);
}

export function formatRequestLine(connectionName: string, e: RequestLine): string {
  const outcome = e.error ? `failed: ${e.error}` : `${e.status ?? '?'}`;
  const retry = e.attempt > 1 ? ` (attempt ${e.attempt})` : '';
  return `[${connectionName}] ${e.method} ${e.url} → ${outcome} in ${Math.round(e.ms)} ms${retry}`;
}

/** The "Redis Tasks" log: one line per request, plus errors. Secrets known to the extension are scrubbed. */
export class TaskLog implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  /** Every encoding of every secret the extension has handed to a source (raw, URL, JSON, base64, hex). */
  private readonly scrubber = new Scrubber();

  constructor() {
    this.channel = vscode.window.createOutputChannel('Redis Tasks', { log: true });
  }

  addSecret(secret: string | undefined, user?: string): void {
    if (secret) this.scrubber.add([secret, ...secretForms(user, secret)]);
  }

  request(connectionName: string, entry: RequestLine): void {
    const line = this.scrub(formatRequestLine(connectionName, entry));
    if (entry.error || (entry.status !== undefined && entry.status >= 400)) this.channel.warn(line);
    else this.channel.info(line);
  }

  error(context: string, error: ProviderError | Error): void {
    const text = 'describe' in error && typeof error.describe === 'function' ? error.describe() : error.message;
    this.channel.error(this.scrub(`${context}: ${text}`));
  }

  info(message: string): void {
    this.channel.info(this.scrub(message));
  }

  scrub(text: string): string {
    return this.scrubber.text(text);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
