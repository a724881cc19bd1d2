import type { ErrorKind } from '../core/errors';

/** The CLI's exit codes: a script can branch on them, so they never change meaning. Documented in `--help`. */
export const EXIT = {
  ok: 0,
  /** `wait`: the task failed, was canceled or was interrupted. */
  taskFailed: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  /** Redis Enterprise 406 (commit phase) or 409 (failed to cancel). */
  notCancelable: 5,
  network: 6,
  other: 7,
  waitTimeout: 8,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const BY_KIND: Record<ErrorKind, ExitCode> = {
  auth: EXIT.auth,
  forbidden: EXIT.auth,
  'not-found': EXIT.notFound,
  'not-cancelable': EXIT.notCancelable,
  conflict: EXIT.notCancelable,
  network: EXIT.network,
  tls: EXIT.network,
  timeout: EXIT.network,
  throttled: EXIT.other,
  'bad-response': EXIT.other,
  'bad-request': EXIT.other,
  unsupported: EXIT.other,
  server: EXIT.other,
  aborted: EXIT.other,
  internal: EXIT.other,
};

export function exitCodeFor(kind: ErrorKind): ExitCode {
  return BY_KIND[kind];
}

/** The table printed by `--help`. */
export const EXIT_CODE_HELP = [
  '  0  success',
  '  1  wait: the task failed, was canceled or was interrupted',
  '  2  usage error, or a forced cancel that was not confirmed',
  '  3  authentication failed or permission denied',
  '  4  task not found',
  '  5  task cannot be canceled now (commit phase) or the cancel failed',
  '  6  network, TLS or timeout',
  '  7  bad or unexpected answer, server error, anything else',
  '  8  wait: timed out before the task finished',
].join('\n');
