/**
 * The messages between the details panel and its webview. Everything coming from the webview is untrusted input
 * (a compromised or buggy page can post anything), so it is parsed here and unknown messages are dropped.
 */
import type { DetailsModel } from './model';

/** Extension → webview. */
export type ToWebviewMessage = { type: 'render'; model: DetailsModel };

/** Webview → extension. `ready` asks for the current model after the page (re)loads. */
export type FromWebviewMessage =
  | { type: 'ready' }
  | { type: 'cancel' }
  | { type: 'forceCancel' }
  | { type: 'copyId' }
  | { type: 'refresh' }
  | { type: 'openConsole' };

const FROM_WEBVIEW_TYPES: ReadonlySet<string> = new Set<FromWebviewMessage['type']>([
  'ready',
  'cancel',
  'forceCancel',
  'copyId',
  'refresh',
  'openConsole',
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

/** What the webview saves with `setState` so the serializer can reopen the panel after a reload. */
export interface DetailsPanelState {
  connectionId: string;
  taskId: string;
}

export function parsePanelState(state: unknown): DetailsPanelState | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { connectionId, taskId } = state as { connectionId?: unknown; taskId?: unknown };
  if (typeof connectionId !== 'string' || connectionId === '') return undefined;
  if (typeof taskId !== 'string' || taskId === '') return undefined;
  return { connectionId, taskId };
}
