/**
 * The parts of the details page, each drawn from the model alone. A part the model has nothing for is null and
 * left out. Every word comes from `model.labels`: the page has no English of its own.
 */
import type { DetailsAction } from '../shared/detailsMessages';
import { ACTION_ICONS } from '../shared/actionIcons';
import type { DetailsModel } from '../shared/detailsModel';
import { el, fieldList, icon, live, progressBar, section } from './dom';

export function banners(model: DetailsModel): HTMLElement | null {
  if (!model.banners.length) return null;
  return el(
    'div',
    { className: 'banners' },
    model.banners.map(b =>
      el('div', { className: 'banner banner-' + b.kind, attrs: { role: b.kind === 'error' ? 'alert' : 'status' } }, [
        icon(b.icon),
        el('span', { text: b.text }),
      ]),
    ),
  );
}

export function header(model: DetailsModel): HTMLElement {
  const s = model.status;
  const status = el('p', { className: 'status status-' + s.value, attrs: { 'aria-live': 'polite' } }, [
    icon(s.icon, s.spin),
    el('span', { className: 'status-text', text: s.text }),
  ]);
  return el('header', { className: 'header' }, [el('h1', { text: model.name }), status, fieldList(model.fields)]);
}

interface ButtonOptions {
  title?: string;
  danger?: boolean;
  disabled?: boolean;
}

/** What a button does: the page posts the action, the panel decides whether it is allowed. */
export type PostAction = (action: DetailsAction) => void;

function button(
  post: PostAction,
  action: DetailsAction,
  label: string,
  codicon: string,
  o?: ButtonOptions,
): HTMLButtonElement {
  const b = el('button', { className: 'button' + (o?.danger ? ' danger' : ''), attrs: { type: 'button' } }, [
    icon(codicon),
    el('span', { text: label }),
  ]);
  b.dataset.action = action;
  if (o?.title) b.title = o.title;
  if (o?.disabled) b.disabled = true;
  b.addEventListener('click', () => post(action));
  return b;
}

export function toolbar(model: DetailsModel, post: PostAction): HTMLElement {
  const l = model.labels;
  const a = model.actions;
  return el('div', { className: 'toolbar', attrs: { role: 'group', 'aria-label': l.actions } }, [
    a.cancel && button(post, 'cancel', a.cancelLabel, ACTION_ICONS.cancel, { disabled: a.cancelDisabled }),
    a.forceCancel &&
      button(post, 'forceCancel', l.forceCancel, ACTION_ICONS.forceCancel, {
        danger: true,
        title: a.forceCancelTitle,
        disabled: a.cancelDisabled,
      }),
    button(post, 'copyId', l.copyId, ACTION_ICONS.copyId),
    button(post, 'refresh', l.refresh, ACTION_ICONS.refresh),
    a.openConsole && button(post, 'openConsole', l.openConsole, ACTION_ICONS.openConsole),
    a.pin && button(post, 'pin', l.pin, ACTION_ICONS.pin, { title: l.pinTitle }),
  ]);
}

export function progressSection(model: DetailsModel): HTMLElement | null {
  const l = model.labels;
  const p = model.progress;
  if (!p) return null;
  const children: HTMLElement[] = [progressBar(p.percent, p.indeterminate, l.progress, p.text)];
  if (model.remaining) children.push(fieldList([{ label: l.remaining, value: model.remaining }]));
  return section(l.progress, children, 'h-progress');
}

export function timesSection(model: DetailsModel): HTMLElement | null {
  if (!model.times.length) return null;
  return section(model.labels.times, [fieldList(model.times)], 'h-times');
}

export function stepsSection(model: DetailsModel): HTMLElement | null {
  const l = model.labels;
  if (!model.steps.length) return null;
  const list = el('ol', { className: 'steps' });
  for (const step of model.steps) {
    const li = el('li', { className: 'step' + (step.current ? ' current' : '') }, [
      el('div', { className: 'step-head' }, [
        step.current ? icon('arrow-right') : null,
        el('span', { className: 'step-name', text: step.name }),
        step.current ? el('span', { className: 'badge', text: l.currentStep }) : null,
        // The provider's own note on the step (AWS: when a node was updated, "member cluster", a backup's size),
        // shown as written: it is not always a place, so it is not worded as one ("on 6 GB").
        step.detail ? el('span', { className: 'step-detail', text: step.detail }) : null,
      ]),
      typeof step.percent === 'number'
        ? progressBar(step.percent, false, step.name, step.progressText ?? '', true)
        : null,
      step.remaining ? el('span', { className: 'step-remaining', text: l.remaining + ': ' + step.remaining }) : null,
    ]);
    if (step.current) li.setAttribute('aria-current', 'step');
    list.appendChild(li);
  }
  return section(l.steps, [list], 'h-steps');
}

/** A CRDB task's clusters, each with the state it reports: a table, not numbered steps. */
export function clustersSection(model: DetailsModel): HTMLElement | null {
  const l = model.labels;
  if (!model.clusters.length) return null;
  const head = el(
    'tr',
    undefined,
    [l.cluster, l.clusterState].map(h => el('th', { text: h, attrs: { scope: 'col' } })),
  );
  const body = el(
    'tbody',
    undefined,
    model.clusters.map(c =>
      el('tr', undefined, [el('th', { text: c.name, attrs: { scope: 'row' } }), el('td', { text: c.state })]),
    ),
  );
  const table = el('table', { className: 'clusters', attrs: { 'aria-labelledby': 'h-clusters' } }, [
    el('thead', undefined, [head]),
    body,
  ]);
  return section(l.clusters, [el('div', { className: 'table-scroll' }, [table])], 'h-clusters');
}

export function shardsSection(model: DetailsModel): HTMLElement | null {
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

export function errorsSection(model: DetailsModel): HTMLElement | null {
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

/** The raw payload, folded unless the person unfolded it before; `onToggle` lets the page remember that. */
export function rawSection(model: DetailsModel, open: boolean, onToggle: (open: boolean) => void): HTMLElement | null {
  const raw = model.raw;
  if (!raw) return null;
  const details = el('details', { className: 'raw' }, [
    el('summary', { text: model.labels.rawJson }),
    raw.note ? el('p', { className: 'note', text: raw.note }) : null,
    el('pre', undefined, [el('code', { text: raw.text })]),
  ]);
  details.open = open;
  details.addEventListener('toggle', () => onToggle(details.open));
  return details;
}
