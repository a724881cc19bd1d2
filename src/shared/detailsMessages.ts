/**
 * The messages between the details panel and its webview, and the state the webview saves. Whatever crosses the
 * boundary is untrusted on arrival (a compromised or buggy page can post anything; a stale page can receive a model
 * from an older extension), so each side parses it here and drops what it does not know.
 */
import type { DetailsModel } from './detailsModel';

/** Extension → webview. */
export type ToWebviewMessage = { type: 'render'; model: DetailsModel };

/** Webview → extension. `ready` asks for the current model after the page (re)loads. */
export type FromWebviewMessage =
  | { type: 'ready' }
  | { type: 'cancel' }
  | { type: 'forceCancel' }
  | { type: 'copyId' }
  | { type: 'refresh' }
  | { type: 'openConsole' }
  | { type: 'pin' };

/** The buttons of the page: every webview → extension message but `ready`. */
export type DetailsAction = Exclude<FromWebviewMessage['type'], 'ready'>;

const FROM_WEBVIEW_TYPES: ReadonlySet<string> = new Set<FromWebviewMessage['type']>([
  'ready',
  'cancel',
  'forceCancel',
  'copyId',
  'refresh',
  'openConsole',
  'pin',
]);

/**
 * The message as a known command, or undefined. Only the type is read: the ids and URLs the commands act on come from
 * the panel itself, never from the page.
 */
export function parseWebviewMessage(message: unknown): FromWebviewMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const type = (message as { type?: unknown }).type;
  if (typeof type !== 'string' || !FROM_WEBVIEW_TYPES.has(type)) return undefined;
  return { type } as FromWebviewMessage;
}

/**
 * The model of a render message, or undefined. The webview checks only what it reads before anything else (the
 * labels and the status): the model comes from our own extension, so this guards against a half-sent message, not
 * against a forgery.
 */
export function parseRenderMessage(message: unknown): DetailsModel | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, model } = message as { type?: unknown; model?: unknown };
  if (type !== 'render' || typeof model !== 'object' || model === null) return undefined;
  const { labels, status } = model as { labels?: unknown; status?: unknown };
  return labels && status ? (model as DetailsModel) : undefined;
}

/** What the serializer needs to reopen the panel after a reload. */
export interface DetailsPanelState {
  connectionId: string;
  taskId: string;
  /** The panel was the preview (re-used by single clicks) rather than pinned. */
  preview: boolean;
}

/** What the webview saves with `setState`: the panel state, and whether the raw JSON is unfolded. */
export interface DetailsWebviewState extends DetailsPanelState {
  rawOpen: boolean;
}

export function parsePanelState(state: unknown): DetailsPanelState | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { connectionId, taskId, preview } = state as { connectionId?: unknown; taskId?: unknown; preview?: unknown };
  if (typeof connectionId !== 'string' || connectionId === '') return undefined;
  if (typeof taskId !== 'string' || taskId === '') return undefined;
  return { connectionId, taskId, preview: preview === true };
}
