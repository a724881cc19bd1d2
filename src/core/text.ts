/**
 * Bidirectional control characters let a server make text read differently from what it says (a right-to-left
 * override turns "gifnoc" into "config"). Where server text is shown, they become visible marks.
 * Platform-neutral: the tree and the details webview (src/webview, in the browser) both use it.
 */
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, c => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`);
}

/** The decimal number in `n` characters from `at`, or -1 when one of them is not a digit (fast date parsing). */
export function readDigits(text: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}
