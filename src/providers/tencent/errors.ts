import { ProviderError, type ErrorKind } from '../../core/errors';

/** Requests per second Tencent allows per action: the wait after a throttle is the rest of that second. */
export const THROTTLE_RETRY_AFTER_MS = 1000;

function kindOf(code: string): ErrorKind {
  if (code.startsWith('AuthFailure')) return code === 'AuthFailure.UnauthorizedOperation' ? 'forbidden' : 'auth';
  if (code === 'UnauthorizedOperation' || code.startsWith('UnauthorizedOperation.')) return 'forbidden';
  if (code.startsWith('RequestLimitExceeded')) return 'throttled';
  if (code.startsWith('ResourceNotFound')) return 'not-found';
  if (
    code.startsWith('InvalidParameter') ||
    code.startsWith('MissingParameter') ||
    code === 'UnknownParameter' ||
    code === 'InvalidAction' ||
    code.startsWith('UnsupportedRegion') ||
    code === 'InvalidRegion'
  )
    return 'bad-request';
  if (code.startsWith('InternalError') || code === 'ServiceUnavailable' || code.startsWith('FailedOperation'))
    return 'server';
  return 'server';
}

function advice(code: string, kind: ErrorKind): string {
  if (code === 'AuthFailure.SignatureExpire')
    return " Check this computer's clock: Tencent rejects requests more than 5 minutes off.";
  if (code === 'AuthFailure.SecretIdNotFound') return ' Check the SecretId of the connection.';
  if (code === 'AuthFailure.SignatureFailure') return ' Check the SecretKey of the connection.';
  if (kind === 'auth') return ' Check the SecretId and SecretKey of the connection.';
  if (kind === 'forbidden') return ' The key lacks permission for the Redis task APIs (CAM policy).';
  if (kind === 'throttled') return ' Too many requests: waiting before the next one.';
  return '';
}

/** A `Response.Error` of the current API as a ProviderError: the provider's code and request id ride along. */
export function tencentError(
  code: string,
  message: string,
  requestId: string | undefined,
  what: string,
): ProviderError {
  const kind = kindOf(code);
  const text = `Tencent Cloud refused ${what}: ${message || code}.${advice(code, kind)}`.replace(/\.\./g, '.');
  return new ProviderError(kind, text, {
    code,
    requestId,
    retryAfterMs: kind === 'throttled' ? THROTTLE_RETRY_AFTER_MS : undefined,
  });
}

/** Legacy API (2.0) numeric codes: 4000 parameters, 4100 auth, 4200 expired, 4400 rate, 4500 replay. */
export function legacyKindOf(code: number): ErrorKind {
  if (code === 4100 || code === 4200) return 'auth';
  if (code === 4400) return 'throttled';
  if (code === 4000 || code === 4500 || code === 11201) return 'bad-request';
  if (code === 4300) return 'forbidden';
  return 'server';
}

export function legacyError(code: number, message: string, codeDesc: string | undefined, what: string): ProviderError {
  const kind = legacyKindOf(code);
  const hint =
    code === 4200
      ? " Check this computer's clock."
      : code === 4500
        ? ' The request was replayed (same nonce).'
        : advice('', kind);
  return new ProviderError(
    kind,
    `Tencent Cloud (legacy API) refused ${what}: ${message || codeDesc || `code ${code}`}.${hint}`.replace(
      /\.\./g,
      '.',
    ),
    {
      code: codeDesc ? `${code} ${codeDesc}` : String(code),
      retryAfterMs: kind === 'throttled' ? THROTTLE_RETRY_AFTER_MS : undefined,
    },
  );
}
