import { errors as undiciErrors } from 'undici';
import { ProviderError } from '../core/errors';
import * as say from '../core/say';

/** What a failed request becomes: a `ProviderError` whose kind says what to fix, and whose words name the request. */

export function tooLarge(what: say.Words, maxBytes: number): ProviderError {
  return new ProviderError(
    'bad-response',
    say.t('The answer to {0} is larger than {1} MB and was not read.', what, Math.round(maxBytes / (1024 * 1024))),
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
  what: say.Words,
  timeoutMs: number,
  callerSignal?: AbortSignal,
  timeoutSignal?: AbortSignal,
  /** The server's `host:port`: network failures name it, as it is what the person checks first. */
  host = '?',
): ProviderError {
  if (e instanceof ProviderError) return e;
  const err = e as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  // Only Node's string codes: a DOMException (the timeout's AbortSignal) has a numeric legacy `code` such as 23.
  const rawCode = err?.code ?? err?.cause?.code;
  const code = typeof rawCode === 'string' ? rawCode : undefined;
  if (callerSignal?.aborted) return new ProviderError('aborted', say.t('Stopped waiting for {0}.', what), { cause: e });
  // undici refuses a header value with a line break before sending: a pasted credential, not the network.
  if (e instanceof undiciErrors.InvalidArgumentError) {
    return new ProviderError(
      'bad-request',
      say.t(
        '{0} could not be sent: a credential, region or option contains a line break or another character HTTP does not allow.',
        what,
      ),
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
    return new ProviderError(
      'timeout',
      say.t('No answer from {0} to {1} within {2} s.', host, what, Math.round(timeoutMs / 1000)),
      {
        cause: e,
        code,
      },
    );
  }
  if (code && TLS_CODES.has(code)) {
    const selfSigned = code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN';
    const message = selfSigned
      ? say.t(
          "The server's certificate was not accepted ({0}). The server uses a self-signed certificate: pin its fingerprint or trust its CA file in the connection.",
          code,
        )
      : say.t("The server's certificate was not accepted ({0}).", code);
    return new ProviderError('tls', message, { cause: e, code });
  }
  if (code === 'ECONNREFUSED')
    return new ProviderError(
      'network',
      say.t('{0} refused the connection for {1}: are the endpoint and port right?', host, what),
      {
        cause: e,
        code,
      },
    );
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new ProviderError('network', say.t('Host {0} not found for {1}.', host, what), { cause: e, code });
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || e instanceof undiciErrors.SocketError) {
    return new ProviderError('network', say.t('{0} closed the connection during {1}.', host, what), { cause: e, code });
  }
  const message = err?.message || String(e);
  return new ProviderError('network', say.t('{0} failed: {1}', what, message), { cause: e, code });
}
