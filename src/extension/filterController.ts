import type { TaskStore } from '../core/store';
import { EMPTY_FILTER, type FilterState, filterMessage, isFiltered, parseFilterState, toQuery } from './taskFilter';
import { TaskTypeCatalog } from './taskTypeCatalog';

const FILTER_KEY = 'redisTasks.filter';

/** The part of `vscode.Memento` used here (globalState), so the unit tests need no VS Code. */
export interface FilterMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

/** Where the chosen filter goes: the service asks the servers with it. */
export interface FilterTarget {
  setQuery(query: ReturnType<typeof toQuery>, windowMs?: number): void;
}

/**
 * Holds the filter the person chose and the hide-finished toggle, persisted across windows, and hands the service
 * the query they make. The view's message and the title-bar context keys read it.
 */
export class FilterController {
  readonly types: TaskTypeCatalog;
  private state: FilterState;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly memento: FilterMemento,
    private readonly target: FilterTarget,
    store: TaskStore,
  ) {
    this.types = new TaskTypeCatalog(store);
    this.subscription = store.onDidChange(change => {
      for (const r of change.tasks) {
        const t = store.task(r.connectionId, r.taskId);
        if (t) this.types.add(t);
      }
    });
    this.state = parseFilterState(memento.get(FILTER_KEY));
    this.apply();
  }

  get(): FilterState {
    return { ...this.state, statuses: [...this.state.statuses], types: [...this.state.types] };
  }

  /** Filter Tasks' answer; the hide-finished toggle is kept as it is. */
  set(next: Omit<FilterState, 'hideFinished'>): Promise<void> {
    return this.update({ ...next, hideFinished: this.state.hideFinished });
  }

  clear(): Promise<void> {
    return this.update({ ...EMPTY_FILTER, hideFinished: this.state.hideFinished });
  }

  setHideFinished(hide: boolean): Promise<void> {
    return this.update({ ...this.state, hideFinished: hide });
  }

  isFiltered(): boolean {
    return isFiltered(this.state);
  }

  get hideFinished(): boolean {
    return this.state.hideFinished;
  }

  /** For `TreeView.message`: undefined when nothing is hidden. */
  message(): string | undefined {
    return filterMessage(this.state, code => this.types.nameOf(code));
  }

  private async update(next: FilterState): Promise<void> {
    this.state = next;
    this.apply();
    await this.memento.update(FILTER_KEY, next);
  }

  private apply(): void {
    this.target.setQuery(toQuery(this.state), this.state.windowMs);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
