import * as vscode from 'vscode';
import type { ConnectionConfig, ConnectionSecret, TlsTrust } from '../../core/connection';
import { providerById } from '../../providers/registry';
import { SECTION } from '../settings';

/**
 * Connections: metadata in the `redisTasks.connections` setting, the secret half in SecretStorage under
 * `redisTasks.secret.<id>`. Settings sync and are readable by anyone with the profile, so nothing secret goes there.
 */

const KEY = 'connections';

export function secretKey(id: string): string {
  return `redisTasks.secret.${id}`;
}

function parseTls(value: unknown): TlsTrust | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (v.mode === 'system') return { mode: 'system' };
  if (v.mode === 'ca-file' && typeof v.caFile === 'string') return { mode: 'ca-file', caFile: v.caFile };
  if (v.mode === 'pinned' && typeof v.fingerprint256 === 'string')
    return { mode: 'pinned', fingerprint256: v.fingerprint256 };
  return undefined;
}

/** One settings entry as a ConnectionConfig; entries a person mistyped are skipped rather than breaking the tree. */
export function parseConnection(value: unknown): ConnectionConfig | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || !v.id || typeof v.provider !== 'string' || !providerById(v.provider))
    return undefined;
  const options: Record<string, string | number | boolean> = {};
  if (v.options && typeof v.options === 'object') {
    for (const [k, o] of Object.entries(v.options as Record<string, unknown>)) {
      if (typeof o === 'string' || typeof o === 'number' || typeof o === 'boolean') options[k] = o;
    }
  }
  return {
    id: v.id,
    name: typeof v.name === 'string' && v.name ? v.name : v.id,
    provider: v.provider,
    endpoint: typeof v.endpoint === 'string' && v.endpoint ? v.endpoint : undefined,
    user: typeof v.user === 'string' && v.user ? v.user : undefined,
    region: typeof v.region === 'string' && v.region ? v.region : undefined,
    tls: parseTls(v.tls),
    // Only a literal true counts: the person chose it for this connection in the Add Connection flow.
    ...(v.allowInsecureHttp === true ? { allowInsecureHttp: true } : {}),
    options: Object.keys(options).length ? options : undefined,
  };
}

/** Only the known, non-secret fields are written back. */
function toSetting(c: ConnectionConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { id: c.id, name: c.name, provider: c.provider };
  if (c.endpoint) out.endpoint = c.endpoint;
  if (c.user) out.user = c.user;
  if (c.region) out.region = c.region;
  if (c.tls) out.tls = c.tls;
  if (c.allowInsecureHttp === true) out.allowInsecureHttp = true;
  if (c.options && Object.keys(c.options).length) out.options = c.options;
  return out;
}

export function isDemo(c: ConnectionConfig): boolean {
  return c.options?.demo === true;
}

export function newConnectionId(existing: readonly ConnectionConfig[], name: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 32) || 'connection';
  let id = base;
  for (let i = 2; existing.some(c => c.id === id); i++) id = `${base}-${i}`;
  return id;
}

export class ConnectionsModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration(`${SECTION}.${KEY}`)) this.changed.fire();
    });
  }

  list(): ConnectionConfig[] {
    const raw = vscode.workspace.getConfiguration(SECTION).get<unknown[]>(KEY) ?? [];
    const seen = new Set<string>();
    const out: ConnectionConfig[] = [];
    for (const v of Array.isArray(raw) ? raw : []) {
      const c = parseConnection(v);
      if (c && !seen.has(c.id)) {
        seen.add(c.id);
        out.push(c);
      }
    }
    return out;
  }

  get(id: string): ConnectionConfig | undefined {
    return this.list().find(c => c.id === id);
  }

  async save(config: ConnectionConfig, secret?: ConnectionSecret): Promise<void> {
    // The secret first: a connection that appears in settings before its secret would fail its first refresh.
    if (secret) await this.secrets.store(secretKey(config.id), secret.secret);
    const list = this.list();
    const i = list.findIndex(c => c.id === config.id);
    if (i >= 0) list[i] = config;
    else list.push(config);
    await this.write(list);
  }

  async saveAll(configs: readonly ConnectionConfig[]): Promise<void> {
    await this.write([...configs]);
  }

  async remove(id: string): Promise<void> {
    await this.write(this.list().filter(c => c.id !== id));
    await this.secrets.delete(secretKey(id));
  }

  async secret(id: string): Promise<ConnectionSecret | undefined> {
    const s = await this.secrets.get(secretKey(id));
    return s === undefined ? undefined : { secret: s };
  }

  /** A connection that now signs in by itself (an AWS profile) keeps no secret of its former keys. */
  async deleteSecret(id: string): Promise<void> {
    await this.secrets.delete(secretKey(id));
  }

  async storeSecret(id: string, secret: string): Promise<void> {
    await this.secrets.store(secretKey(id), secret);
  }

  private async write(list: ConnectionConfig[]): Promise<void> {
    await vscode.workspace
      .getConfiguration(SECTION)
      .update(KEY, list.map(toSetting), vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
