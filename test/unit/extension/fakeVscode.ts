/**
 * A small stand-in for the `vscode` module, enough for the tree, the formatting and the cancel flow to run in plain
 * mocha. Importing this file (first) makes `require('vscode')` return it to the extension's modules (not to src/core & co.).
 */
import { provideFakeVscode } from '../support/vscodeModule';

type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (l: Listener<T>) => {
    this.listeners.push(l);
    return {
      dispose: () => {
        this.listeners = this.listeners.filter(x => x !== l);
      },
    };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class ThemeColor {
  constructor(readonly id: string) {}
}
export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class MarkdownString {
  value = '';
  supportThemeIcons = false;
  constructor(value = '') {
    this.value = value;
  }
  appendMarkdown(v: string): this {
    this.value += v;
    return this;
  }
  appendText(v: string): this {
    this.value += v;
    return this;
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}
export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}
export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
  WorkspaceFolder = 3,
}
export enum QuickPickItemKind {
  Separator = -1,
  Default = 0,
}
export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}

export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: unknown;
  iconPath?: unknown;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  accessibilityInformation?: { label: string; role?: string };
  constructor(
    public label: string,
    public collapsibleState?: TreeItemCollapsibleState,
  ) {}
}

function format(message: string, args: unknown[]): string {
  return message.replace(/\{(\d+)\}/g, (m, i) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

export const l10n = {
  t(message: string, ...args: unknown[]): string {
    return format(message, args);
  },
};

export const env = {
  language: 'en',
  clipboard: {
    text: '',
    async writeText(t: string) {
      env.clipboard.text = t;
    },
  },
};

export const window = {
  /** Runs the task at once; nothing cancels it. */
  withProgress<T>(_options: unknown, task: (progress: unknown, token: unknown) => Promise<T>): Promise<T> {
    return task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) });
  },
  createStatusBarItem() {
    return {
      text: '',
      tooltip: undefined as unknown,
      command: undefined as unknown,
      name: '',
      visible: false,
      accessibilityInformation: undefined as unknown,
      show() {
        this.visible = true;
      },
      hide() {
        this.visible = false;
      },
      dispose() {},
    };
  },
};

export const settings: Record<string, unknown> = {};
export const workspace = {
  getConfiguration(section: string) {
    return {
      get: <T>(key: string): T | undefined => settings[`${section}.${key}`] as T | undefined,
      update: async (key: string, value: unknown) => {
        settings[`${section}.${key}`] = value;
      },
    };
  },
  onDidChangeConfiguration: () => ({ dispose() {} }),
};

const fake = {
  EventEmitter,
  ThemeColor,
  ThemeIcon,
  MarkdownString,
  TreeItem,
  TreeItemCollapsibleState,
  StatusBarAlignment,
  ConfigurationTarget,
  ProgressLocation,
  QuickPickItemKind,
  l10n,
  env,
  window,
  workspace,
};

// For as long as the extension suites run (mocha loads every file before it runs any); only the extension layer sees it.
provideFakeVscode(fake);

export default fake;
