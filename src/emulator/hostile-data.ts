import type { EmulatorRequest, EmulatorResponse } from './types';

/**
 * What a malicious or compromised server puts in the text it returns: markup that would run if a view used
 * innerHTML, an already-escaped entity that would be unescaped by a careless double decode, terminal escapes that
 * would repaint or hyperlink a CLI user's terminal, and a right-to-left override. Clients must carry it through
 * unchanged as data; showing it safely is each view's job.
 */
export const HOSTILE_HTML = '<script>alert("pwned")</script><img src=x onerror=alert(1)>&lt;b&gt;';
export const HOSTILE_TERMINAL = '\u001b[2J\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007\u202e';
export const HOSTILE_TEXT = `${HOSTILE_HTML}${HOSTILE_TERMINAL}`;

/** Every hostile string starts with this, so a test can find them all in a payload or a normalised task. */
export const HOSTILE_MARKER = '<script>alert("pwned")</script>';

/** How one provider's answers are made hostile, and how it words the errors a hostile fault sends. */
export interface HostileProfile {
  /** Keys whose string values are left alone: ids and codes the client sends back or joins on. */
  keep: ReadonlySet<string>;
  /** Status keys, each with a value the provider never documented, put on the first record that has one. */
  unknownStatus: Readonly<Record<string, unknown>>;
  /** Fields left out of the second record that has a status (a server that omits what the docs promise). */
  drop: readonly string[];
  /** An error answer in the provider's own format. */
  error(req: EmulatorRequest, kind: HostileErrorKind, message: string): EmulatorResponse | undefined;
  /** Secrets the real service knows (a signing key): a compromised server can echo them too. */
  secretsKnown: readonly string[];
}

export type HostileErrorKind = 'throttle' | 'unauthorized' | 'clock-skew' | 'bad-request';

const NUMERIC = /^-?\d+(\.\d+)?$/;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?Z?)?$/;

/** The answer with every string poisoned, an unknown status, extra fields and missing ones (JSON answers only). */
export function poisonAnswer(answer: EmulatorResponse, profile: HostileProfile): EmulatorResponse {
  if (answer.json === undefined || answer.status < 200 || answer.status >= 300) return answer;
  const state = { statusRecords: 0 };
  return { ...answer, json: poison(answer.json, profile, undefined, state) };
}

function poison(
  value: unknown,
  profile: HostileProfile,
  key: string | undefined,
  state: { statusRecords: number },
): unknown {
  if (typeof value === 'string') return poisonString(value, profile, key, state);
  if (Array.isArray(value)) return value.map(v => poison(v, profile, key, state));
  if (value === null || typeof value !== 'object') return value;
  const input = value as Record<string, unknown>;
  const statusKey = Object.keys(input).find(k => Object.prototype.hasOwnProperty.call(profile.unknownStatus, k));
  const out: Record<string, unknown> = {};
  let record = 0;
  if (statusKey) record = ++state.statusRecords;
  for (const [k, v] of Object.entries(input)) {
    if (record === 2 && profile.drop.includes(k)) continue;
    if (record === 1 && k === statusKey) {
      out[k] = profile.unknownStatus[k];
      continue;
    }
    out[k] = poison(v, profile, k, state);
  }
  if (record) {
    out.unexpectedField = { nested: [HOSTILE_TEXT], note: 'a field no documentation mentions' };
    // An own `__proto__` key, as JSON.parse creates it: code that merges it with Object.assign or spread into a
    // plain object would change that object's prototype.
    Object.defineProperty(out, '__proto__', {
      value: { polluted: HOSTILE_TEXT },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function poisonString(
  value: string,
  profile: HostileProfile,
  key: string | undefined,
  state: { statusRecords: number },
): string {
  if (key !== undefined && profile.keep.has(key)) return value;
  if (value === '' || NUMERIC.test(value) || DATE_LIKE.test(value)) return value;
  // JSON inside a string (Alibaba's StepsInfo, TaskDetail): poison what it holds and keep it JSON.
  const trimmed = value.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      return JSON.stringify(poison(JSON.parse(trimmed) as unknown, profile, key, state));
    } catch {
      // Not JSON after all: poison it as text.
    }
  }
  return `${HOSTILE_TEXT} ${value}`;
}

/** The credentials the request carried, as a careless or malicious server would echo them in an error. */
export function echoedCredentials(req: EmulatorRequest, secretsKnown: readonly string[] = []): string {
  const parts: string[] = [];
  for (const secret of secretsKnown) parts.push(`your secret key is ${secret}`);
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    parts.push(`Authorization: ${auth}`);
    if (auth.startsWith('Basic ')) parts.push(`decoded: ${Buffer.from(auth.slice(6), 'base64').toString('utf8')}`);
  }
  for (const name of ['x-api-key', 'x-api-secret-key', 'x-tc-token']) {
    const v = req.headers[name];
    if (typeof v === 'string') parts.push(`${name}: ${v}`);
  }
  if (req.url.search) parts.push(`query: ${req.url.search}`);
  if (req.body.length) parts.push(`body: ${req.body.toString('utf8').slice(0, 2000)}`);
  return `Request rejected. You sent ${parts.join('; ')}`;
}
