/** Query parameters whose values must never reach a log line: signatures, keys, tokens, passwords. */
const SECRET_PARAM = /signature|secret|token|password|passwd|credential|^key$|accesskey/i;

export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '[unparsable url]';
  }
  url.username = url.username ? '***' : '';
  url.password = url.password ? '***' : '';
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(key)) url.searchParams.set(key, '***');
  }
  return url.toString().replace(/%2A%2A%2A/g, '***');
}

/** Removes every occurrence of the given secrets from a text (a last line of defence for messages and logs). */
export function scrub(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('***');
  }
  return out;
}
