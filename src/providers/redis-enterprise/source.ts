import { ProviderError, isProviderError } from '../../core/errors';
import * as say from '../../core/say';
import { mapSliced } from '../../core/slices';
import type { ConnectionConfig, ConnectionSecret } from '../../core/connection';
import type { CancelOptions, GetTaskOptions, TaskSource } from '../../core/source';
import type { Task, TaskGroup, TaskPage, TaskQuery, TaskSnapshot } from '../../core/task';
import type { SourceDeps } from '../factory';
import { EnterpriseClient } from './client';
import { NameCache } from './names';
import {
  GROUP_ACTIONS,
  GROUP_CRDB,
  GROUP_STATE_MACHINES,
  actionToTask,
  bdbUidOf,
  crdbTaskToTask,
  type NormaliseContext,
} from './normalise';
import {
  parseBdbNames,
  parseClusterName,
  parseCrdbNames,
  parseCrdbTask,
  parseCrdbTaskList,
  parseV1Action,
  parseV1Actions,
  parseV2Action,
  parseV2Actions,
  type ActionKind,
  type ActionWire,
  type CrdbTaskWire,
} from './wire';

const CRDB_LIST = { what: say.t('the list of Active-Active (CRDB) tasks'), permission: 'view_crdb_task_list' };
const ACTIONS_LIST = { what: say.t('the list of cluster actions'), permission: 'view_status_of_cluster_action' };

type ActionsApi = 'v1' | 'v2';

interface GroupResult<T> {
  items: T[];
  unsupportedReason?: string;
}

/** `https://<endpoint host>:8443/`: the cluster manager UI, unless the connection names another. */
export function consoleUrlFor(config: ConnectionConfig, apiBase: URL): string {
  const override = config.options?.consoleUrl;
  if (typeof override === 'string' && override.trim()) return override.trim();
  // URL.hostname keeps the brackets of an IPv6 literal, so this stays a valid URL.
  return `https://${apiBase.hostname}:8443/`;
}

export class RedisEnterpriseSource implements TaskSource {
  readonly provider = 'redis-enterprise' as const;
  readonly connectionId: string;
  private readonly client: EnterpriseClient;
  private readonly names: NameCache;
  private readonly console: string;
  /** Which actions API this cluster has, learned from the first list (7.22+ has v2). */
  private actionsApi: ActionsApi | undefined;

  constructor(config: ConnectionConfig, secret: ConnectionSecret, deps: SourceDeps) {
    this.connectionId = config.id;
    this.client = new EnterpriseClient(config, secret, deps);
    this.console = consoleUrlFor(config, this.client.base);
    this.names = new NameCache(
      {
        cluster: async () =>
          parseClusterName(
            await this.client.getJson('/v1/cluster', {
              what: say.t('the cluster name'),
              permission: 'view_cluster_info',
            }),
          ),
        bdbs: async () =>
          parseBdbNames(
            await this.client.getJson('/v1/bdbs?fields=uid,name', {
              what: say.t('the database names'),
              permission: 'view_all_bdbs_info',
            }),
          ),
        crdbs: async () =>
          parseCrdbNames(await this.client.getJson('/v1/crdbs', { what: say.t('the Active-Active database names') })),
      },
      deps.now ?? Date.now,
    );
  }

  get actionsApiVersion(): ActionsApi | undefined {
    return this.actionsApi;
  }

  consoleUrl(): string {
    return this.console;
  }

  async refresh(query: TaskQuery, signal?: AbortSignal): Promise<TaskSnapshot> {
    // Names first-fetch runs beside the task lists; an unknown uid in the answers triggers a second, targeted look.
    const namesReady = this.names.ensure();
    const [crdb, actions] = await Promise.all([this.listCrdbTasks(signal), this.listActions(signal), namesReady]);
    await this.names.ensure({
      bdbs: actions.items.map(bdbUidOf).filter((u): u is string => u !== undefined),
      crdbs: crdb.items.map(t => t.crdbGuid).filter((g): g is string => g !== undefined),
    });
    const ctx = this.context();
    const tasks = [
      ...(await mapSliced(crdb.items, w => crdbTaskToTask(w, ctx))),
      ...(await mapSliced(actions.items, w => actionToTask(w, ctx))),
    ].filter(t => matches(t, query));
    const description = this.names.cluster;
    const groups: TaskGroup[] = [
      {
        id: GROUP_CRDB,
        label: 'Active-Active tasks',
        kind: 'crdb-tasks',
        description,
        unsupportedReason: crdb.unsupportedReason,
      },
      {
        id: GROUP_ACTIONS,
        label: 'Actions',
        kind: 'actions',
        description,
        unsupportedReason: actions.unsupportedReason,
      },
      {
        id: GROUP_STATE_MACHINES,
        label: 'State machines',
        kind: 'state-machines',
        description,
        unsupportedReason: actions.unsupportedReason,
      },
    ];
    return { groups, tasks, more: {} };
  }

  /** This API does not page: everything comes with `refresh`. */
  async loadMore(): Promise<TaskPage> {
    return { tasks: [] };
  }

