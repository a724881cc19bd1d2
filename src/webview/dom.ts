/**
 * DOM building blocks of the details page. Text only ever reaches the page through `textContent`, so a task name
 * like `<img src=x onerror=…>` from a server is shown as text and never parsed as HTML.
 */
import { showBidiControls } from '../core/text';
import type { DetailsField, DetailsTime } from '../shared/detailsModel';

export type Child = Node | null | undefined | false;

export interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options?: ElementOptions,
  children?: readonly Child[],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options) {
    if (options.className) node.className = options.className;
    // Bidirectional controls let a server make "gifnoc" read as "config": the same visible marks as in the tree.
    // String(): the model is typed, but it arrived by message, and a number must not break the page.
    if (options.text !== undefined) node.textContent = showBidiControls(String(options.text));
    if (options.attrs) for (const [k, v] of Object.entries(options.attrs)) node.setAttribute(k, v);
  }
  if (children) for (const c of children) if (c) node.appendChild(c);
  return node;
}

export function icon(name: string, spin?: boolean): HTMLSpanElement {
  return el('span', {
    className: 'codicon codicon-' + name + (spin ? ' codicon-modifier-spin' : ''),
    attrs: { 'aria-hidden': 'true' },
  });
}

export function section(title: string, children: readonly Child[], id: string): HTMLElement {
  return el('section', { className: 'section', attrs: { 'aria-labelledby': id } }, [
    el('h2', { text: title, attrs: { id } }),
    ...children,
  ]);
}

/** What a live element shows: the time since (`ago`) or the running total (`elapsed`), ticked by the page. */
export type LiveKind = 'ago' | 'elapsed';

/** Marks an element whose text is an age that ticks every second. */
export function live(node: HTMLElement, since: number, kind: LiveKind): void {
  node.dataset.since = String(since);
  node.dataset.live = kind;
  node.classList.add('live');
}

export function fieldList(rows: ReadonlyArray<DetailsField | DetailsTime>): HTMLDListElement {
  const dl = el('dl', { className: 'fields' });
  for (const row of rows) {
    dl.appendChild(el('dt', { text: row.label }));
    const dd = el('dd', { text: row.value });
    if ('liveSince' in row && typeof row.liveSince === 'number') live(dd, row.liveSince, 'elapsed');
    dl.appendChild(dd);
  }
  return dl;
}

export function progressBar(
  percent: number | undefined,
  indeterminate: boolean,
  label: string,
  text: string,
  small?: boolean,
): HTMLDivElement {
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
