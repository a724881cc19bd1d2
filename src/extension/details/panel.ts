/**
 * One webview panel per task, showing the store's view of it and sending the user's buttons back as host calls.
 * The panel never calls a provider itself: the host (the store and the command flows) does, and tells the panel
 * through `onDidChangeTask` when there is something new to show.
 */
import * as vscode from 'vscode';
import { isActive, type Task } from '../../core/task';
import {
  parsePanelState,
  parseWebviewMessage,
  type FromWebviewMessage,
  type ToWebviewMessage,
} from '../../shared/detailsMessages';
import type { DetailsLabels, DetailsModel } from '../../shared/detailsModel';
import { displayTask } from '../displayNames';
import { createNonce, renderDetailsShell } from './html';
import { localizedDetailsLabels } from './localizedLabels';
import { buildDetailsModel, buildPlaceholderModel, type DetailsState } from './model';
import { errorText } from '../errorText';

export interface TaskDetailsHost {
  getTask(connectionId: string, taskId: string): Task | undefined;
  getState(connectionId: string, taskId: string): DetailsState;
  /** Fires when a task's data or state changed (the panel re-renders if it shows that task). */
  readonly onDidChangeTask: vscode.Event<{ connectionId: string; taskId: string }>;
  /** Fetch the task now (getTask with the X-Result-TTL setting) and put it into the store. */
  refresh(connectionId: string, taskId: string): Promise<void>;
  /** Run the cancel flow (modal confirmation, 406 → offer forced cancel). */
  cancel(connectionId: string, taskId: string): Promise<void>;
  /** Run the forced-cancel flow (warning + typed task id). */
  forceCancel(connectionId: string, taskId: string): Promise<void>;
  /** The panel is visible (true) or hidden/closed (false): the poller keeps this task fresh while watched. */
  setWatched(connectionId: string, taskId: string, watched: boolean): void;
}

const panels = new Map<string, TaskDetailsPanel>();

function panelKey(connectionId: string, taskId: string): string {
  return JSON.stringify([connectionId, taskId]);
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    // The page may load our script and stylesheet and the codicon font, nothing else on disk.
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'media'),
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
      vscode.Uri.joinPath(extensionUri, 'dist', 'codicons'),
    ],
  };
}

let cachedLabels: DetailsLabels | undefined;
function labels(): DetailsLabels {
  // The display language cannot change without reloading the window, so once is enough.
  cachedLabels ??= localizedDetailsLabels();
  return cachedLabels;
}

export class TaskDetailsPanel {
  static readonly viewType = 'redisTasks.taskDetails';

  /** Opens (or reveals the existing) panel for this task. */
  static show(extensionUri: vscode.Uri, host: TaskDetailsHost, connectionId: string, taskId: string): TaskDetailsPanel {
    const existing = panels.get(panelKey(connectionId, taskId));
    if (existing) {
      existing.webviewPanel.reveal();
      return existing;
    }
    const task = host.getTask(connectionId, taskId);
    const panel = vscode.window.createWebviewPanel(
      TaskDetailsPanel.viewType,
      task?.name ?? taskId,
      vscode.ViewColumn.Active,
      { ...webviewOptions(extensionUri), enableFindWidget: true },
    );
    return new TaskDetailsPanel(panel, extensionUri, host, connectionId, taskId);
  }