  async getTask(id: string, options: GetTaskOptions = {}): Promise<Task> {
    const group = options.group;
    if (group === undefined || group === GROUP_CRDB) {
      const crdb = await this.tryGetCrdbTask(id, options);
      if (crdb) {
        await this.names.ensure({ bdbs: [], crdbs: crdb.crdbGuid ? [crdb.crdbGuid] : [] });
        return crdbTaskToTask(crdb, this.context());
      }
      if (group === GROUP_CRDB) throw notFound(id);
    }
    const kind: ActionKind | undefined =
      group === GROUP_STATE_MACHINES ? 'state-machine' : group === GROUP_ACTIONS ? 'action' : undefined;
    const action = await this.tryGetAction(id, kind, options.signal);
    if (!action) throw notFound(id);
    const uid = bdbUidOf(action);
    await this.names.ensure({ bdbs: uid ? [uid] : [], crdbs: [] });
    return actionToTask(action, this.context());
  }

  async cancelTask(id: string, options: CancelOptions = {}): Promise<void> {
    await this.client.cancelCrdbTask(id, options.force === true, options.signal);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private context(): NormaliseContext {
    return {
      connectionId: this.connectionId,
      consoleUrl: this.console,
      bdbName: uid => this.names.bdb(uid),
      crdbName: guid => this.names.crdb(guid),
    };
  }

  private async listCrdbTasks(signal?: AbortSignal): Promise<GroupResult<CrdbTaskWire>> {
    try {
      return { items: await parseCrdbTaskList(await this.client.getJson('/v1/crdb_tasks', CRDB_LIST, { signal })) };
    } catch (e) {
      // Older clusters answer only GET /v1/crdb_tasks/{id}: a 404 on the list means "not supported", not "no tasks".
      if (isNotFound(e))
        return {
          items: [],
          unsupportedReason:
            'This cluster version cannot list Active-Active tasks (GET /v1/crdb_tasks answers 404). Upgrade the cluster to see them here.',
        };
      if (isProviderError(e) && e.kind === 'forbidden') return { items: [], unsupportedReason: e.message };
      throw e;
    }
  }

  private async listActions(signal?: AbortSignal): Promise<GroupResult<ActionWire>> {
    try {
      if (this.actionsApi !== 'v1') {
        try {
          const items = await parseV2Actions(await this.client.getJson('/v2/actions', ACTIONS_LIST, { signal }));
          this.actionsApi = 'v2';
          return { items };
        } catch (e) {
          if (!isNotFound(e)) throw e;
          this.actionsApi = 'v1'; // before 7.22: v1 only, and it stays that way for this source
        }
      }
      return { items: await parseV1Actions(await this.client.getJson('/v1/actions', ACTIONS_LIST, { signal })) };
    } catch (e) {
      if (isProviderError(e) && e.kind === 'forbidden') return { items: [], unsupportedReason: e.message };
      throw e;
    }
  }

  private async tryGetCrdbTask(id: string, options: GetTaskOptions): Promise<CrdbTaskWire | undefined> {
    const headers: Record<string, string> = {};
    if (options.resultTtlSeconds !== undefined)
      headers['x-result-ttl'] = String(Math.max(0, Math.round(options.resultTtlSeconds)));
    try {
      const body = await this.client.getJson(
        `/v1/crdb_tasks/${encodeURIComponent(id)}?verbose=true`,
        { what: say.t('CRDB task {0}', id), permission: 'view_crdb_task' },
        { headers, signal: options.signal },
      );
      return parseCrdbTask(body);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /** v2 first unless this cluster is known to be v1. A 404 on v2 may mean "no such uid" or "no v2": ask v1 too. */
  private async tryGetAction(
    uid: string,
    kind: ActionKind | undefined,
    signal?: AbortSignal,
  ): Promise<ActionWire | undefined> {
    const purpose = { what: say.t('action {0}', uid), permission: 'view_status_of_cluster_action' };
    const path = `/actions/${encodeURIComponent(uid)}`;
    if (this.actionsApi !== 'v1') {
      try {
        return parseV2Action(await this.client.getJson(`/v2${path}`, purpose, { signal }));
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    try {
      return parseV1Action(await this.client.getJson(`/v1${path}`, purpose, { signal }), 'action', kind);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }
}

function isNotFound(e: unknown): boolean {
  return isProviderError(e) && e.kind === 'not-found';
}

function notFound(id: string): ProviderError {
  return new ProviderError(
    'not-found',
    say.t(
      'Task {0} was not found on the cluster: it may have finished more than its result time-to-live ago, or the id is wrong.',
      id,
    ),
    { status: 404 },
  );
}

/** The query applied here: this API has no server-side filters. Tasks without a start time pass time filters. */
export function matches(task: Task, query: TaskQuery): boolean {
  if (query.statuses?.length && !query.statuses.includes(task.status)) return false;
  if (query.types?.length && (task.type === undefined || !query.types.includes(task.type))) return false;
  if (query.since !== undefined && task.startedAt !== undefined && task.startedAt < query.since) return false;
  if (query.until !== undefined && task.startedAt !== undefined && task.startedAt > query.until) return false;
  if (query.instanceId && task.target?.id !== query.instanceId && task.target?.name !== query.instanceId) return false;
  return true;
}
