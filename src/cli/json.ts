/** JSON on stdout: bounded in depth, and a long list written element by element. */

/** Two spaces before each line: a nested block (an element of a JSON array, a task's steps). */
export function indent(text: string): string {
  return text
    .split('\n')
    .map(l => `  ${l}`)
    .join('\n');
}

/**
 * Cut below this depth: the response gate already refuses answers nested deeper than 64, and a task puts its raw
 * payload two levels down; only a hand-built value reaches it, whose walk would otherwise overflow the stack.
 */
const JSON_MAX_DEPTH = 100;

/** JSON for stdout that cannot overflow the stack on a deeply nested value; copies only a value that is too deep. */
export function jsonText(value: unknown, indent = 2): string {
  return JSON.stringify(tooDeep(value, 0) ? limitDepth(value, 0) : value, null, indent);
}

/**
 * A JSON array written one element at a time, byte for byte what `jsonText(items)` gives: a 50,000-task list then
 * never exists as one 60 MB string (and its escaped and scrubbed copies) in memory.
 */
export function writeJsonArray(items: readonly unknown[], write: (chunk: string) => void): void {
  if (items.length === 0) return write('[]\n');
  write('[\n');
  items.forEach((item, i) => {
    const text = indent(jsonText(item));
    write(i === items.length - 1 ? `${text}\n` : `${text},\n`);
  });
  write(']\n');
}

function tooDeep(v: unknown, depth: number): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (depth >= JSON_MAX_DEPTH) return true;
  if (Array.isArray(v)) return v.some(x => tooDeep(x, depth + 1));
  for (const k of Object.keys(v)) if (tooDeep((v as Record<string, unknown>)[k], depth + 1)) return true;
  return false;
}

function limitDepth(v: unknown, depth: number): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (depth >= JSON_MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(v)) return v.map(x => limitDepth(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v))
    Object.defineProperty(out, k, {
      value: limitDepth((v as Record<string, unknown>)[k], depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}
