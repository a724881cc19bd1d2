import * as vscode from 'vscode';
import { TaskOrchestrator } from '../core/orchestrator';
import type { PollerTimer } from '../core/poller';
import type { TaskRef, TaskStore } from '../core/store';
import type { Task } from '../core/task';
import { certificateNotes } from './certificateNotes';
import type { ConnectionsModel } from './connections/model';
import type { TaskLog } from './log';
import type { ProvidersModule } from './providersLoader';
import { sourceDepsFor } from './sourceDeps';
import { descriptorOf } from '../providers/registry';
import type { ExtensionSettings } from './settings';

// The query matching lives in the core; tests and the truth rig read it from here too.
export { matchesQuery } from '../core/query';

/**
 * The core's `TaskOrchestrator` bound to the extension: connections from the settings and SecretStorage, sources
 * from the lazily loaded provider bundles, requests and errors to the log, and VS Code events and words.
 */

export interface TaskServiceDeps {
  store: TaskStore;
  connections: ConnectionsModel;
  log: TaskLog;
  providers: () => ProvidersModule;
  settings: () => ExtensionSettings;
  now?: () => number;
  /** The poller's timer (tests drive it by hand). */
  timer?: PollerTimer;
  /** Whether a details panel for the task exists, visible or not. */
  isPanelOpen?: (connectionId: string, taskId: string) => boolean;
}

export class TaskService extends TaskOrchestrator implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TaskRef>();
  readonly onDidChangeTask = this.changed.event;
  private readonly finished = new vscode.EventEmitter<Task>();
  /** A watched task reached a final status. */
  readonly onDidFinishWatchedTask = this.finished.event;

  constructor(deps: TaskServiceDeps) {
    const { connections, log, settings } = deps;
    super({
      store: deps.store,
      connections,
      settings,
      now: deps.now,
      timer: deps.timer,
      isPanelOpen: deps.isPanelOpen,
      onPollError: (name, e) => log.error(name, e),
      cannotCancel: () => vscode.l10n.t('This provider has no way to cancel a task.'),
      sources: {
        secret: async id => {
          const stored = (await connections.secret(id))?.secret;
          if (stored !== undefined) return stored;
          // A provider that signs in on its own (an AWS profile, the default credential chain) has no secret of ours.
          const config = connections.get(id);
          return config && descriptorOf(config.provider).secret.optional && !config.user ? '' : undefined;
        },
        create: (config, secret) => {
          log.addSecret(secret, config.user);
          return deps.providers().createSource(config, { secret }, sourceDepsFor(config, settings(), log, deps.now));
        },
        closed: id => certificateNotes.delete(id),
        messages: {
          gone: id => vscode.l10n.t('The connection "{0}" no longer exists.', id),
          noSecret: name =>
            vscode.l10n.t('No credentials are stored for "{0}". Edit the connection to enter them.', name),
        },
      },
    });
  }

  protected override taskChanged(ref: TaskRef): void {
    this.changed.fire(ref);
  }

  protected override watchedTaskFinished(task: Task): void {
    this.finished.fire(task);
  }

  override dispose(): void {
    super.dispose();
    this.changed.dispose();
    this.finished.dispose();
  }
}
