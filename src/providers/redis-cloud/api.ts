import * as say from '../../core/say';
import { REDIS_CLOUD_API } from './descriptor';
import { gateJson } from '../../http/gate';
import type { HttpClient } from '../../http/client';
import { errorFromResponse, retryAfterMs } from './errors';
import type { RateLimiter } from './rate-limiter';
import {
  parseDatabases,
  parseResourceStatus,
  parseSubscriptions,
  parseTask,
  parseTaskList,
  type WireDatabasePage,
  type WireResourceStatus,
  type WireSubscription,
  type WireTask,
} from './wire';

/** The resource a task acted on, as the API addresses it. */
export interface ResourceRef {
  plan: 'pro' | 'essentials';
  subscriptionId: string;
  /** Absent: the subscription itself. */
  databaseId?: string;
}

export const DEFAULT_ENDPOINT = REDIS_CLOUD_API;

/** When a 429 carries no delay: the quota is per minute, so a short pause is usually enough to get back under. */
const DEFAULT_THROTTLE_PAUSE_MS = 10_000;

export interface RedisCloudApiOptions {
  http: HttpClient;
  /** API base; paths are appended (`<endpoint>/tasks`). */
  endpoint: string;
  accountKey: string;
  secretKey: string;
  limiter: RateLimiter;
}

/** The Redis Cloud REST API calls we make: every request rate-limited, authenticated and parsed here. */
export class RedisCloudApi {
  private readonly base: string;

  constructor(private readonly options: RedisCloudApiOptions) {
    this.base = options.endpoint.replace(/\/+$/, '');
  }

  private redact = (s: string): string => {
    let out = s;
    for (const secret of [this.options.secretKey, this.options.accountKey]) {
      if (secret && secret.length >= 4) out = out.split(secret).join('***');
    }
    return out;
  };

  private async get(path: string, what: say.Words, signal?: AbortSignal): Promise<unknown> {
    const { limiter } = this.options;
    await limiter.acquire(signal);
    let attempt = 0;
    const res = await this.options.http.request({
      method: 'GET',
      url: `${this.base}${path}`,
      headers: { 'x-api-key': this.options.accountKey, 'x-api-secret-key': this.options.secretKey },
      // Called once per attempt: the HTTP layer's retries count against the same quota.
      sign: req => {
        if (++attempt > 1) limiter.charge();
        return req;
      },
      signal,
      what,
    });
    const remaining = Number(res.headers['x-rate-limit-remaining']);
    if (res.headers['x-rate-limit-remaining'] !== undefined) limiter.observeRemaining(remaining);
    if (res.status === 429) {
      // A zero, negative or past Retry-After reads as 0: that is no advice, never "go again now".
      const advised = retryAfterMs(res.headers);
      limiter.pause(advised !== undefined && advised > 0 ? advised : DEFAULT_THROTTLE_PAUSE_MS);
    }
    return gateJson(res, {
      what,
      hint: say.t('Is the endpoint the Redis Cloud API?'),
      error: r => errorFromResponse(r, what, this.redact),
    });
  }

  async listTasks(signal?: AbortSignal): Promise<WireTask[]> {
    return parseTaskList(await this.get('/tasks', say.t('the list of tasks'), signal));
  }

  async getTask(id: string, signal?: AbortSignal): Promise<WireTask> {
    return parseTask(await this.get(`/tasks/${encodeURIComponent(id)}`, say.t('task {0}', id), signal), 'task');
  }

  /** Whether a request could go now without waiting for the rate limiter: follow-up reads go only then. */
  hasSpareCapacity(): boolean {
    return this.options.limiter.delayMs() === 0;
  }

  /** A subscription's or a database's provisioning status (`pending` until the task's work is in place). */
  async getResourceStatus(ref: ResourceRef, signal?: AbortSignal): Promise<WireResourceStatus> {
    const prefix = ref.plan === 'essentials' ? '/fixed/subscriptions' : '/subscriptions';
    const sub = `${prefix}/${encodeURIComponent(ref.subscriptionId)}`;
    const path = ref.databaseId ? `${sub}/databases/${encodeURIComponent(ref.databaseId)}` : sub;
    const what = ref.databaseId
      ? `database ${ref.databaseId} of subscription ${ref.subscriptionId}`
      : `subscription ${ref.subscriptionId}`;
    return parseResourceStatus(await this.get(path, what, signal), what);
  }

  async listSubscriptions(signal?: AbortSignal): Promise<WireSubscription[]> {
    return parseSubscriptions(await this.get('/subscriptions', say.t('the list of Pro subscriptions'), signal), 'pro');
  }

  async listFixedSubscriptions(signal?: AbortSignal): Promise<WireSubscription[]> {
    return parseSubscriptions(
      await this.get('/fixed/subscriptions', say.t('the list of Essentials subscriptions'), signal),
      'essentials',
    );
  }

  async listDatabases(
    sub: WireSubscription,
    offset: number,
    limit: number,
    signal?: AbortSignal,
  ): Promise<WireDatabasePage> {
    const prefix = sub.plan === 'pro' ? '/subscriptions' : '/fixed/subscriptions';
    const path = `${prefix}/${encodeURIComponent(sub.id)}/databases?offset=${offset}&limit=${limit}`;
    return parseDatabases(await this.get(path, say.t('the databases of subscription {0}', sub.id), signal), sub.id);
  }
}
