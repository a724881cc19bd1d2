import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';
import type { JsonObject } from '../../core/shape';
import { toAwsError, type AwsErrorBody } from './errors';
import { obj, str } from './fields';
import type { AwsTransport } from './transport';
import { parseXml } from './xml';

export const ELASTICACHE_VERSION = '2015-02-02';

/** RFC 3986 as the AWS query protocol encodes form values (the SDK's `extendedEncodeURIComponent`). */
export function queryEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function formBody(action: string, params: Record<string, string>): string {
  const all: Record<string, string> = { Action: action, Version: ELASTICACHE_VERSION, ...params };
  return Object.keys(all)
    .map(k => `${queryEncode(k)}=${queryEncode(all[k])}`)
    .join('&');
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`, leniently. */
export function parseQueryError(text: string): AwsErrorBody {
  try {
    const doc = parseXml(text, 'an error');
    const root = obj(doc.ErrorResponse) ?? obj(doc.Response);
    const error = obj(root?.Error) ?? obj(obj(root?.Errors)?.Error);
    return { code: str(error, 'Code'), message: str(error, 'Message'), requestId: str(root, 'RequestId') };
  } catch {
    return {};
  }
}

/**
 * ElastiCache's query API: form-encoded POSTs of `Action` and `Version=2015-02-02`, answers in XML of the shape
 * `<{Action}Response><{Action}Result>…</{Action}Result><ResponseMetadata/></{Action}Response>`.
 */
export class ElastiCacheApi {
  constructor(
    private readonly transport: AwsTransport,
    private readonly endpointFor: (region: string) => string,
  ) {}

  async call(
    region: string,
    action: string,
    params: Record<string, string>,
    what: say.Words,
    options: { signal?: AbortSignal; idempotent?: boolean } = {},
  ): Promise<JsonObject> {
    const { res, credentials } = await this.transport.send({
      service: 'elasticache',
      region,
      endpoint: this.endpointFor(region),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'text/xml' },
      body: formBody(action, params),
      what,
      idempotent: options.idempotent ?? true,
      signal: options.signal,
    });
    const text = res.text();
    if (res.status >= 300) {
      throw toAwsError({
        service: 'elasticache',
        action,
        status: res.status,
        body: parseQueryError(text),
        secrets: [credentials.secretAccessKey, credentials.sessionToken],
      });
    }
    const ct = (res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (ct && !/[/+]xml$/.test(ct))
      throw new ProviderError(
        'bad-response',
        say.t('The answer to {0} is not XML. Is the endpoint an ElastiCache API?', what),
        {
          status: res.status,
        },
      );
    const doc = parseXml(text, what);
    const response = obj(doc[`${action}Response`]);
    if (!response)
      throw new ProviderError('bad-response', say.t('The answer to {0} has no {1}Response element.', what, action), {
        status: res.status,
      });
    // An action with nothing to say sends an empty Result element, which reads as an empty string.
    return obj(response[`${action}Result`]) ?? {};
  }
}
