// Item 3, in a fresh plain-node process (no tsx hooks): load the BUILT dist/extension.js with a minimal fake `vscode`
// host, run activate(), and report the times and whether a socket was opened. `undici` as argument: the baseline,
// the cold load of undici alone.
'use strict';
const Module = require('node:module');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

if (process.argv[2] === 'undici') {
  const t0 = process.hrtime.bigint();
  require(require.resolve('undici', { paths: [root] }));
  process.stdout.write(`${JSON.stringify({ loadMs: Number(process.hrtime.bigint() - t0) / 1e6 })}\n`);
  process.exit(0);
}

// Every socket the extension might open goes through here.
let connects = 0;
const realConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  connects++;
  return realConnect.apply(this, args);
};

/** Any member is a no-op function that returns a disposable, an event or a value that can be used the same way. */
function loose(name) {
  const fn = function () {
    return loose(`${name}()`);
  };
  const values = new Map();
  return new Proxy(fn, {
    get(_target, prop) {
      if (prop === 'then') return undefined; // not a promise
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === 'dispose') return () => undefined;
      if (!values.has(prop)) values.set(prop, loose(`${name}.${String(prop)}`));
      return values.get(prop);
    },
    set(_target, prop, value) {
      values.set(prop, value);
      return true;
    },
  });
}

class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = l => {
      this.listeners.push(l);
      return {
        dispose: () => {
          this.listeners = this.listeners.filter(x => x !== l);
        },
      };
    };
  }
  fire(e) {
    for (const l of [...this.listeners]) l(e);
  }
  dispose() {
    this.listeners = [];
  }
}
class TreeItem {
  constructor(label, collapsibleState) {
    this.label = label;
    this.collapsibleState = collapsibleState;
  }
}
class ThemeIcon {
  constructor(id, color) {
    this.id = id;
    this.color = color;
  }
}
class ThemeColor {
  constructor(id) {
    this.id = id;
  }
}
class MarkdownString {
  constructor(v = '') {
    this.value = v;
  }
  appendMarkdown(v) {
    this.value += v;
    return this;
  }
  appendText(v) {
    this.value += v;
    return this;
  }
}
class Disposable {
  constructor(f) {
    this.f = f;
  }
  dispose() {
    this.f?.();
  }
  static from(...d) {
    return new Disposable(() => d.forEach(x => x.dispose()));
  }
}
const noEvent = () => ({ dispose() {} });
const settings = { get: (_k, d) => d, has: () => false, inspect: () => undefined, update: async () => undefined };

const treeViews = [];
const commands = new Map();
const vscode = new Proxy(
  {
    EventEmitter,
    TreeItem,
    ThemeIcon,
    ThemeColor,
    MarkdownString,
    Disposable,
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    Uri: {
      file: p => ({ fsPath: p, path: p, scheme: 'file', toString: () => `file://${p}` }),
      joinPath: (u, ...p) => ({ ...u, fsPath: path.join(u.fsPath, ...p) }),
      parse: s => ({ toString: () => s }),
    },
    l10n: {
      t: (m, ...a) =>
        typeof m === 'string' ? m.replace(/\{(\d+)\}/g, (x, i) => (a[i] !== undefined ? String(a[i]) : x)) : m.message,
    },
    env: { clipboard: { writeText: async () => undefined }, openExternal: async () => true, language: 'en' },
    commands: {
      registerCommand: (id, fn) => {
        commands.set(id, fn);
        return { dispose() {} };
      },
      executeCommand: async () => undefined,
    },
    window: new Proxy(
      {
        state: { focused: true },
        createTreeView: id => {
          const v = {
            id,
            visible: false,
            onDidChangeVisibility: noEvent,
            onDidChangeSelection: noEvent,
            onDidExpandElement: noEvent,
            onDidCollapseElement: noEvent,
            dispose() {},
            reveal: async () => undefined,
          };
          treeViews.push(v);
          return v;
        },
        createStatusBarItem: () => loose('statusBarItem'),
        createOutputChannel: () => loose('outputChannel'),
        registerWebviewPanelSerializer: () => ({ dispose() {} }),
        onDidChangeWindowState: noEvent,
      },
      { get: (t, p) => (p in t ? t[p] : p.toString().startsWith('onDid') ? noEvent : loose(`window.${String(p)}`)) },
    ),
    workspace: new Proxy(
      {
        getConfiguration: () => settings,
        onDidChangeConfiguration: noEvent,
      },
      { get: (t, p) => (p in t ? t[p] : p.toString().startsWith('onDid') ? noEvent : loose(`workspace.${String(p)}`)) },
    ),
  },
  { get: (t, p) => (p in t ? t[p] : loose(`vscode.${String(p)}`)) },
);

const realLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return realLoad.call(this, request, parent, isMain);
};

const memento = () => {
  const m = new Map();
  return {
    get: (k, d) => (m.has(k) ? m.get(k) : d),
    update: async (k, v) => {
      m.set(k, v);
    },
    keys: () => [...m.keys()],
    setKeysForSync() {},
  };
};
const context = {
  subscriptions: [],
  extensionUri: vscode.Uri.file(root),
  extensionPath: root,
  globalState: memento(),
  workspaceState: memento(),
  secrets: {
    get: async () => undefined,
    store: async () => undefined,
    delete: async () => undefined,
    onDidChange: noEvent,
  },
  extensionMode: 1,
  asAbsolutePath: p => path.join(root, p),
  logUri: vscode.Uri.file('/tmp'),
  globalStorageUri: vscode.Uri.file('/tmp'),
  storageUri: undefined,
};

(async () => {
  const t0 = process.hrtime.bigint();
  const ext = require(path.join(root, 'dist/extension.js'));
  const t1 = process.hrtime.bigint();
  const api = ext.activate(context);
  const t2 = process.hrtime.bigint();
  const connectsDuringActivate = connects;
  // Anything activation scheduled (timers, promises) gets its chance to touch the network.
  await new Promise(r => setTimeout(r, 50));
  const loaded = Object.keys(require.cache);
  const out = {
    requireMs: Number(t1 - t0) / 1e6,
    activateMs: Number(t2 - t1) / 1e6,
    totalMs: Number(t2 - t0) / 1e6,
    activateReturnedPromise: !!(api && typeof api.then === 'function'),
    connectsDuringActivate,
    connectsAfter50ms: connects,
    undiciLoaded: loaded.some(f => f.includes(`${path.sep}undici${path.sep}`)),
    providersLoaded: loaded.some(
      f => f.includes(`${path.sep}providers${path.sep}`) || f.endsWith(`${path.sep}http.js`),
    ),
    commands: commands.size,
    treeViews: treeViews.length,
  };
  for (const d of context.subscriptions) {
    try {
      d.dispose();
    } catch {
      /* a fake host's leftovers */
    }
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
})().catch(e => {
  process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});
