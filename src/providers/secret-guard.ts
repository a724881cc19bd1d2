import { ProviderError } from '../core/errors';
import type { TaskSource } from '../core/source';
import type { RequestLogEntry } from '../http/client';
import { scrub } from '../http/redact';
import type { ProviderFactory } from './factory';

/**
 * The last line of defence between a connection's secret and everything a person reads: a server that echoes the
 * credentials it received (a compromised cluster decoding basic auth, a gateway repeating the request in its error
 * page) must not get the password into an error message, a tooltip or a log line that is later pasted into a bug
 * report. Every error a source throws and every log entry it writes is scrubbed of the secret, in the forms it
 * travels in (as is, and inside an HTTP basic credential).
 */
export function guardSecrets(factory: ProviderFactory): ProviderFactory {
  return (config, secret, deps) => {
    const forms = [...secretForms(config.user, secret.secret), ...secretForms(undefined, secret.sessionToken ?? '')];
    const log = deps.log;
    const guardedLog =
      log &&
      ((e: RequestLogEntry) =>
        log({
          ...e,
          url: scrub(e.url, forms),
          ...(e.error === undefined ? {} : { error: scrub(e.error, forms) }),
        }));
    const source = factory(config, secret, { ...deps, log: guardedLog });
    return guardSource(source, forms);
  };
}

export function secretForms(user: string | undefined, secret: string): string[] {
  if (!secret) return [];
  const forms = [secret, encodeURIComponent(secret), Buffer.from(`${user ?? ''}:${secret}`, 'utf8').toString('base64')];
  return [...new Set(forms)];
}

function guardSource(source: TaskSource, forms: string[]): TaskSource {
  const clean = (e: unknown): never => {
    throw scrubError(e, forms);
  };
  const guarded: TaskSource = {
    provider: source.provider,
    connectionId: source.connectionId,
    refresh: (query, signal) => source.refresh(query, signal).catch(clean),
    loadMore: (group, cursor, query, signal) => source.loadMore(group, cursor, query, signal).catch(clean),
    getTask: (id, options) => source.getTask(id, options).catch(clean),
    close: () => source.close(),
  };
  if (source.cancelTask) guarded.cancelTask = (id, options) => source.cancelTask!(id, options).catch(clean);
  if (source.consoleUrl) guarded.consoleUrl = () => source.consoleUrl!();
  return guarded;
}

/** The error with every form of the secret removed; the original stays as its cause only when it held none. */
export function scrubError(e: unknown, forms: string[]): unknown {
  if (!(e instanceof ProviderError)) return e;
  const message = scrub(e.message, forms);
  // `code` is typed string but a DOMException's numeric code can end up there (a timeout's AbortSignal).
  const code = typeof e.code === 'string' ? scrub(e.code, forms) : e.code;
  const causeText = e.cause instanceof Error ? `${e.cause.message} ${textOf(e.cause.cause)}` : textOf(e.cause);
  if (message === e.message && code === e.code && scrub(causeText, forms) === causeText) return e;
  const leaky = scrub(causeText, forms) !== causeText;
  return new ProviderError(e.kind, message, {
    status: e.status,
    code,
    requestId: e.requestId,
    retryAfterMs: e.retryAfterMs,
    cause: leaky ? undefined : e.cause,
  });
}

/** The text a cause can carry: an object that is not an Error prints as "[object Object]" and so holds no secret. */
function textOf(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return typeof cause === 'string' || typeof cause === 'number' ? String(cause) : '';
}
