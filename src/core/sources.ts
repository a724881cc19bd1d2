import type { ConnectionConfig } from './connection';
import { ProviderError, asProviderError } from './errors';
import type { TaskSource } from './source';

/**
 * The open `TaskSource` of each connection: made on first use (which is what loads its provider's bundle), made again
 * when the connection's settings entry changes, closed when it goes. Also what each source said its web console is.
 * Knows nothing of when to ask: that is the poller's.
 */

export interface SourceRegistryDeps {
  /** The connection's settings entry, or undefined when it no longer exists. */
  config(connectionId: string): ConnectionConfig | undefined;
  /** Its secret from the secret store, or undefined when none is stored. */
  secret(connectionId: string): Promise<string | undefined>;
  /** Makes a source (loads the provider). May throw; what it throws reaches the caller as a `ProviderError`. */
  create(config: ConnectionConfig, secret: string): TaskSource;
  /** A source was closed (edited, removed, reconnected or disposed): what was learnt through it goes too. */
  closed?(connectionId: string): void;
  /** The words of the two errors a person fixes by editing the connection (localised by the caller). */
  messages: { gone(connectionId: string): string; noSecret(connectionName: string): string };
}

interface OpenSource {
  source: TaskSource;
  /** The settings entry it was made from: a different one means edit, so the source is made again. */
  key: string;
}

export class SourceRegistry {
  private readonly open = new Map<string, OpenSource>();
  /** The settings entry of each connection at the last `sync`, to tell which are new or edited. */
  private readonly synced = new Map<string, string>();
  private readonly consoleUrls = new Map<string, string | undefined>();

  constructor(private readonly deps: SourceRegistryDeps) {}

  /**
   * The connections are now `list`: sources of removed or edited ones close. Returns the ids that are new or edited
   * since the last sync.
   */
  sync(list: readonly ConnectionConfig[]): string[] {
    const keys = new Map(list.map(c => [c.id, JSON.stringify(c)]));
    for (const [id, open] of this.open) if (open.key !== keys.get(id)) this.close(id);
    for (const id of [...this.synced.keys()]) if (!keys.has(id)) this.synced.delete(id);
    const changed: string[] = [];
    for (const [id, k] of keys) {
      if (this.synced.get(id) !== k) changed.push(id);
      this.synced.set(id, k);
    }
    return changed;
  }

  /** The source of a connection, made when none is open for its current settings entry. */
  async get(connectionId: string): Promise<TaskSource> {
    const config = this.deps.config(connectionId);
    if (!config) throw new ProviderError('not-found', this.deps.messages.gone(connectionId));
    const key = JSON.stringify(config);
    const open = this.open.get(connectionId);
    if (open && open.key === key) return open.source;
    if (open) this.close(connectionId);
    const secret = await this.deps.secret(connectionId);
    if (secret === undefined) throw new ProviderError('auth', this.deps.messages.noSecret(config.name));
    let source: TaskSource;
    try {
      source = this.deps.create(config, secret);
    } catch (e) {
      throw asProviderError(e);
    }
    this.open.set(connectionId, { source, key });
    try {
      this.consoleUrls.set(connectionId, source.consoleUrl?.());
    } catch {
      this.consoleUrls.delete(connectionId);
    }
    return source;
  }

  /** The web console the connection's source named, once it is open. */
  consoleUrl(connectionId: string): string | undefined {
    return this.consoleUrls.get(connectionId);
  }

  /** Closes the connection's source (if open); the next `get` makes a new one. */
  close(connectionId: string): void {
    const open = this.open.get(connectionId);
    this.open.delete(connectionId);
    this.deps.closed?.(connectionId);
    this.consoleUrls.delete(connectionId);
    if (open) open.source.close().catch(() => undefined);
  }

  dispose(): void {
    for (const id of [...this.open.keys()]) this.close(id);
  }
}
