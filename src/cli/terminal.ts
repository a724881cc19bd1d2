/** Server text as a terminal shows it and never obeys: every control character made visible. */

/**
 * Our own colour codes (`painter` in format.ts), exactly: the only escape sequences the CLI itself writes. Server text never
 * reaches this check with a raw ESC in it (cells and messages go through `terminalLine` first), and even a path that
 * forgot to would only get these five harmless colours, never black or hidden text.
 */
const OWN_SGR = /^\u001b\[(?:3[1236]|39)m/;
/** Bidirectional formatting characters, U+061C (Arabic letter mark) included: they reorder what a terminal shows. */
const BIDI = '\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069';
/** C0 and C1 controls except newline and tab, and the bidirectional controls. */
const UNSAFE = new RegExp(`[\u0000-\u0008\u000b-\u001f\u007f-\u009f${BIDI}]`, 'g');
/** For one cell or one line of server text: newline, carriage return and tab too, so nothing forges a row. */
const UNSAFE_IN_LINE = new RegExp(`[\u0000-\u001f\u007f-\u009f${BIDI}]`, 'g');

const visible = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Server text (a task name, an id, a certificate subject, an error message) as one line a terminal shows and never
 * obeys: every control character, line breaks and every ESC included, and every bidi control, becomes visible
 * `\u001b`-style text.
 */
export function terminalLine(text: string): string {
  return text.replace(UNSAFE_IN_LINE, visible);
}

/**
 * Text as a terminal will show it, never as commands it will obey: task names, errors and messages come from servers,
 * and an escape sequence in them could clear the screen, retitle the window, fake a hyperlink or hide text. Each
 * control character becomes a visible `\u001b`-style escape; only the colour codes the CLI writes itself pass.
 */
export function terminalSafe(text: string): string {
  let out = '';
  let i = 0;
  UNSAFE.lastIndex = 0;
  for (let m = UNSAFE.exec(text); m; m = UNSAFE.exec(text)) {
    const own = m[0] === '\u001b' ? OWN_SGR.exec(text.slice(m.index)) : null;
    if (own) {
      UNSAFE.lastIndex = m.index + own[0].length;
      continue;
    }
    out += text.slice(i, m.index) + visible(m[0]);
    i = m.index + 1;
  }
  return out + text.slice(i);
}
