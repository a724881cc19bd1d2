import type { TaskStore } from '../core/store';
import type { Poller } from '../core/poller';
import type { ConnectionsModel } from './connections/model';
import type { DemoController } from './demo';
import type { FilterController } from './filterController';
import type { Prompts } from './prompts';
import type { TaskService } from './taskService';
import type { TaskTreeProvider } from './tree/provider';
import type { TaskLog } from './log';

/**
 * What `activate()` returns, for integration tests: they read the store, drive the poller, add connections, answer
 * prompts (replace a method of `prompts`: every flow calls through this object) and start the demo emulator.
 */
export interface RedisTasksApi {
  readonly store: TaskStore;
  readonly poller: Poller;
  readonly connections: ConnectionsModel;
  readonly prompts: Prompts;
  readonly demo: DemoController;
  readonly service: TaskService;
  readonly tree: TaskTreeProvider;
  readonly log: TaskLog;
  readonly filter: FilterController;
  /** The view's message line (a filter is on), as VS Code shows it. */
  readonly view: { readonly message?: string };
}
