import type * as say from '../../core/say';
import type { JsonObject } from '../../core/shape';
import { arr, str } from './fields';
import type { MemoryDbApi } from './json-api';
import type { ElastiCacheApi } from './query-api';
import { xmlList } from './xml';

/** A server that keeps saying "more" must not keep us paging forever. */
export const MAX_PAGES = 20;
export const PAGE_SIZE = 100;

/**
 * How an ElastiCache list pages: the older calls with `MaxRecords`/`Marker` (DescribeSnapshots allows 50 at most),
 * the serverless ones with `MaxResults`/`NextToken` (50 at most), as the 2015-02-02 models define them.
 */
export interface Paging {
  size: number;
  style: 'marker' | 'token';
}

export const MARKER_PAGING: Paging = { size: PAGE_SIZE, style: 'marker' };

/** Every page of one ElastiCache Describe* call, following the marker until the answer has none. */
export async function allQueryPages(
  api: ElastiCacheApi,
  region: string,
  action: string,
  params: Record<string, string>,
  list: { key: string; member: string; paging?: Paging },
  what: say.Words,
  signal?: AbortSignal,
): Promise<unknown[]> {
  const out: unknown[] = [];
  const paging = list.paging ?? MARKER_PAGING;
  const [sizeKey, markerKey] = paging.style === 'marker' ? ['MaxRecords', 'Marker'] : ['MaxResults', 'NextToken'];
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await api.call(
      region,
      action,
      { ...params, [sizeKey]: String(paging.size), ...(marker ? { [markerKey]: marker } : {}) },
      what,
      { signal },
    );
    out.push(...xmlList(result[list.key], list.member));
    const next = str(result, markerKey);
    if (!next || next === marker) break;
    marker = next;
  }
  return out;
}

/** Every page of one MemoryDB Describe* operation, following `NextToken`. */
export async function allJsonPages(
  api: MemoryDbApi,
  region: string,
  operation: string,
  input: JsonObject,
  key: string,
  what: say.Words,
  signal?: AbortSignal,
): Promise<unknown[]> {
  const out: unknown[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await api.call(
      region,
      operation,
      { ...input, MaxResults: PAGE_SIZE, ...(token ? { NextToken: token } : {}) },
      what,
      signal,
    );
    out.push(...arr(result, key));
    const next = str(result, 'NextToken');
    if (!next || next === token) break;
    token = next;
  }
  return out;
}
