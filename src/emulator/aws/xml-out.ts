/**
 * A tiny XML writer for the query protocol's answers. Lists name their member element, as the ElastiCache models do
 * (`<Snapshots><Snapshot>…`; the newer serverless lists use `member`).
 */
export class XList {
  constructor(
    readonly member: string,
    readonly items: readonly unknown[],
  ) {}
}

export const xlist = (member: string, items: readonly unknown[]) => new XList(member, items);

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function inner(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof XList) return value.items.map(i => `<${value.member}>${inner(i)}</${value.member}>`).join('');
  if (value !== null && typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${inner(v)}</${k}>`)
      .join('');
  return escapeXml(String(value));
}

const NS = 'http://elasticache.amazonaws.com/doc/2015-02-02/';

export function queryResponse(action: string, result: Record<string, unknown>, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NS}">` +
    `<${action}Result>${inner(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function queryError(type: 'Sender' | 'Receiver', code: string, message: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type>` +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
