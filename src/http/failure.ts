import { errors as undiciErrors } from 'undici';
import { ProviderError } from '../core/errors';

/** What a failed request becomes: a `ProviderError` whose kind says what to fix, and whose words name the request. */

export function tooLarge(what: string, maxBytes: number): ProviderError {
  return new ProviderError(
    'bad-response',
    `The answer to ${what} is larger than ${Math.round(maxBytes / (1024 * 1024))} MB and was not read.`,
  );
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

export function toProviderError(
  e: unknown,
  what: string,
  timeoutMs: number,
  callerSignal?: AbortSignal,
  timeoutSignal?: AbortSignal,
): ProviderError {
  if (e instanceof ProviderError) return e;
  const err = e as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  // Only Node's string codes: a DOMException (the timeout's AbortSignal) has a numeric legacy `code` such as 23.
  const rawCode = err?.code ?? err?.cause?.code;
  const code = typeof rawCode === 'string' ? rawCode : undefined;
  if (callerSignal?.aborted) return new ProviderError('aborted', `Stopped waiting for ${what}.`, { cause: e });
  // undici refuses a header value with a line break before sending: a pasted credential, not the network.
  if (e instanceof undiciErrors.InvalidArgumentError) {
    return new ProviderError(
      'bad-request',
      `${what} could not be sent: a credential, region or option contains a line break or another character HTTP does not allow.`,
      { cause: e, code: 'INVALID_REQUEST' },
    );
  }
  if (
    timeoutSignal?.aborted ||
    e instanceof undiciErrors.HeadersTimeoutError ||
    e instanceof undiciErrors.BodyTimeoutError ||
    e instanceof undiciErrors.ConnectTimeoutError ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return new ProviderError('timeout', `No answer to ${what} within ${Math.round(timeoutMs / 1000)} s.`, {
      cause: e,
      code,
    });
  }
  if (code && TLS_CODES.has(code)) {
    const hint =
      code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN'
        ? ' The server uses a self-signed certificate: pin its fingerprint or trust its CA file in the connection.'
        : '';
    return new ProviderError('tls', `The server's certificate was not accepted (${code}).${hint}`, { cause: e, code });
  }
  if (code === 'ECONNREFUSED')
    return new ProviderError('network', `Connection refused for ${what}: is the endpoint and port right?`, {
      cause: e,
      code,
    });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new ProviderError('network', `Host not found for ${what}.`, { cause: e, code });
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || e instanceof undiciErrors.SocketError) {
    return new ProviderError('network', `The connection was closed during ${what}.`, { cause: e, code });
  }
  const message = err?.message || String(e);
  return new ProviderError('network', `${what} failed: ${message}`, { cause: e, code });
}
