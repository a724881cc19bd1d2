import { ProviderError, type ErrorKind } from '../../core/errors';
import * as say from '../../core/say';
import { scrub } from '../../http/redact';

/** Error codes of the query (ElastiCache) and JSON 1.1 (MemoryDB) protocols, as the AWS SDKs and docs name them. */
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']);
const AUTH = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'AuthFailure',
]);
const FORBIDDEN = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'OptInRequired']);

export interface AwsErrorBody {
  code?: string;
  message?: string;
  requestId?: string;
}

function kindOf(code: string, status: number): ErrorKind {
  if (THROTTLED.has(code)) return 'throttled';
  if (FORBIDDEN.has(code)) return 'forbidden';
  if (AUTH.has(code)) return 'auth';
  if (/NotFound(Fault|Exception)?$/.test(code)) return 'not-found';
  if (/^InvalidParameter|^MissingParameter|^InvalidAction|Validation/.test(code)) return 'bad-request';
  if (/InvalidUpdateActionState|InvalidReplicationGroupState|InvalidCacheClusterState/.test(code))
    return 'not-cancelable';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server';
  if (status === 403) return 'forbidden';
  return 'bad-request';
}

/** The SDKs back off from 100 ms doubling up to 20 s; one second is where a throttled poll waits at least. */
const THROTTLE_RETRY_MS = 1000;

export interface AwsErrorContext {
  service: string;
  action: string;
  status: number;
  body: AwsErrorBody;
  /** The credentials in use: removed from every message, whatever the server echoes. */
  secrets: (string | undefined)[];
}

export function toAwsError(ctx: AwsErrorContext): ProviderError {
  const code = ctx.body.code ?? `HTTP${ctx.status}`;
  const serverMessage = scrub(ctx.body.message ?? `HTTP ${ctx.status}`, ctx.secrets).slice(0, 500);
  const kind = kindOf(code, ctx.status);
  const name = ctx.service === 'memorydb' ? 'MemoryDB' : 'ElastiCache';
  let message: say.Said;
  switch (kind) {
    case 'throttled':
      message = say.t('AWS is throttling {0} requests ({1}); the view will try again later.', name, code);
      break;
    case 'auth':
      message =
        code === 'ExpiredToken' || code === 'ExpiredTokenException'
          ? say.t('The AWS session token has expired. Refresh the credentials (for an SSO profile: "aws sso login").')
          : /expired/i.test(serverMessage) || code === 'RequestExpired'
            ? say.t("AWS rejected the request time: this computer's clock is off by more than 15 minutes.")
            : code === 'InvalidClientTokenId' || code === 'UnrecognizedClientException'
              ? say.t(
                  'AWS does not know this access key ID (or the session token does not belong to it). Check the credentials.',
                )
              : code === 'SignatureDoesNotMatch' || code === 'InvalidSignatureException'
                ? say.t(
                    'AWS rejected the request signature: the secret access key does not belong to this access key ID.',
                  )
                : say.t('AWS rejected the credentials ({0}): {1}', code, serverMessage);
      break;
    case 'forbidden':
      message = say.t(
        'These credentials may not call {0}:{1} ({2}). Grant it in IAM (read-only calls suffice, except BatchStopUpdateAction).',
        ctx.service,
        ctx.action,
        code,
      );
      break;
    case 'not-found':
      message = say.t('Not found ({0}): {1}', code, serverMessage);
      break;
    case 'not-cancelable':
      message = say.t('{0} cannot do that now ({1}): {2}', name, code, serverMessage);
      break;
    case 'bad-request':
      message = say.t('{0} rejected {1} ({2}): {3}', name, ctx.action, code, serverMessage);
      break;
    default:
      message = say.t(
        '{0} failed to answer {1} ({2}, HTTP {3}): {4}',
        name,
        ctx.action,
        code,
        ctx.status,
        serverMessage,
      );
  }
  return new ProviderError(kind, message, {
    status: ctx.status,
    code,
    requestId: ctx.body.requestId,
    retryAfterMs: kind === 'throttled' ? THROTTLE_RETRY_MS : undefined,
  });
}