  /** Restores panels after a window reload. */
  static registerSerializer(extensionUri: vscode.Uri, host: TaskDetailsHost): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(TaskDetailsPanel.viewType, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const saved = parsePanelState(state);
        // A panel saved before its first render has nothing to restore; an empty tab would only confuse.
        if (!saved || panels.has(panelKey(saved.connectionId, saved.taskId))) {
          panel.dispose();
          return;
        }
        panel.webview.options = webviewOptions(extensionUri);
        new TaskDetailsPanel(panel, extensionUri, host, saved.connectionId, saved.taskId);
      },
    });
  }

  /** Open panels, for tests. */
  static all(): readonly TaskDetailsPanel[] {
    return [...panels.values()];
  }

  /** A refresh failure the store did not record (the task could not be fetched at all). */
  private refreshError: string | undefined;
  private disposed = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  private constructor(
    readonly webviewPanel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly host: TaskDetailsHost,
    readonly connectionId: string,
    readonly taskId: string,
  ) {
    panels.set(panelKey(connectionId, taskId), this);
    const webview = webviewPanel.webview;
    webview.html = renderDetailsShell({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'details.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'details.css')).toString(),
      codiconUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'codicons', 'codicon.css')).toString(),
      nonce: createNonce(),
      lang: vscode.env.language || 'en',
    });

    this.subscriptions.push(
      webviewPanel.onDidDispose(() => this.dispose()),
      webviewPanel.onDidChangeViewState(() => {
        if (this.disposed) return;
        this.host.setWatched(this.connectionId, this.taskId, this.webviewPanel.visible);
      }),
      webview.onDidReceiveMessage((message: unknown) => {
        const parsed = parseWebviewMessage(message);
        if (parsed) void this.handle(parsed);
      }),
      host.onDidChangeTask(e => {
        if (e.connectionId === this.connectionId && e.taskId === this.taskId) this.render();
      }),
    );

    this.host.setWatched(this.connectionId, this.taskId, true);
    this.render();
    void this.refresh();
  }

  /** The model the panel shows now. */
  model(now = Date.now()): DetailsModel {
    const task = this.host.getTask(this.connectionId, this.taskId);
    const stored = this.host.getState(this.connectionId, this.taskId);
    const state = this.refreshError && !stored.error ? { ...stored, error: this.refreshError } : stored;
    return task
      ? buildDetailsModel(displayTask(task), state, labels(), now)
      : buildPlaceholderModel(this.connectionId, this.taskId, state, labels(), now);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (panels.get(panelKey(this.connectionId, this.taskId)) === this)
      panels.delete(panelKey(this.connectionId, this.taskId));
    this.host.setWatched(this.connectionId, this.taskId, false);
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.webviewPanel.dispose();
  }

  private render(): void {
    if (this.disposed) return;
    const model = this.model();
    this.webviewPanel.title = model.title;
    const message: ToWebviewMessage = { type: 'render', model };
    // A hidden page drops messages; it sends `ready` when it comes back and gets a fresh render then.
    void Promise.resolve(this.webviewPanel.webview.postMessage(message)).catch(() => undefined);
  }

  private async refresh(): Promise<void> {
    try {
      await this.host.refresh(this.connectionId, this.taskId);
      this.refreshError = undefined;
    } catch (e) {
      this.refreshError = errorText(e);
    }
    this.render();
  }

  private async handle(message: FromWebviewMessage): Promise<void> {
    if (this.disposed) return;
    const { connectionId, taskId } = this;
    // Buttons are drawn from the same rules, but the page is not trusted to enforce them.
    const task = this.host.getTask(connectionId, taskId);
    try {
      switch (message.type) {
        case 'ready':
          this.render();
          return;
        case 'refresh':
          await this.refresh();
          return;
        case 'cancel':
          if (task && task.capabilities.cancel && isActive(task.status)) await this.host.cancel(connectionId, taskId);
          return;
        case 'forceCancel':
          if (task && task.capabilities.forceCancel && isActive(task.status))
            await this.host.forceCancel(connectionId, taskId);
          return;
        case 'copyId':
          await vscode.env.clipboard.writeText(taskId);
          vscode.window.setStatusBarMessage(vscode.l10n.t('Copied task ID {0}', taskId), 3000);
          return;
        case 'openConsole': {
          const url = task?.capabilities.consoleUrl;
          if (!url) return;
          const uri = vscode.Uri.parse(url, true);
          // Only web pages: a provider-supplied `command:` or `file:` URI must not run or open anything locally.
          if (uri.scheme === 'https' || uri.scheme === 'http') await vscode.env.openExternal(uri);
          return;
        }
      }
    } catch (e) {
      void vscode.window.showErrorMessage(errorText(e));
    }
  }
}
