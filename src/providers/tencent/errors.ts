import { ProviderError, type ErrorKind } from '../../core/errors';
import * as say from '../../core/say';

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

function advice(code: string, kind: ErrorKind): say.Said | undefined {
  if (code === 'AuthFailure.SignatureExpire')
    return say.t("Check this computer's clock: Tencent rejects requests more than 5 minutes off.");
  if (code === 'AuthFailure.SecretIdNotFound') return say.t('Check the SecretId of the connection.');
  if (code === 'AuthFailure.SignatureFailure') return say.t('Check the SecretKey of the connection.');
  if (kind === 'auth') return say.t('Check the SecretId and SecretKey of the connection.');
  if (kind === 'forbidden') return say.t('The key lacks permission for the Redis task APIs (CAM policy).');
  if (kind === 'throttled') return say.t('Too many requests: waiting before the next one.');
  return undefined;
}

/** Our sentence, then our advice when there is one. */
function withHint(said: say.Said, hint: say.Said | undefined): say.Said {
  return hint ? say.t('{0} {1}', said, hint) : said;
}

/** The server's words inside our sentence, which ends with its own full stop. */
function clause(text: string): string {
  return text.replace(/\.+$/, '');
}

/** A `Response.Error` of the current API as a ProviderError: the provider's code and request id ride along. */
export function tencentError(
  code: string,
  message: string,
  requestId: string | undefined,
  what: say.Words,
): ProviderError {
  const kind = kindOf(code);
  const text = withHint(say.t('Tencent Cloud refused {0}: {1}.', what, clause(message || code)), advice(code, kind));
  return new ProviderError(kind, text, {
    code,
    requestId,
    retryAfterMs: kind === 'throttled' ? THROTTLE_RETRY_AFTER_MS : undefined,
  });
}

/**
 * Legacy API (2.0) common codes, from Tencent's legacy error-code page (cloud.tencent.com/document/api/213/6982):
 * 4000 parameters; 4100 authentication failed (signature); 4101 the sub-account may not call this API, 4102 nor
 * access the resource, 4103 nor the resource this API acts on; 4104 the key does not exist; 4105 token; 4106 MFA;
 * 4110 another CAM authentication failure; 4200 expired; 4300 access denied; 4400 quota; 4500 replay; 4600 HTTPS
 * only. 4101-4103 are the sub-account's permissions, not its key: `forbidden`, as the current API's
 * `AuthFailure.UnauthorizedOperation` is.
 */
const LEGACY: Readonly<Record<number, { kind: ErrorKind; what: say.Said; hint?: say.Said }>> = {
  4000: { kind: 'bad-request', what: say.t('a parameter is missing or malformed') },
  4100: {
    kind: 'auth',
    what: say.t('authentication failed (usually a wrong signature)'),
    hint: say.t('Check the SecretKey of the connection.'),
  },
  4101: {
    kind: 'forbidden',
    what: say.t('this sub-account is not authorised to call the API'),
    hint: say.t("Ask the main account's administrator to grant it the Redis task APIs (CAM policy)."),
  },
  4102: {
    kind: 'forbidden',
    what: say.t('this sub-account is not authorised to access the resource'),
    hint: say.t("Ask the main account's administrator to grant it access to the Redis instances (CAM policy)."),
  },
  4103: {
    kind: 'forbidden',
    what: say.t('this sub-account is not authorised for the resources this API acts on'),
    hint: say.t("Ask the main account's administrator to grant it access to the Redis instances (CAM policy)."),
  },
  4104: {
    kind: 'auth',
    what: say.t('the SecretId does not exist'),
    hint: say.t('Check the SecretId of the connection: the key may have been deleted or disabled.'),
  },
  4105: {
    kind: 'auth',
    what: say.t('the token is wrong'),
    hint: say.t('Check the temporary credentials of the connection.'),
  },
  4106: { kind: 'auth', what: say.t('MFA verification failed') },
  4110: {
    kind: 'auth',
    what: say.t('CAM authentication failed'),
    hint: say.t('Check the SecretId and SecretKey of the connection, and the CAM policies of the key.'),
  },
  4200: { kind: 'auth', what: say.t('the signature has expired'), hint: say.t("Check this computer's clock.") },
  4300: {
    kind: 'forbidden',
    what: say.t('access is denied (the account is blocked or outside this API)'),
  },
  4400: {
    kind: 'throttled',
    what: say.t('the request quota is exceeded'),
    hint: say.t('Too many requests: waiting before the next one.'),
  },
  4500: {
    kind: 'bad-request',
    what: say.t('the request was replayed'),
    hint: say.t('The request was replayed (same nonce).'),
  },
  4600: { kind: 'bad-request', what: say.t('the protocol is not supported (HTTPS only)') },
  11201: { kind: 'bad-request', what: say.t('a business parameter is wrong') },
};

export function legacyKindOf(code: number): ErrorKind {
  return LEGACY[code]?.kind ?? 'server';
}

export function legacyError(
  code: number,
  message: string,
  codeDesc: string | undefined,
  what: say.Words,
): ProviderError {
  const known = LEGACY[code];
  const kind = known?.kind ?? 'server';
  // The server's message first (it is the most specific); the table's meaning where the server said nothing.
  const refused = (said: say.SaidArg) => say.t('Tencent Cloud (legacy API) refused {0}: {1}.', what, said);
  const text = message
    ? known && !message.toLowerCase().includes(known.what.message)
      ? say.t('Tencent Cloud (legacy API) refused {0}: {1} ({2}).', what, clause(message), known.what)
      : refused(clause(message))
    : refused(known?.what ?? clause(codeDesc || `code ${code}`));
  return new ProviderError(kind, withHint(text, known?.hint), {
    code: codeDesc ? `${code} ${codeDesc}` : String(code),
    retryAfterMs: kind === 'throttled' ? THROTTLE_RETRY_AFTER_MS : undefined,
  });
}
