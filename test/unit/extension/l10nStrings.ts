import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap(f => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every literal message passed to `l10n.t(...)` under src/extension (what `@vscode/l10n-dev export` would find). */
export function l10nMessages(): Set<string> {
  const out = new Set<string>();
  const call = /l10n\.t\(\s*('(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")/g;
  for (const f of files(path.join(ROOT, 'src/extension'))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(call)) out.add(new Function(`return ${m[1]};`)() as string);
  }
  return out;
}
