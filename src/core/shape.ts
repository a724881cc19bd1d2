import { ProviderError } from './errors';
import * as say from './say';

/**
 * Small readers for server payloads. Each names the path of the value it rejects, so a changed API reads as
 * "crdb_tasks[3].progress should be an object, got a string" rather than a TypeError deep in the code.
 */

export type JsonObject = { [key: string]: unknown };

/** The shapes a message names, as our words (translated in the extension). */
const SHAPES = {
  object: say.t('an object'),
  array: say.t('an array'),
  string: say.t('a string'),
  number: say.t('a number'),
  boolean: say.t('a boolean'),
  null: say.t('null'),
  nothing: say.t('nothing'),
  other: say.t('a value of another type'),
};
export type Shape = keyof typeof SHAPES;

function describe(value: unknown): say.Said {
  if (value === null) return SHAPES.null;
  if (value === undefined) return SHAPES.nothing;
  if (Array.isArray(value)) return SHAPES.array;
  const type = typeof value;
  return type === 'object' || type === 'string' || type === 'number' || type === 'boolean'
    ? SHAPES[type]
    : SHAPES.other;
}

export function shapeError(path: string, expected: Shape, value: unknown): ProviderError {
  return new ProviderError(
    'bad-response',
    say.t('Unexpected response from the server: {0} should be {1}, got {2}.', path, SHAPES[expected], describe(value)),
  );
}

export function asObject(value: unknown, path: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw shapeError(path, 'object', value);
  return value as JsonObject;
}

export function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw shapeError(path, 'array', value);
  return value;
}

/** An array that a server may leave out or send as null: both read as empty. */
export function optArray(value: unknown, path: string): unknown[] {
  return value === undefined || value === null ? [] : asArray(value, path);
}

/** A string field, or undefined when absent; numbers are accepted and turned into strings (ids arrive as both). */
export function optString(obj: JsonObject, key: string, path: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw shapeError(`${path}.${key}`, 'string', v);
}

export function reqString(obj: JsonObject, key: string, path: string): string {
  const v = optString(obj, key, path);
  if (v === undefined)
    throw new ProviderError(
      'bad-response',
      say.t('Unexpected response from the server: {0} is missing.', `${path}.${key}`),
    );
  return v;
}

export function parseJson(text: string, what: say.Words): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    // Never quote the body: a hostile or broken server's text does not belong in a message a person reads.
    const message = text.trimStart().startsWith('<')
      ? say.t("The server's answer to {0} is not valid JSON (an HTML or XML page).", what)
      : say.t("The server's answer to {0} is not valid JSON ({1} bytes of something else).", what, text.length);
    throw new ProviderError('bad-response', message, { cause: e });
  }
}

/**
 * A name table's entry for a server-sent key, own entries only: `table["__proto__"]` is Object.prototype and
 * `table["constructor"]` a function, which would become a task's name and break every view that formats it.
 */
export function tableEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
