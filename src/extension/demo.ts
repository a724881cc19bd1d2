import * as vscode from 'vscode';
import { providerById } from '../providers/registry';
import type { ConnectionConfig } from '../core/connection';
import type { ConnectionsModel } from './connections/model';
import { isDemo } from './connections/model';
import type { TaskLog } from './log';
import type { EmulatorModuleExports } from './providersLoader';
import type { RunningEmulator } from '../emulator/server';

/** The running demo emulator, as much as the extension and its tests need of it. */
export interface DemoEmulator {
  url: string;
  fingerprint256?: string;
  close(): Promise<void>;
  /** The emulator itself (its clock, faults, reset) for integration tests. */
  readonly emulator: RunningEmulator;
}

/**
 * "Try the Demo Emulator": an in-process HTTPS emulator on 127.0.0.1 and one demo connection per emulated API. Its
 * port and certificate change at every start, so demo connections are re-pointed (endpoint and pin) each time.
 */
export class DemoController implements vscode.Disposable {
  private running?: Promise<DemoEmulator>;

  constructor(
    private readonly connections: ConnectionsModel,
    private readonly load: () => EmulatorModuleExports,
    private readonly log: TaskLog,
  ) {}

  /** The emulator, when started. */
  get current(): Promise<DemoEmulator> | undefined {
    return this.running;
  }

  hasDemoConnections(): boolean {
    return this.connections.list().some(isDemo);
  }

  /** Starts the emulator (once) and adds or re-points the demo connections. Returns the demo connections. */
  async start(): Promise<ConnectionConfig[]> {
    if (!this.running) {
      this.running = this.launch();
      this.running.catch(() => {
        this.running = undefined;
      });
    }
    const demo = await this.running;
    // A provider the extension does not offer yet (AWS, in progress) serves the CLI and the tests only.
    const info = demo.emulator.connections().filter(i => providerById(i.provider)?.inExtension !== false);
    const existing = this.connections.list();
    const next = existing.filter(c => !isDemo(c) || info.some(i => demoId(i.provider) === c.id));
    const added: ConnectionConfig[] = [];
    for (const i of info) {
      const id = demoId(i.provider);
      const config: ConnectionConfig = {
        id,
        name: demoName(i.name),
        provider: i.provider,
        endpoint: i.endpoint,
        user: i.user,
        region: i.region,
        tls: demo.fingerprint256 ? { mode: 'pinned', fingerprint256: demo.fingerprint256 } : undefined,
        options: { ...(i.options ?? {}), demo: true },
      };
      this.log.addSecret(i.secret, i.user);
      await this.connections.storeSecret(id, i.secret);
      const at = next.findIndex(c => c.id === id);
      if (at >= 0) next[at] = config;
      else next.push(config);
      added.push(config);
    }
    await this.connections.saveAll(next);
    this.log.info(`Demo emulator listening on ${demo.url}`);
    return added;
  }

  private async launch(): Promise<DemoEmulator> {
    const lib = this.load();
    const emulator = await lib.startEmulator({ modules: lib.allModules(), host: '127.0.0.1', port: 0 });
    return {
      url: emulator.url,
      fingerprint256: emulator.certificate?.fingerprint256,
      close: () => emulator.close(),
      emulator,
    };
  }

  async stop(): Promise<void> {
    const r = this.running;
    this.running = undefined;
    if (r) await (await r).close();
  }

  dispose(): void {
    void this.stop().catch(() => undefined);
  }
}

export function demoId(provider: string): string {
  return `demo-${provider}`;
}

/**
 * The emulator names its demo connections in English (it has no vscode); the names a person sees in the tree are
 * the extension's words, so they follow VS Code's language. A name not listed here shows as the emulator gave it.
 */
export function demoName(name: string): string {
  switch (name) {
    case 'Demo cluster':
      return vscode.l10n.t('Demo cluster');
    case 'Redis Cloud (emulated)':
      return vscode.l10n.t('Redis Cloud (emulated)');
    case 'Tencent Cloud Redis (emulated)':
      return vscode.l10n.t('Tencent Cloud Redis (emulated)');
    case 'Alibaba Cloud (emulated)':
      return vscode.l10n.t('Alibaba Cloud (emulated)');
    case 'AWS ElastiCache (emulated)':
      return vscode.l10n.t('AWS ElastiCache (emulated)');
    default:
      return name;
  }
}
