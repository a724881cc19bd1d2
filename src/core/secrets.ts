/**
 * One scrubber for every secret of a connection, in every encoding a server or a formatter could give it back in:
 * a compromised cluster decodes basic auth and echoes it, a gateway repeats the request, a JSON writer escapes it.
 * Whatever is shown or written (errors, logs, task data, CLI output) passes through `Scrubber.text`.
 */

export const REDACTED = '***';

/** Below this length a "secret" would match ordinary text everywhere; such secrets are refused elsewhere. */
const MIN_LENGTH = 4;

/** Every form of `secret` (and of `user:secret`, the basic credential) that can travel in text. */
export function secretForms(user: string | undefined, secret: string | undefined): string[] {
  if (!secret || secret.length < MIN_LENGTH) return [];
  const basic = `${user ?? ''}:${secret}`;
  const json = JSON.stringify(secret).slice(1, -1);
  const hex = Buffer.from(secret, 'utf8').toString('hex');
  const forms = [
    secret,
    encodeURIComponent(secret),
    // A form encoder writes spaces as '+'.
    encodeURIComponent(secret).replace(/%20/g, '+'),
    json,
    // A JSON-escaped value escaped once more (an error body quoted inside another JSON document).
    JSON.stringify(json).slice(1, -1),
    Buffer.from(basic, 'utf8').toString('base64'),
    Buffer.from(basic, 'utf8').toString('base64url'),
    Buffer.from(secret, 'utf8').toString('base64'),
    hex,
    hex.toUpperCase(),
  ];
  // Longest first, so a form that contains another is replaced whole.
  return [...new Set(forms.filter(f => f.length >= MIN_LENGTH))].sort((a, b) => b.length - a.length);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class Scrubber {
  private pattern: RegExp | undefined;
  /** A text shorter than every form cannot hold one: most fields (statuses, ids) are skipped without a regex. */
  private shortest = Infinity;
  private readonly forms = new Set<string>();

  constructor(forms: Iterable<string> = []) {
    this.add(forms);
  }

  static forConnection(user: string | undefined, secret: string | undefined): Scrubber {
    return new Scrubber(secretForms(user, secret));
  }

  add(forms: Iterable<string>): void {
    for (const f of forms) if (f && f.length >= MIN_LENGTH) this.forms.add(f);
    const all = [...this.forms].sort((a, b) => b.length - a.length);
    this.pattern = all.length ? new RegExp(all.map(escapeRegExp).join('|'), 'g') : undefined;
    this.shortest = all.length ? all[all.length - 1].length : Infinity;
  }

  get empty(): boolean {
    return this.pattern === undefined;
  }

  text(s: string): string {
    if (!this.pattern || s.length < this.shortest) return s;
    this.pattern.lastIndex = 0;
    if (!this.pattern.test(s)) return s;
    this.pattern.lastIndex = 0;
    return s.replace(this.pattern, REDACTED);
  }

  /**
   * A copy of a parsed value with every string (keys included) scrubbed; the value itself when nothing matched,
   * so the common case allocates nothing. Depth is bounded by the response gate; deeper values are cut, not recursed.
   */
  value<T>(v: T): T {
    // Looking first is a third cheaper than copying while looking (for-in allocates no key list), and nearly every
    // value holds no secret: the copy is made only for the rare one that does.
    if (!this.pattern || !this.holds(v, 0)) return v;
    return this.copy(v, 0);
  }

  /** Whether any string or key in `v` holds a form of the secret, or `v` is nested deeper than the walk goes. */
  private holds(v: unknown, depth: number): boolean {
    if (typeof v === 'string') return this.matches(v);
    if (v === null || typeof v !== 'object') return false;
    if (depth > MAX_SCRUB_DEPTH) return true;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (this.holds(v[i], depth + 1)) return true;
      return false;
    }
    const o = v as Record<string, unknown>;
    // An inherited enumerable key is looked at too: at worst a needless copy, which reads own keys only.
    for (const key in o) if (this.matches(key) || this.holds(o[key], depth + 1)) return true;
    return false;
  }

  private matches(s: string): boolean {
    if (s.length < this.shortest) return false;
    this.pattern!.lastIndex = 0;
    return this.pattern!.test(s);
  }

  private copy<T>(v: T, depth: number): T {
    if (typeof v === 'string') return this.text(v) as T;
    if (v === null || typeof v !== 'object') return v;
    if (depth > MAX_SCRUB_DEPTH) return '[nested too deep]' as T;
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const c: unknown = this.copy(v[i] as unknown, depth + 1);
        if (c !== v[i]) (out ??= v.slice())[i] = c;
      }
      return (out ?? v) as T;
    }
    let out: Record<string, unknown> | undefined;
    const src = v as Record<string, unknown>;
    for (const key of Object.keys(src)) {
      const k = this.text(key);
      const c = this.copy(src[key], depth + 1);
      if (k !== key || c !== src[key]) {
        if (!out) {
          out = {};
          for (const k2 of Object.keys(src)) Object.defineProperty(out, k2, ENUMERABLE(src[k2]));
        }
        if (k !== key) delete out[key];
        Object.defineProperty(out, k, ENUMERABLE(c));
      }
    }
    return (out ?? v) as T;
  }
}

/** Own, enumerable, writable: also for a `__proto__` key, which plain assignment would turn into a prototype. */
function ENUMERABLE(value: unknown): PropertyDescriptor {
  return { value, enumerable: true, writable: true, configurable: true };
}

/** Deeper than the response gate allows: only hand-built values reach it. */
export const MAX_SCRUB_DEPTH = 100;
