/**
 * The details panels, showing the store's view of a task and sending the user's buttons back as host calls.
 * The panel never calls a provider itself: the host (the store and the command flows) does, and tells the panel
 * through `onDidChangeTask` when there is something new to show.
 *
 * Like editors, there is at most one *preview* panel: a single click on a task row shows that task in it, re-using
 * the tab and leaving the keyboard focus in the tree, so the arrow keys keep browsing. An explicit open ("Open Task
 * Details" from the menu or the palette, a double click, the panel's "Keep Open" button) pins it: the panel then
 * keeps its task, and the next click opens a new preview.
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
/** The one panel single clicks re-use, if it is open and not pinned. */
let previewPanel: TaskDetailsPanel | undefined;
/** The last preview open, to tell a double click (two opens of one task in quick succession) from two clicks. */
let lastPreviewOpen: { key: string; at: number } | undefined;

/** Two opens of the same task closer than this are a double click: VS Code's own double-click time is 500 ms. */
export const DOUBLE_CLICK_MS = 500;

/** How a panel is asked for: `preview` by a single click on a row, `pin` by every explicit open. */
export type OpenMode = 'preview' | 'pin';

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

  /**
   * Shows this task: in its own panel if one exists, else (`preview`) in the preview panel, else in a new panel.
   * A preview keeps the focus where it is (the tree); a pin moves it into the panel. `now` (epoch ms) tells a
   * double click from two single clicks.
   */
  static show(
    extensionUri: vscode.Uri,
    host: TaskDetailsHost,
    connectionId: string,
    taskId: string,
    mode: OpenMode = 'pin',
    now = Date.now(),
  ): TaskDetailsPanel {
    const key = panelKey(connectionId, taskId);
    if (mode === 'preview') {
      // The second open of a double click finds the panel the first one showed (closing it in between is no pin).
      const double = lastPreviewOpen?.key === key && now - lastPreviewOpen.at <= DOUBLE_CLICK_MS && panels.has(key);
      lastPreviewOpen = double ? undefined : { key, at: now };
      if (double) mode = 'pin';
    }
    const preserveFocus = mode === 'preview';
    const existing = panels.get(key);
    if (existing) {
      if (mode === 'pin') existing.pin();
      existing.webviewPanel.reveal(undefined, preserveFocus);
      return existing;
    }
    if (mode === 'preview' && previewPanel) {
      const panel = previewPanel;
      panel.showTask(connectionId, taskId);
      panel.webviewPanel.reveal(undefined, true);
      return panel;
    }
    const task = host.getTask(connectionId, taskId);
    const webviewPanel = vscode.window.createWebviewPanel(
      TaskDetailsPanel.viewType,
      task?.name ?? taskId,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus },
      { ...webviewOptions(extensionUri), enableFindWidget: true },
    );
    const panel = new TaskDetailsPanel(webviewPanel, extensionUri, host, connectionId, taskId, mode === 'preview');
    if (mode === 'preview') previewPanel = panel;
    return panel;
  }

  /** The preview panel, if one is open (for tests). */
  static preview(): TaskDetailsPanel | undefined {
    return previewPanel;
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
        // A restored preview stays one, unless a preview is already open (a second one would never be re-used).
        const preview = saved.preview && !previewPanel;
        const restored = new TaskDetailsPanel(panel, extensionUri, host, saved.connectionId, saved.taskId, preview);
        if (preview) previewPanel = restored;
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
    private connection: string,
    private task: string,
    private previewing: boolean,
  ) {
    panels.set(panelKey(connection, task), this);
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

  get connectionId(): string {
    return this.connection;
  }

  get taskId(): string {
    return this.task;
  }

  /** A preview is replaced by the next single click; a pinned panel keeps its task. */
  get isPreview(): boolean {
    return this.previewing && !this.disposed;
  }

  /** Makes the preview a panel of its own: the next single click opens a new preview. */
  pin(): void {
    if (!this.previewing) return;
    this.previewing = false;
    if (previewPanel === this) previewPanel = undefined;
    this.render();
  }

  /** The preview moves to another task: the old one is no longer watched by this panel, the new one is. */
  private showTask(connectionId: string, taskId: string): void {
    const old = panelKey(this.connection, this.task);
    if (panels.get(old) === this) panels.delete(old);
    this.host.setWatched(this.connection, this.task, false);
    this.connection = connectionId;
    this.task = taskId;
    this.refreshError = undefined;
    panels.set(panelKey(connectionId, taskId), this);
    this.host.setWatched(connectionId, taskId, this.webviewPanel.visible);
    this.render();
    void this.refresh();
  }

  /** A cancel is on its way: the buttons are disabled on the page, and a page that posts anyway is not obeyed. */
  private cancelling(): boolean {
    return this.host.getState(this.connectionId, this.taskId).cancelling;
  }

  /** The model the panel shows now. */
  model(now = Date.now()): DetailsModel {
    const task = this.host.getTask(this.connectionId, this.taskId);
    const stored = this.host.getState(this.connectionId, this.taskId);
    const state = {
      ...(this.refreshError && !stored.error ? { ...stored, error: this.refreshError } : stored),
      preview: this.previewing,
    };
    return task
      ? buildDetailsModel(displayTask(task), state, labels(), now)
      : buildPlaceholderModel(this.connectionId, this.taskId, state, labels(), now);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (panels.get(panelKey(this.connectionId, this.taskId)) === this)
      panels.delete(panelKey(this.connectionId, this.taskId));
    if (previewPanel === this) previewPanel = undefined;
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
    const { connectionId, taskId } = this;
    let error: string | undefined;
    try {
      await this.host.refresh(connectionId, taskId);
    } catch (e) {
      error = errorText(e);
    }
    // The preview may have moved to another task meanwhile: this answer is not about what it shows now.
    if (connectionId !== this.connectionId || taskId !== this.taskId) return;
    this.refreshError = error;
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
        case 'pin':
          this.pin();
          return;
        case 'cancel':
          if (task && task.capabilities.cancel && isActive(task.status) && !this.cancelling())
            await this.host.cancel(connectionId, taskId);
          return;
        case 'forceCancel':
          if (task && task.capabilities.forceCancel && isActive(task.status) && !this.cancelling())
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
