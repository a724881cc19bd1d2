import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';

/**
 * Task ids carry what a later `getTask` or cancel needs to ask AWS again, since AWS has no task ids:
 * `mod:<region>:<rtype>:<resource>[:<ms>]`, `upd:<region>:<rg|cc>:<resource>:<service update>`,
 * `mupd:<region>:<MemoryDB cluster>:<service update>`, `snap:<region>:<snapshot>` (and `ssnap` serverless, `msnap`
 * MemoryDB), `evt:<region>:<source>:<ms>:<n>`.
 * AWS names are letters, digits, hyphens and dots, never a colon, so the parts split back unambiguously.
 *
 * AWS gives an operation of a resource no id, and one resource is modified many times: a modification is known by
 * when the operation before it ended (`<ms>`, from the events; none for the first in the 14 days of events). That is
 * known from the moment it starts, stays the same while it runs and after it ends, and never names the next one.
 */
export type ResourceType = 'rg' | 'cc' | 'sc' | 'gds' | 'mdb';

export type TaskKey =
  | { kind: 'mod'; region: string; rtype: ResourceType; resource: string; after?: number }
  | { kind: 'upd'; region: string; rtype: 'rg' | 'cc'; resource: string; update: string }
  | { kind: 'mupd'; region: string; cluster: string; update: string }
  | { kind: 'snap' | 'ssnap' | 'msnap'; region: string; name: string }
  | { kind: 'evt'; region: string; rest: string };

const RTYPES = new Set(['rg', 'cc', 'sc', 'gds', 'mdb']);

export function taskId(key: TaskKey): string {
  switch (key.kind) {
    case 'mod':
      return `mod:${key.region}:${key.rtype}:${key.resource}${key.after === undefined ? '' : `:${key.after}`}`;
    case 'upd':
      return `upd:${key.region}:${key.rtype}:${key.resource}:${key.update}`;
    case 'mupd':
      return `mupd:${key.region}:${key.cluster}:${key.update}`;
    case 'evt':
      return `evt:${key.region}:${key.rest}`;
    default:
      return `${key.kind}:${key.region}:${key.name}`;
  }
}

export function parseTaskId(id: string): TaskKey {
  const parts = id.split(':');
  const [kind, region] = parts;
  const bad = () => new ProviderError('not-found', say.t('"{0}" is not an AWS task id of this extension.', id));
  if (!region) throw bad();
  if (kind === 'mod' && parts.length === 4 && RTYPES.has(parts[2]))
    return { kind, region, rtype: parts[2] as ResourceType, resource: parts[3] };
  if (kind === 'mod' && parts.length === 5 && RTYPES.has(parts[2]) && /^\d{1,15}$/.test(parts[4]))
    return { kind, region, rtype: parts[2] as ResourceType, resource: parts[3], after: Number(parts[4]) };
  if (kind === 'upd' && parts.length === 5 && (parts[2] === 'rg' || parts[2] === 'cc'))
    return { kind, region, rtype: parts[2], resource: parts[3], update: parts[4] };
  if (kind === 'mupd' && parts.length === 4 && parts[2] && parts[3])
    return { kind, region, cluster: parts[2], update: parts[3] };
  if ((kind === 'snap' || kind === 'ssnap' || kind === 'msnap') && parts.length === 3)
    return { kind, region, name: parts[2] };
  if (kind === 'evt' && parts.length >= 3) return { kind, region, rest: parts.slice(2).join(':') };
  throw bad();
}

export function groupId(region: string, rtype: ResourceType, resource: string): string {
  return `${region}/${rtype}/${resource}`;
}

/** The resource a group id names (undefined for a region's own group). */
export function parseGroupId(group: string): { region: string; rtype: ResourceType; resource: string } | undefined {
  const [region, rtype, ...rest] = group.split('/');
  return rtype && RTYPES.has(rtype) && rest.length
    ? { region, rtype: rtype as ResourceType, resource: rest.join('/') }
    : undefined;
}

export function regionGroupId(region: string): string {
  return region;
}
