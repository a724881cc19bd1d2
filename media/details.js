// @ts-check
// The task details page. It has no text of its own: the extension posts `{type: 'render', model}` with the data and
// every label already localised. The DOM is built with createElement/textContent only, so text from a server (a task
// name like `<img src=x onerror=…>`) is shown as text and never parsed as HTML.
(function () {
  'use strict';

  // @ts-ignore: provided by the webview host.
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('root'));

  /** @type {any} */
  let model = null;
  /** The extension's clock minus ours: ages tick on the clock the data was stamped with (the emulator's, in tests). */
  let skew = 0;
  const saved = vscode.getState();
  let rawOpen = Boolean(saved && saved.rawOpen === true);

  /** @param {string} template @param {...(string|number)} args */
  function fill(template, ...args) {
    return String(template).replace(/\{(\d+)\}/g, (match, i) =>
      args[Number(i)] === undefined ? match : String(args[Number(i)]),
    );
  }

  /** Same steps as formatDuration in src/extension/details/model.ts. @param {number} total */
  function formatDuration(total) {
    const l = model.labels;
    const s = Math.max(0, Math.floor(total));
    if (s < 60) return fill(l.durationSeconds, s);
    if (s < 3600) return fill(l.durationMinutes, Math.floor(s / 60), s % 60);
    if (s < 86400) return fill(l.durationHours, Math.floor(s / 3600), Math.floor((s % 3600) / 60));
    return fill(l.durationDays, Math.floor(s / 86400), Math.floor((s % 86400) / 3600));
  }

  /**
   * @param {string} tag
   * @param {{className?: string, text?: string, attrs?: Record<string, string>}} [options]
   * @param {Array<Node|null|undefined|false>} [children]
   */
  // Bidirectional controls let a server make "gifnoc" read as "config": show them as visible marks instead.
  const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
  /** @param {string} text */
  function visible(text) {
    return String(text).replace(BIDI_CONTROLS, c => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`);
  }

  function el(tag, options, children) {
    const node = document.createElement(tag);
    if (options) {
      if (options.className) node.className = options.className;
      if (options.text !== undefined) node.textContent = visible(options.text);
      if (options.attrs) for (const [k, v] of Object.entries(options.attrs)) node.setAttribute(k, v);
    }
    if (children) for (const c of children) if (c) node.appendChild(c);
    return node;
  }

  /** @param {string} name @param {boolean} [spin] */
  function icon(name, spin) {
    return el('span', {
      className: 'codicon codicon-' + name + (spin ? ' codicon-modifier-spin' : ''),
      attrs: { 'aria-hidden': 'true' },
    });
  }

  /** @param {string} title @param {Array<Node|null|undefined|false>} children @param {string} id */
  function section(title, children, id) {
    return el('section', { className: 'section', attrs: { 'aria-labelledby': id } }, [
      el('h2', { text: title, attrs: { id } }),
      ...children,
    ]);
  }

  /** @param {Array<{label: string, value: string, liveSince?: number}>} rows */
  function fieldList(rows) {
    const dl = el('dl', { className: 'fields' });
    for (const row of rows) {
      dl.appendChild(el('dt', { text: row.label }));
      const dd = el('dd', { text: row.value });
      if (typeof row.liveSince === 'number') live(dd, row.liveSince, 'elapsed');
      dl.appendChild(dd);
    }
    return dl;
  }

  /** Marks an element whose text is an age that ticks every second. @param {HTMLElement} node @param {number} since @param {'ago'|'elapsed'} kind */
  function live(node, since, kind) {
    node.dataset.since = String(since);
    node.dataset.live = kind;
    node.classList.add('live');
  }

  /**
   * @param {number|undefined} percent @param {boolean} indeterminate @param {string} label @param {string} text
   * @param {boolean} [small]
   */
  function progressBar(percent, indeterminate, label, text, small) {
    const bar = el('div', { className: 'bar' });
    const track = el(
      'div',
      {
        className: 'track' + (small ? ' small' : '') + (indeterminate ? ' indeterminate' : ''),
        attrs: { role: 'progressbar', 'aria-label': label, 'aria-valuemin': '0', 'aria-valuemax': '100' },
      },
      [bar],
    );
    if (typeof percent === 'number') {
      track.setAttribute('aria-valuenow', String(percent));
      track.setAttribute('aria-valuetext', text);
      // CSSOM from this nonce'd script: allowed by the CSP, unlike a style="" attribute.
      bar.style.width = percent + '%';
    }
    return el('div', { className: 'progress' }, [track, el('span', { className: 'progress-text', text })]);
  }

  function banners() {
    if (!model.banners.length) return null;
    return el(
      'div',
      { className: 'banners' },
      model.banners.map((/** @type {any} */ b) =>
        el('div', { className: 'banner banner-' + b.kind, attrs: { role: b.kind === 'error' ? 'alert' : 'status' } }, [
          icon(b.icon, b.kind === 'cancelling'),
          el('span', { text: b.text }),
        ]),
      ),
    );
  }

  function header() {
    const s = model.status;
    const status = el('p', { className: 'status status-' + s.value, attrs: { 'aria-live': 'polite' } }, [
      icon(s.icon, s.spin),
      el('span', { className: 'status-text', text: s.text }),
      s.providerStatus ? el('span', { className: 'provider-status', text: '(' + s.providerStatus + ')' }) : null,
    ]);
    return el('header', { className: 'header' }, [
      el('h1', { text: model.name }),
      status,
      model.target ? el('p', { className: 'target', text: model.target }) : null,
      fieldList(model.fields),
    ]);
  }

  /** @param {string} action @param {string} label @param {string} codicon @param {{title?: string, danger?: boolean, disabled?: boolean}} [o] */
  function button(action, label, codicon, o) {
    const b = /** @type {HTMLButtonElement} */ (
      el('button', { className: 'button' + (o && o.danger ? ' danger' : ''), attrs: { type: 'button' } }, [
        icon(codicon),
        el('span', { text: label }),
      ])
    );
    b.dataset.action = action;
    if (o && o.title) b.title = o.title;
    if (o && o.disabled) b.disabled = true;
    b.addEventListener('click', () => vscode.postMessage({ type: action }));
    return b;
  }

  function toolbar() {
    const l = model.labels;
    const a = model.actions;
    return el('div', { className: 'toolbar', attrs: { role: 'group', 'aria-label': l.actions } }, [
      a.cancel && button('cancel', l.cancel, 'stop-circle', { disabled: a.cancelDisabled }),
      a.forceCancel && button('forceCancel', l.forceCancel, 'warning', { danger: true, title: l.forceCancelTitle }),
      button('copyId', l.copyId, 'copy'),
      button('refresh', l.refresh, 'refresh'),
      a.openConsole && button('openConsole', l.openConsole, 'link-external'),
    ]);
  }

  function progressSection() {
    const l = model.labels;
    const p = model.progress;
    if (!p) return null;
    const children = [progressBar(p.percent, p.indeterminate, l.progress, p.text)];
    if (model.remaining) children.push(fieldList([{ label: l.remaining, value: model.remaining }]));
    return section(l.progress, children, 'h-progress');
  }

  function timesSection() {
    if (!model.times.length) return null;
    return section(model.labels.times, [fieldList(model.times)], 'h-times');
  }

  function stepsSection() {
    const l = model.labels;
    if (!model.steps.length) return null;
    const list = el('ol', { className: 'steps' });
    for (const step of model.steps) {
      const li = el('li', { className: 'step' + (step.current ? ' current' : '') }, [
        el('div', { className: 'step-head' }, [
          step.current ? icon('arrow-right') : null,
          el('span', { className: 'step-name', text: step.name }),
          step.current ? el('span', { className: 'badge', text: l.currentStep }) : null,
          step.detail ? el('span', { className: 'step-detail', text: fill(l.stepRunsOn, step.detail) }) : null,
        ]),
        typeof step.percent === 'number' ? progressBar(step.percent, false, step.name, step.progressText, true) : null,
        step.remaining ? el('span', { className: 'step-remaining', text: l.remaining + ': ' + step.remaining }) : null,
      ]);
      if (step.current) li.setAttribute('aria-current', 'step');
      list.appendChild(li);
    }
    return section(l.steps, [list], 'h-steps');
  }

  function shardsSection() {
    const l = model.labels;
    if (!model.shards.length) return null;
    const head = el(
      'tr',
      undefined,
      [l.shard, l.operation, l.shardStatus, l.progress, l.heartbeat].map(h =>
        el('th', { text: h, attrs: { scope: 'col' } }),
      ),
    );
    const body = el('tbody');
    for (const shard of model.shards) {
      const heartbeat = el('td', { text: typeof shard.heartbeatAt === 'number' ? '' : l.notReported });
      if (typeof shard.heartbeatAt === 'number') {
        live(heartbeat, shard.heartbeatAt, 'ago');
        heartbeat.title = new Date(shard.heartbeatAt).toLocaleString(l.locale);
      }
      body.appendChild(
        el('tr', undefined, [
          el('th', { text: shard.shardId, attrs: { scope: 'row' } }),
          el('td', { text: shard.operation }),
          el('td', { text: shard.status }),
          el('td', undefined, [
            typeof shard.percent === 'number'
              ? progressBar(shard.percent, false, l.shard + ' ' + shard.shardId, shard.progressText, true)
              : null,
          ]),
          heartbeat,
        ]),
      );
    }
    const table = el('table', { className: 'shards', attrs: { 'aria-labelledby': 'h-shards' } }, [
      el('thead', undefined, [head]),
      body,
    ]);
    return section(l.shards, [el('div', { className: 'table-scroll' }, [table])], 'h-shards');
  }

  function errorsSection() {
    if (!model.errors.length) return null;
    const list = el('ul', { className: 'errors' });
    for (const e of model.errors) {
      list.appendChild(
        el('li', { className: 'error' }, [
          icon('error'),
          el('span', { className: 'error-message', text: e.message }),
          e.code ? el('code', { className: 'error-code', text: e.code }) : null,
          e.where ? el('span', { className: 'error-where', text: e.where }) : null,
        ]),
      );
    }
    return section(model.labels.errors, [list], 'h-errors');
  }

  function rawSection() {
    const raw = model.raw;
    if (!raw) return null;
    const details = /** @type {HTMLDetailsElement} */ (
      el('details', { className: 'raw' }, [
        el('summary', { text: model.labels.rawJson }),
        raw.note ? el('p', { className: 'note', text: raw.note }) : null,
        el('pre', undefined, [el('code', { text: raw.text })]),
      ])
    );
    details.open = rawOpen;
    details.addEventListener('toggle', () => {
      rawOpen = details.open;
      saveState();
    });
    return details;
  }

  function saveState() {
    if (!model) return;
    // What the panel serializer needs to reopen this task after a window reload.
    vscode.setState({ connectionId: model.connectionId, taskId: model.taskId, rawOpen });
  }

  function tick() {
    if (!model) return;
    const now = Date.now() + skew;
    for (const node of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('[data-live]'))) {
      const seconds = (now - Number(node.dataset.since)) / 1000;
      const text = formatDuration(seconds);
      node.textContent = fill(node.dataset.live === 'ago' ? model.labels.ago : model.labels.elapsed, text);
    }
  }

  /** @param {any} next */
  function render(next) {
    const focused = /** @type {HTMLElement|null} */ (document.activeElement);
    const focusedAction = focused && focused.dataset ? focused.dataset.action : undefined;
    model = next;
    skew = model.now - Date.now();
    document.title = model.title;
    root.replaceChildren(
      ...[
        banners(),
        header(),
        toolbar(),
        progressSection(),
        timesSection(),
        stepsSection(),
        shardsSection(),
        errorsSection(),
        rawSection(),
      ].filter(/** @returns {n is HTMLElement} */ n => Boolean(n)),
    );
    root.setAttribute('aria-busy', model.loaded ? 'false' : 'true');
    tick();
    saveState();
    // A re-render every poll must not throw keyboard users out of the toolbar.
    if (focusedAction) {
      for (const b of /** @type {NodeListOf<HTMLButtonElement>} */ (root.querySelectorAll('button[data-action]'))) {
        if (b.dataset.action === focusedAction && !b.disabled) b.focus();
      }
    }
  }

  window.addEventListener('message', event => {
    const message = event.data;
    if (!message || typeof message !== 'object' || message.type !== 'render') return;
    const next = message.model;
    if (!next || typeof next !== 'object' || !next.labels || !next.status) return;
    render(next);
  });

  setInterval(tick, 1000);
  vscode.postMessage({ type: 'ready' });
})();
