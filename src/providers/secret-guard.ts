import { badCredentialField } from '../core/credentials';
import { ProviderError } from '../core/errors';
import { LIMITS } from '../core/limits';
import * as say from '../core/say';
import { Scrubber, secretForms } from '../core/secrets';
import { mapSliced } from '../core/slices';
import type { TaskSource } from '../core/source';
import type { Task, TaskSnapshot } from '../core/task';
import type { RequestLogEntry } from '../http/client';
import type { ProviderFactory } from './factory';

/**
 * The one place between a connection's secret and everything a person reads. A server that echoes the credentials it
 * received (a compromised cluster decoding basic auth, a gateway repeating the request) must not get the password
 * into an error, a request id, a log line, or the task data itself (names, errors, the raw payload), in any encoding:
 * every source is wrapped here, so the tree, the details view, the status bar and the CLI all get scrubbed values.
 * The bound on tasks per connection lives here too, because it is the one wrapper every provider goes through.
 */
export function guardSecrets(factory: ProviderFactory): ProviderFactory {
  return (config, secret, deps) => {
    const bad = badCredentialField(config, secret);
    if (bad) {
      throw new ProviderError(
        'bad-request',
        bad === 'secret'
          ? say.t(
              'The secret of the connection "{0}" contains a line break or another control character. Re-enter it.',
              config.name,
            )
          : bad === 'user'
            ? say.t(
                'The user or key id of the connection "{0}" contains a line break or another control character. Re-enter it.',
                config.name,
              )
            : say.t(
                'The region of the connection "{0}" contains a line break or another control character. Re-enter it.',
                config.name,
              ),
        { code: 'CONTROL_CHARACTER' },
      );
    }
    const scrubber = Scrubber.forConnection(config.user, secret.secret);
    // AWS temporary credentials: the session token is a secret as much as the key.
    if (secret.sessionToken) scrubber.add(secretForms(undefined, secret.sessionToken));
    const log = deps.log;
    const guardedLog =
      log &&
      ((e: RequestLogEntry) =>
        log({
          ...e,
          url: scrubber.text(e.url),
          ...(e.error === undefined ? {} : { error: scrubber.text(e.error) }),
        }));
    const source = factory(config, secret, { ...deps, log: guardedLog });
    return guardSource(source, scrubber);
  };
}

function guardSource(source: TaskSource, scrubber: Scrubber): TaskSource {
  const clean = (e: unknown): never => {
    throw scrubError(e, scrubber);
  };
  const task = (t: Task): Task => scrubber.value(t);
  // Every string of every task is walked, raw payloads included: a list is scrubbed in slices (core/slices.ts).
  const tasks = async (list: Task[]): Promise<Task[]> => {
    const out = await mapSliced(list, task);
    return out.every((t, i) => t === list[i]) ? list : out;
  };
  const guarded: TaskSource = {
    provider: source.provider,
    connectionId: source.connectionId,
    refresh: (query, signal) =>
      source
        .refresh(query, signal)
        .then(async s => {
          // Counted first: a list over the bound is refused before any work on it.
          const bounded = boundedSnapshot(s);
          return { ...scrubber.value({ ...bounded, tasks: [] }), tasks: await tasks(bounded.tasks) };
        })
        .catch(clean),
    loadMore: (group, cursor, query, signal) =>
      source
        .loadMore(group, cursor, query, signal)
        .then(async p => ({ ...scrubber.value({ ...p, tasks: [] }), tasks: await tasks(p.tasks) }))
        .catch(clean),
    getTask: (id, options) => source.getTask(id, options).then(task).catch(clean),
    close: () => source.close(),
  };
  if (source.cancelTask) guarded.cancelTask = (id, options) => source.cancelTask!(id, options).catch(clean);
  if (source.consoleUrl) guarded.consoleUrl = () => source.consoleUrl!();
  return guarded;
}

function boundedSnapshot(s: TaskSnapshot): TaskSnapshot {
  if (s.tasks.length <= LIMITS.maxTasksPerConnection) return s;
  throw new ProviderError(
    'bad-response',
    say.t(
      'The server listed {0} tasks, more than the {1} one connection may hold. Narrow the list with a filter (status, type, time).',
      s.tasks.length,
      LIMITS.maxTasksPerConnection,
    ),
    { code: 'TOO_MANY_TASKS' },
  );
}

/** A request id is server text shown on a line of its own: bounded, one line, and scrubbed. */
function cleanRequestId(id: string | undefined, scrubber: Scrubber): string | undefined {
  if (id === undefined) return undefined;

  const one = scrubber.text(id).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return one.length > 120 ? `${one.slice(0, 120)}…` : one;
}

/**
 * The error with every form of the secret removed, from the English message and from the arguments of its localizable
 * form alike (a server echoing a password into its error text must not reach the translated message either); the
 * original stays as its cause only when it held none.
 */
export function scrubError(e: unknown, scrubber: Scrubber | string[]): unknown {
  if (!(e instanceof ProviderError)) return e;
  const s = Array.isArray(scrubber) ? new Scrubber(scrubber) : scrubber;
  const localizable = e.localizable && say.mapArgs(e.localizable, text => s.text(text));
  const message = s.text(e.message);
  // `code` is typed string but a DOMException's numeric code can end up there (a timeout's AbortSignal).
  const code = typeof e.code === 'string' ? s.text(e.code) : e.code;
  const requestId = cleanRequestId(e.requestId, s);
  const causeText = e.cause instanceof Error ? `${e.cause.message} ${textOf(e.cause.cause)}` : textOf(e.cause);
  const leaky = s.text(causeText) !== causeText;
  if (message === e.message && localizable === e.localizable && code === e.code && requestId === e.requestId && !leaky)
    return e;
  // A template and its scrubbed arguments make the scrubbed message again, unless a secret spanned template text and
  // an argument: then only the scrubbed English is safe to keep.
  const keep = localizable && s.text(say.english(localizable)) === say.english(localizable) ? localizable : undefined;
  return new ProviderError(e.kind, keep ?? message, {
    status: e.status,
    code,
    requestId,
    retryAfterMs: e.retryAfterMs,
    cause: leaky ? undefined : e.cause,
  });
}

/** The text a cause can carry: an object that is not an Error prints as "[object Object]" and so holds no secret. */
function textOf(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return typeof cause === 'string' || typeof cause === 'number' ? String(cause) : '';
}
