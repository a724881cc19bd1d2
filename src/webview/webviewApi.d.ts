/** What VS Code gives a webview page (the webview host injects `acquireVsCodeApi` before our script runs). */
interface VsCodeWebviewApi<Message, State> {
  postMessage(message: Message): void;
  getState(): State | undefined;
  setState(state: State): void;
}

/** Callable once per page load. */
declare function acquireVsCodeApi<Message = unknown, State = unknown>(): VsCodeWebviewApi<Message, State>;
