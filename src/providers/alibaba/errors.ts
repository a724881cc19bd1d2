import { ProviderError, type ErrorKind } from '../../core/errors';
import * as say from '../../core/say';
import { scrub } from '../../http/redact';
import type { AliErrorBody } from './wire';

export type TaskApi = 'DescribeHistoryTasks' | 'DescribeTasks';

export function otherTaskApi(api: TaskApi): TaskApi {
  return api === 'DescribeTasks' ? 'DescribeHistoryTasks' : 'DescribeTasks';
}

const AUTH_CODES =
  /^(InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|InvalidTimeStamp|SignatureNonceUsed|InvalidSecurityToken|MissingSecurityToken|InvalidAccessKeySecret)/;
const FORBIDDEN_CODES = /^(Forbidden|NoPermission|InvalidAccessKeyId\.Inactive)/;
const UNSUPPORTED_CODES = /^(InvalidAction|UnsupportedOperation|Unsupported)/;

/** `MissingStartTime`, `InvalidParameter.StartTime`, or the quoted name in the message. */
function parameterOf(code: string, message: string): string | undefined {
  const quoted = /"([A-Za-z][\w.]*)"/.exec(message) ?? /parameter\s+([A-Z][\w.]*)/.exec(message);
  if (quoted) return quoted[1];
  const m = /^(?:Missing|Invalid)(?:Parameter)?[.]?([A-Z]\w*)/.exec(code);
  return m && m[1] !== 'Parameter' ? m[1] : undefined;
}

function kindOf(code: string, status: number, message: string): ErrorKind {
  if (code.includes('Throttling')) return 'throttled';
  if (FORBIDDEN_CODES.test(code)) return 'forbidden';
  if (AUTH_CODES.test(code)) return 'auth';
  if (UNSUPPORTED_CODES.test(code) || /unsupported operation/i.test(message)) return 'unsupported';
  if (/NotFound$/.test(code) || status === 404) return 'not-found';
  if (/^(Missing|Invalid)/.test(code) || status === 400) return 'bad-request';
  if (status >= 500) return 'server';
  return 'bad-request';
}

export interface ErrorContext {
  action: string;
  status: number;
  body: AliErrorBody;
  retryAfterHeader?: string;
  /** Which task API the connection uses, to suggest the other one when this server lacks it. */
  taskApi?: TaskApi;
  /** Removed from every message, whatever the server echoes. */
  secrets: string[];
}

/** One readable ProviderError for an Alibaba error answer; code and RequestId ride along in their own fields. */
export function toAlibabaError(ctx: ErrorContext): ProviderError {
  const code = ctx.body.code ?? `HTTP${ctx.status}`;
  const serverMessage = scrub(ctx.body.message ?? `HTTP ${ctx.status}`, ctx.secrets);
  const kind = kindOf(code, ctx.status, serverMessage);
  let message: say.Said;
  switch (kind) {
    case 'throttled':
      message = say.t('Alibaba Cloud is throttling requests ({0}); the view will try again later.', code);
      break;
    case 'auth':
      message = code.startsWith('InvalidAccessKeyId')
        ? say.t(
            'Alibaba Cloud does not know this AccessKey ID. Check the key ID in the connection (and that the key was not deleted).',
          )
        : code.startsWith('SignatureDoesNotMatch')
          ? say.t(
              'Alibaba Cloud rejected the request signature: the AccessKey secret does not belong to this AccessKey ID. Re-enter the secret.',
            )
          : code.startsWith('InvalidTimeStamp')
            ? say.t("Alibaba Cloud rejected the request time: this computer's clock is off by more than 15 minutes.")
            : say.t('Alibaba Cloud rejected the credentials ({0}): {1}', code, serverMessage);
      break;
    case 'forbidden':
      message = say.t(
        'This AccessKey may not call {0} ({1}). Grant the RAM user kvstore:{0} (read-only).',
        ctx.action,
        code,
      );
      break;
    case 'unsupported': {
      const hint =
        ctx.taskApi && (ctx.action === 'DescribeTasks' || ctx.action === 'DescribeHistoryTasks')
          ? say.t('Set the connection option taskApi={0} and try again.', otherTaskApi(ctx.taskApi))
          : undefined;
      const offers = say.t('This Alibaba Cloud endpoint does not offer {0} ({1}).', ctx.action, code);
      message = hint ? say.t('{0} {1}', offers, hint) : offers;
      break;
    }
    case 'bad-request': {
      const param = parameterOf(code, serverMessage);
      message = param
        ? say.t('Alibaba Cloud rejected the parameter {0} of {1} ({2}): {3}', param, ctx.action, code, serverMessage)
        : say.t('Alibaba Cloud rejected {0} ({1}): {2}', ctx.action, code, serverMessage);
      break;
    }
    case 'not-found':
      message = say.t('Not found ({0}): {1}', code, serverMessage);
      break;
    default:
      message = say.t(
        'Alibaba Cloud failed to answer {0} ({1}, HTTP {2}): {3}',
        ctx.action,
        code,
        ctx.status,
        serverMessage,
      );
  }
  const retryAfter = Number(ctx.retryAfterHeader);
  return new ProviderError(kind, message, {
    status: ctx.status,
    code,
    requestId: ctx.body.requestId,
    // x-acs-retry-after is in milliseconds (the official SDK sleeps that many ms).
    retryAfterMs:
      kind === 'throttled' && Number.isFinite(retryAfter) && retryAfter >= 0 ? Math.min(retryAfter, 60_000) : undefined,
  });
}
