import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';
import { parseJson, type JsonObject } from '../../core/shape';
import { toAwsError, type AwsErrorBody } from './errors';
import { obj, str } from './fields';
import type { AwsTransport } from './transport';

const TARGET_PREFIX = 'AmazonMemoryDB';

/**
 * The JSON 1.1 error: `__type` (`com.amazonaws.memorydb#ClusterNotFoundFault`, or a bare name) or the
 * `x-amzn-errortype` header, `message` or `Message`. The code is the part after `#` and before `:`.
 */
export function parseJsonError(text: string, headerType: string | undefined): AwsErrorBody {
  let body: JsonObject | undefined;
  try {
    body = obj(JSON.parse(text));
  } catch {
    body = undefined;
  }
  const raw = headerType ?? str(body, '__type') ?? str(body, 'code');
  const code = raw?.split(':')[0].split('#').pop();
  return { code: code || undefined, message: str(body, 'message') ?? str(body, 'Message') };
}

/** MemoryDB: POST `/` with `X-Amz-Target: AmazonMemoryDB.<Operation>` and an `application/x-amz-json-1.1` body. */
export class MemoryDbApi {
  constructor(
    private readonly transport: AwsTransport,
    private readonly endpointFor: (region: string) => string,
  ) {}

  async call(
    region: string,
    operation: string,
    input: JsonObject,
    what: say.Words,
    signal?: AbortSignal,
  ): Promise<JsonObject> {
    const { res, credentials } = await this.transport.send({
      service: 'memorydb',
      region,
      endpoint: this.endpointFor(region),
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `${TARGET_PREFIX}.${operation}`,
        accept: 'application/json',
      },
      body: JSON.stringify(input),
      what,
      idempotent: true, // every MemoryDB call we make is a Describe*
      signal,
    });
    const text = res.text();
    if (res.status >= 300) {
      const body = parseJsonError(text, res.headers['x-amzn-errortype']);
      body.requestId = res.headers['x-amzn-requestid'];
      throw toAwsError({
        service: 'memorydb',
        action: operation,
        status: res.status,
        body,
        secrets: [credentials.secretAccessKey, credentials.sessionToken],
      });
    }
    const ct = (res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (ct && !/[/+]json$|^application\/x-amz-json-1\.[01]$/.test(ct))
      throw new ProviderError(
        'bad-response',
        say.t('The answer to {0} is not JSON. Is the endpoint a MemoryDB API?', what),
        {
          status: res.status,
        },
      );
    const value = obj(parseJson(text, what));
    if (!value) throw new ProviderError('bad-response', say.t('The answer to {0} is not a JSON object.', what));
    return value;
  }
}
