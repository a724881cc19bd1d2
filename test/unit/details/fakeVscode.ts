/**
 * Just enough of the `vscode` module for the details panel, recording what the panel does. Loaded in place of
 * `vscode` only while the panel module is required (see loadPanelModule), so it cannot leak into other suites.
 */
import { provideFakeVscode } from '../support/vscodeModule';

type Listener<T> = (e: T) => unknown;

export class FakeEmitter<T> {
  private listeners: Array<Listener<T>> = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return {
      dispose: () => {
        this.listeners = this.listeners.filter(l => l !== listener);
      },
    };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  get count(): number {
    return this.listeners.length;
  }
}

export class FakeUri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  toString(): string {
    return `${this.scheme}:${this.path}`;
  }
  static joinPath(base: FakeUri, ...parts: string[]): FakeUri {
    return new FakeUri(base.scheme, [base.path, ...parts].join('/'));
  }
  static parse(value: string): FakeUri {
    const i = value.indexOf(':');
    if (i <= 0) throw new Error('no scheme');
    return new FakeUri(value.slice(0, i), value.slice(i + 1));
  }
}

export class FakeWebviewPanel {
  title: string;
  visible = true;
  disposed = false;
  revealed = 0;
  /** `preserveFocus` of each reveal: true leaves the keyboard focus where it was (the tree). */
  readonly reveals: Array<boolean | undefined> = [];
  readonly posted: unknown[] = [];
  readonly disposeEmitter = new FakeEmitter<void>();
  readonly viewStateEmitter = new FakeEmitter<unknown>();
  readonly messageEmitter = new FakeEmitter<unknown>();
  readonly onDidDispose = this.disposeEmitter.event;
  readonly onDidChangeViewState = this.viewStateEmitter.event;
  readonly webview = {
    html: '',
    options: {} as unknown,
    cspSource: 'vscode-webview://fake',
    asWebviewUri: (uri: FakeUri) => new FakeUri('vscode-webview', `//fake${uri.path}`),
    postMessage: (m: unknown) => {
      this.posted.push(m);
      return Promise.resolve(true);
    },
    onDidReceiveMessage: this.messageEmitter.event,
  };

  constructor(
    readonly viewType: string,
    title: string,
    readonly column: unknown,
    readonly options: Record<string, unknown>,
  ) {
    this.title = title;
  }
  reveal(_column?: unknown, preserveFocus?: boolean): void {
    this.revealed++;
    this.reveals.push(preserveFocus);
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
  }
  /** The user sends a message from the page. */
  send(message: unknown): void {
    this.messageEmitter.fire(message);
  }
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.viewStateEmitter.fire({ webviewPanel: this });
  }
}

export interface Serializer {
  deserializeWebviewPanel(panel: FakeWebviewPanel, state: unknown): Promise<void>;
}

export function createFakeVscode() {
  const record = {
    panels: [] as FakeWebviewPanel[],
    serializers: new Map<string, Serializer>(),
    clipboard: [] as string[],
    opened: [] as string[],
    errors: [] as string[],
    statusMessages: [] as string[],
  };
  const vscode = {
    Uri: FakeUri,
    ViewColumn: { Active: -1, One: 1 },
    l10n: {
      t: (message: string, ...args: unknown[]) =>
        message.replace(/\{(\d+)\}/g, (m, i: string) => String(args[Number(i)] ?? m)),
    },
    env: {
      language: 'en',
      clipboard: {
        writeText: async (text: string) => {
          record.clipboard.push(text);
        },
      },
      openExternal: async (uri: FakeUri) => {
        record.opened.push(uri.toString());
        return true;
      },
    },
    window: {
      createWebviewPanel: (viewType: string, title: string, column: unknown, options: Record<string, unknown>) => {
        const panel = new FakeWebviewPanel(viewType, title, column, options);
        record.panels.push(panel);
        return panel;
      },
      registerWebviewPanelSerializer: (viewType: string, serializer: Serializer) => {
        record.serializers.set(viewType, serializer);
        return { dispose: () => record.serializers.delete(viewType) };
      },
      setStatusBarMessage: (text: string) => {
        record.statusMessages.push(text);
        return { dispose() {} };
      },
      showErrorMessage: async (text: string) => {
        record.errors.push(text);
        return undefined;
      },
    },
  };
  return { vscode, record };
}

/** Requires `modulePath` (fresh, with its details-folder dependencies) with `vscode` resolved to `fake`. */
export function loadWithFakeVscode<T>(modulePath: string, fake: unknown, freshModules: string[]): T {
  for (const m of [modulePath, ...freshModules]) delete require.cache[require.resolve(m)];
  const restore = provideFakeVscode(fake);
  try {
    return require(modulePath) as T;
  } finally {
    restore();
  }
}
