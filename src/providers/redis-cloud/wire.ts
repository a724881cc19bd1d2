import { asObject, optArray, optString, reqString, type JsonObject } from '../../core/shape';
import { toNumber } from '../../core/task';

/**
 * The Redis Cloud API's payloads as we use them, parsed in one place. Field names follow the OpenAPI spec
 * (`TaskStateUpdate`, `ProcessorResponse`, `AccountSubscriptions`, `FixedSubscriptions`, `AccountSubscriptionDatabases`).
 */

/** `response.error`: documented as a string code, observed as an object `{type, status, description}`. */
export interface WireTaskError {
  type?: string;
  status?: string;
  description?: string;
}

export interface WireTask {
  taskId: string;
  commandType?: string;
  status: string;
  description?: string;
  /** ISO date-time of the task's last update. */
  timestamp?: string;
  resourceId?: string;
  additionalResourceId?: string;
  error?: WireTaskError;
  additionalInfo?: string;
  /** `href`s from `links[]` and HAL `_links`, which can name the subscription a task acts on. */
  hrefs: string[];
  raw: unknown;
}

export interface WireSubscription {
  id: string;
  name?: string;
  status?: string;
  /** Pro (flexible) or Essentials (fixed): they live under different paths. */
  plan: 'pro' | 'essentials';
}

export interface WireDatabase {
  id: string;
  name?: string;
  subscriptionId: string;
}

export interface WireDatabasePage {
  databases: WireDatabase[];
  /** What the server says the subscription holds, when it says so (to know whether another page exists). */
  total?: number;
}

function hrefsOf(obj: JsonObject, path: string): string[] {
  const out: string[] = [];
  if (Array.isArray(obj.links)) {
    obj.links.forEach((l, i) => {
      if (l && typeof l === 'object' && !Array.isArray(l)) {
        const href = optString(l as JsonObject, 'href', `${path}.links[${i}]`);
        if (href) out.push(href);
      }
    });
  }
  // HAL: `_links: {self: {href}, resource: {href}}` or arrays of those.
  if (obj._links && typeof obj._links === 'object' && !Array.isArray(obj._links)) {
    for (const [rel, v] of Object.entries(obj._links as JsonObject)) {
      for (const item of Array.isArray(v) ? v : [v]) {
        if (item && typeof item === 'object' && !Array.isArray(item)) {
          const href = optString(item as JsonObject, 'href', `${path}._links.${rel}`);
          if (href) out.push(href);
        }
      }
    }
  }
  return out;
}

function parseError(value: unknown, path: string): WireTaskError | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return { type: value };
  const o = asObject(value, path);
  const e = {
    type: optString(o, 'type', path),
    status: optString(o, 'status', path),
    description: optString(o, 'description', path),
  };
  return e.type || e.status || e.description ? e : undefined;
}

export function parseTask(value: unknown, path: string): WireTask {
  const o = asObject(value, path);
  const response = o.response === undefined || o.response === null ? {} : asObject(o.response, `${path}.response`);
  const rpath = `${path}.response`;
  return {
    taskId: reqString(o, 'taskId', path),
    commandType: optString(o, 'commandType', path),
    status: reqString(o, 'status', path),
    description: optString(o, 'description', path),
    timestamp: optString(o, 'timestamp', path),
    resourceId: optString(response, 'resourceId', rpath),
    additionalResourceId: optString(response, 'additionalResourceId', rpath),
    error: parseError(response.error, `${rpath}.error`),
    additionalInfo: optString(response, 'additionalInfo', rpath),
    hrefs: hrefsOf(o, path),
    raw: value,
  };
}

/** `GET /tasks`: the spec says `{tasks: [...]}`; some deployments and clients use a bare array. */
export function parseTaskList(value: unknown): WireTask[] {
  const list = Array.isArray(value) ? value : optArray(asObject(value, 'tasks response').tasks, 'tasks');
  return list.map((t, i) => parseTask(t, `tasks[${i}]`));
}

export function parseSubscriptions(value: unknown, plan: WireSubscription['plan']): WireSubscription[] {
  const root = Array.isArray(value) ? { subscriptions: value } : asObject(value, 'subscriptions response');
  const list = optArray(root.subscriptions, 'subscriptions');
  return list.map((s, i) => {
    const o = asObject(s, `subscriptions[${i}]`);
    return {
      id: reqString(o, 'id', `subscriptions[${i}]`),
      name: optString(o, 'name', `subscriptions[${i}]`),
      status: optString(o, 'status', `subscriptions[${i}]`),
      plan,
    };
  });
}

/** What `GET /subscriptions/{id}` and `GET /subscriptions/{id}/databases/{dbId}` (and their `/fixed` twins) say of a
 * resource's provisioning: `status` is `pending`, `active`, `deleting` or `error` (the API request lifecycle page). */
export interface WireResourceStatus {
  status?: string;
  raw: unknown;
}

export function parseResourceStatus(value: unknown, what: string): WireResourceStatus {
  const o = asObject(value, what);
  return { status: optString(o, 'status', what), raw: value };
}

/**
 * `GET /subscriptions/{id}/databases` (`subscription` is an array of one) and `GET /fixed/subscriptions/{id}/databases`
 * (`subscription` is an object): both carry `{subscriptionId, numberOfDatabases, databases[]}`.
 */
export function parseDatabases(value: unknown, subscriptionId: string): WireDatabasePage {
  const root = asObject(value, 'databases response');
  const entries =
    root.subscription === undefined || root.subscription === null
      ? []
      : Array.isArray(root.subscription)
        ? root.subscription
        : [root.subscription];
  const databases: WireDatabase[] = [];
  let total: number | undefined;
  entries.forEach((entry, i) => {
    const path = `subscription[${i}]`;
    const e = asObject(entry, path);
    const subId = optString(e, 'subscriptionId', path) ?? subscriptionId;
    if (subId !== subscriptionId) return;
    total = toNumber(e.numberOfDatabases) ?? total;
    optArray(e.databases, `${path}.databases`).forEach((d, j) => {
      const dpath = `${path}.databases[${j}]`;
      const db = asObject(d, dpath);
      databases.push({
        id: reqString(db, 'databaseId', dpath),
        name: optString(db, 'name', dpath),
        subscriptionId: subId,
      });
    });
  });
  return { databases, total };
}
