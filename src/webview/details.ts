/**
 * The task details page. It has no text of its own: the extension posts `{type: 'render', model}` with the data and
 * every label already localised, and the page turns the model into DOM nodes (./sections.ts, ./dom.ts).
 */
import { parseRenderMessage, type DetailsWebviewState, type FromWebviewMessage } from '../shared/detailsMessages';
import type { DetailsModel } from '../shared/detailsModel';
import { fill, formatDuration } from '../shared/format';
import {
  banners,
  clustersSection,
  errorsSection,
  header,
  progressSection,
  rawSection,
  shardsSection,
  stepsSection,
  timesSection,
  toolbar,
} from './sections';

const vscode = acquireVsCodeApi<FromWebviewMessage, Partial<DetailsWebviewState>>();
const root = document.getElementById('root') as HTMLElement;

let model: DetailsModel | undefined;
/** The extension's clock minus ours: ages tick on the clock the data was stamped with (the emulator's, in tests). */
let skew = 0;
let rawOpen = vscode.getState()?.rawOpen === true;

function saveState(): void {
  if (!model) return;
  // What the panel serializer needs to reopen this task after a window reload.
  vscode.setState({ connectionId: model.connectionId, taskId: model.taskId, preview: model.actions.pin, rawOpen });
}

function tick(): void {
  if (!model) return;
  const now = Date.now() + skew;
  for (const node of root.querySelectorAll<HTMLElement>('[data-live]')) {
    const seconds = (now - Number(node.dataset.since)) / 1000;
    const text = formatDuration(seconds, model.labels);
    node.textContent = fill(node.dataset.live === 'ago' ? model.labels.ago : model.labels.elapsed, text);
  }
}

function render(next: DetailsModel): void {
  const focused = document.activeElement as HTMLElement | null;
  const focusedAction = focused && focused.dataset ? focused.dataset.action : undefined;
  model = next;
  skew = next.now - Date.now();
  document.title = next.title;
  const parts = [
    banners(next),
    header(next),
    toolbar(next, type => vscode.postMessage({ type })),
    progressSection(next),
    timesSection(next),
    stepsSection(next),
    clustersSection(next),
    shardsSection(next),
    errorsSection(next),
    rawSection(next, rawOpen, open => {
      rawOpen = open;
      saveState();
    }),
  ];
  root.replaceChildren(...parts.filter((n): n is HTMLElement => Boolean(n)));
  root.setAttribute('aria-busy', next.loaded ? 'false' : 'true');
  tick();
  saveState();
  // A re-render every poll must not throw keyboard users out of the toolbar.
  if (focusedAction) {
    for (const b of root.querySelectorAll<HTMLButtonElement>('button[data-action]')) {
      if (b.dataset.action === focusedAction && !b.disabled) b.focus();
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const next = parseRenderMessage(event.data);
  if (next) render(next);
});

setInterval(tick, 1000);
vscode.postMessage({ type: 'ready' });
