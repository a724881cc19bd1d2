/**
 * Words of ours that a person reads, kept so that another language can say them too. The providers, the HTTP layer and
 * the CLI cannot use vscode, so they build a `Said`: the English text (what the CLI and the log print) plus the English
 * template and its arguments, which the extension translates at display time (`errorText`, src/extension/errorText.ts).
 *
 * Call it as `say.t('Host {0} not found for {1}.', host, what)` after `import * as say from '…/core/say'`: the l10n
 * bundle script (scripts/l10nBundle.ts) reads this import as `@vscode/l10n`'s, so @vscode/l10n-dev extracts every
 * template into l10n/bundle.l10n.json like any other `l10n.t` call, and refuses a template built with `${…}`.
 *
 * String and number arguments are never translated: they carry server text (the server's own message, a host, an id)
 * and values. An argument may itself be a `Said` (our hint after a sentence, our name for a request), which is
 * translated on its own.
 */

export type SaidArg = string | number | Said;

export interface Said {
  /** The English template, with `{0}`, `{1}`… for the arguments: the key in l10n/bundle.l10n.json. */
  readonly message: string;
  readonly args: readonly SaidArg[];
}

/** Our words: a template and its arguments, in the call shape of `l10n.t`. */
export function t(message: string, ...args: SaidArg[]): Said {
  return { message, args };
}

/** The English text: `{n}` replaced by the n-th argument, as @vscode/l10n formats it. */
export function english(said: Said): string {
  return said.message.replace(/\{(\d+)\}/g, (whole, n: string) => {
    const a = said.args[Number(n)];
    return a === undefined ? whole : typeof a === 'object' ? english(a) : String(a);
  });
}

/**
 * The text in another language: `translate(template, args)` gives the template in that language with its `{n}`
 * filled (vscode.l10n.t), after every nested `Said` argument has been rendered the same way.
 */
export function render(said: Said, translate: (message: string, args: (string | number)[]) => string): string {
  const args = said.args.map(a => (typeof a === 'object' ? render(a, translate) : a));
  return translate(said.message, args);
}

/** Every string in a `Said` passed through `f` (the secret scrubber); the same object when nothing changed. */
export function mapArgs(said: Said, f: (s: string) => string): Said {
  let changed = false;
  const args = said.args.map(a => {
    const b = typeof a === 'string' ? f(a) : typeof a === 'object' ? mapArgs(a, f) : a;
    if (b !== a) changed = true;
    return b;
  });
  return changed ? { message: said.message, args } : said;
}

/** What a message names, such as the request that failed: our words (a `Said`) or a name that is not translated. */
export type Words = string | Said;
