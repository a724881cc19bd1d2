import { parseGroupId, type ResourceType } from './ids';
import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';
import { endpointOrigin } from '../endpoint-override';
import { regionIds } from '../../core/connection';

/**
 * Where ElastiCache and MemoryDB answer, per partition, as the official SDKs' endpoint rule sets build it
 * (`https://elasticache.{Region}.{dnsSuffix}`, `https://memory-db.{Region}.{dnsSuffix}`, signing names
 * `elasticache` and `memorydb`). Only the China regions change the DNS suffix; GovCloud keeps `amazonaws.com`.
 */

export type AwsService = 'elasticache' | 'memorydb';
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function checkRegion(region: string): string {
  const r = region.trim();
  if (!REGION.test(r))
    throw new ProviderError(
      'bad-request',
      say.t('"{0}" is not an AWS region code (such as us-east-1 or cn-north-1).', region),
    );
  return r;
}

/** The comma- or space-separated regions of a connection, each checked, without duplicates. */
export function parseRegions(value: string | undefined): string[] {
  const list = regionIds(value).map(checkRegion);
  if (!list.length)
    throw new ProviderError('bad-request', say.t('An AWS connection needs at least one region (such as us-east-1).'));
  return list;
}

export function defaultEndpoint(service: AwsService, region: string): string {
  const suffix = partitionOf(region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  const host = service === 'elasticache' ? 'elasticache' : 'memory-db';
  return `https://${host}.${region}.${suffix}`;
}

/**
 * A custom endpoint (a VPC interface endpoint, the emulator) replaces the host of both services; requests are still
 * signed for the region and service, as the SDKs do with `endpoint` set. A bare host means HTTPS.
 */
export function resolveEndpoint(override: string | undefined, service: AwsService, region: string): string {
  return endpointOrigin(override) ?? defaultEndpoint(service, region);
}

function consoleHost(region: string): string {
  const p = partitionOf(region);
  if (p === 'aws-cn') return 'console.amazonaws.cn';
  if (p === 'aws-us-gov') return 'console.amazonaws-us-gov.com';
  return 'console.aws.amazon.com';
}

export function elastiCacheConsoleUrl(region: string, path = ''): string {
  const r = encodeURIComponent(region);
  return `https://${consoleHost(region)}/elasticache/home?region=${r}#${path}`;
}

/**
 * The console page of the resource a task belongs to: a replication group's own page (`#/redis/<id>`, the page the
 * console's list links to) or a MemoryDB cluster's; the region's ElastiCache page for the rest, whose pages we could
 * not confirm.
 */
export function resourceConsoleUrl(region: string, rtype?: ResourceType, id?: string): string {
  if (rtype === 'mdb') return memoryDbConsoleUrl(region, id);
  if (rtype === 'rg' && id) return elastiCacheConsoleUrl(region, `/redis/${encodeURIComponent(id)}`);
  return elastiCacheConsoleUrl(region);
}

/** The console page for the tasks of a group (ids.ts): its resource's page, or the region's. */
export function groupConsoleUrl(group: string, region: string): string {
  const g = parseGroupId(group);
  return g ? resourceConsoleUrl(g.region, g.rtype, g.resource) : resourceConsoleUrl(region);
}

export function memoryDbConsoleUrl(region: string, cluster?: string): string {
  const r = encodeURIComponent(region);
  const tail = cluster ? `/clusters/${encodeURIComponent(cluster)}` : '/clusters';
  return `https://${consoleHost(region)}/memorydb/home?region=${r}#${tail}`;
}
