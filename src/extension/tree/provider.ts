import * as vscode from 'vscode';
import { isEmulated } from '../consoleLink';
import { displayGroup } from '../displayNames';
import type { ConnectionConfig } from '../../core/connection';
import type { PollerTimer } from '../../core/poller';
import type { StoreChange, TaskStore } from '../../core/store';
import type { Task, TaskGroup } from '../../core/task';
import { foldKey, foldSimilar, isFold } from './folds';
import {
  ConnectionNode,
  ErrorNode,
  FoldNode,
  GroupNode,
  LoadMoreNode,
  MessageNode,
  TaskNode,
  nodeId,
  type TreeNode,
} from './nodes';
import { errorText } from '../errorText';
import { warmRelativeTime, type TaskRowState } from './format';

export interface TaskTreeDeps {
  store: TaskStore;
  connections(): ConnectionConfig[];
  consoleUrl(connectionId: string): string | undefined;
  now?(): number;
  /** The active filter; every row the tree shows passes it, kept tasks included. */
  shows?(task: Task): boolean;
  /**
   * Whether a filter or the hide-finished toggle is on. The sources are asked with it (and pass it to the servers),
   * so a group can hold no task because of the filter: its empty row must say so, not that the instance has none.
   */
  filtering?(): boolean;
  /** Re-renders ages while the view is visible; tests pass a manual timer. */
  timer?: PollerTimer;
}

/** What every task row of a group is drawn with; each row adds whether it is being cancelled. */
type GroupRowState = Omit<TaskRowState, 'cancelling' | 'cancelRequestedAt'> & {
  connectionName: string;
  consoleUrl?: string;
};

/**
 * How often the visible rows are drawn again so "started 3 min ago" stays true. Ages are rounded to the unit shown,
 * so a row may be behind by this much at most: well inside the minute the tooltip and the details panel agree to.
 */
export const AGE_REFRESH_MS = 20_000;

/**
 * Connection → groups → tasks, read from the store. Nodes are cached by id and updated in place, because VS Code
 * matches a fired element by identity: firing the same object redraws exactly that row.
 */
export class TaskTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, TreeNode>();
  private readonly parents = new Map<string, TreeNode | undefined>();
  /**
   * Per group row, what its children were last drawn with: a fired row that is not drawn shows nothing, and a folded
   * task whose outcome changes moves, so its group is redrawn. Looked up by task only when first asked
   * (`drawnIndex`): indexing thousands of folded tasks on every draw was half the cost of drawing a group.
   */
  private readonly drawn = new Map<string, DrawnGroup>();
  private readonly subscription: { dispose(): void };
  private visible = false;
  private tick?: unknown;

  private readonly unwarm: () => void;

  constructor(private readonly deps: TaskTreeDeps) {
    this.subscription = deps.store.onDidChange(c => this.onStoreChange(c));
    this.unwarm = warmRelativeTime();
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : this.deps.timer ? this.deps.timer.now() : Date.now();
  }

  private shows(task: Task): boolean {
    return this.deps.shows ? this.deps.shows(task) : true;
  }

  /**
   * The view is visible or not. While visible, every row is drawn again each `AGE_REFRESH_MS` from what the store
   * holds (no request), so ages move and a relative time window ("last 24 hours") lets old rows go.
   */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (visible) {
      this.refreshAll();
      this.armTick();
    } else if (this.tick !== undefined) {
      this.deps.timer?.clearTimeout(this.tick);
      this.tick = undefined;
    }
  }

  private armTick(): void {
    const timer = this.deps.timer;
    if (!timer || !this.visible) return;
    this.tick = timer.setTimeout(() => {
      this.tick = undefined;
      this.refreshAll();
      this.armTick();
    }, AGE_REFRESH_MS);
  }

  getTreeItem(element: TreeNode): vscode.TreeItem {
    return element;
  }

  getParent(element: TreeNode): TreeNode | undefined {
    if (!element.id) return undefined;
    // A task in a fold never opened has no entry of its own (reveal asks for it), and one that was drawn before it
    // was folded has an old one: the fold of the latest draw wins.
    if (element instanceof TaskNode)
      return this.foldAround(element.connectionId, element.task.id) ?? this.parents.get(element.id);
    return this.parents.get(element.id);
  }

  /** The fold row a task sits in, as its group was last drawn; undefined when it is not folded. */
  private foldAround(connectionId: string, taskId: string): FoldNode | undefined {
    const t = this.deps.store.task(connectionId, taskId);
    return t && this.drawnIndex(nodeId.group(connectionId, t.group))?.foldOf.get(taskId);
  }

  private drawnIndex(groupNodeId: string): DrawnIndex | undefined {
    const d = this.drawn.get(groupNodeId);
    if (!d) return undefined;
    if (!d.index) {
      const foldOf = new Map<string, FoldNode>();
      for (const f of d.folds) for (const t of f.fold.tasks) foldOf.set(t.id, f);
      d.index = { shown: new Set(d.tasks.map(t => t.id)), foldOf };
    }
    return d.index;
  }

  getChildren(element?: TreeNode): TreeNode[] {
    const children = this.childrenOf(element);
    for (const c of children) if (c.id) this.parents.set(c.id, element);
    return children;
  }

  /** The cached node for a task, when the tree has shown it (for reveal and tests). */
  taskNode(connectionId: string, taskId: string): TaskNode | undefined {
    const id = nodeId.task(connectionId, taskId);
    const n = this.nodes.get(id);
    if (n instanceof TaskNode) return n;
    // A task in a fold that was never opened has a parent but no row yet: made now, for reveal.
    const task = this.deps.store.task(connectionId, taskId);
    const fold = this.foldAround(connectionId, taskId);
    if (!task || !fold) return undefined;
    const group = this.deps.store.connection(connectionId)?.groups.find(g => g.id === fold.groupId);
    return this.taskNodeOf(
      connectionId,
      task,
      this.rowState(connectionId, group ?? { id: fold.groupId, label: fold.groupId }, this.now()),
    );
  }

  /** What every task row of a group is drawn with, beside the task itself. */
  private rowState(connectionId: string, group: Pick<TaskGroup, 'id' | 'label'>, now: number): GroupRowState {
    const view = this.deps.store.connection(connectionId);
    const config = this.deps.connections().find(c => c.id === connectionId);
    const failed = view && failedAbove(view.groups, group.id);
    return {
      stale: (view?.stale ?? false) || failed !== undefined,
      staleRegion: failed?.label,
      now,
      connectionName: config?.name ?? connectionId,
      consoleUrl: this.deps.consoleUrl(connectionId),
      emulated: isEmulated(config),
      group: { id: group.id, label: group.label },
    };
  }

  private taskNodeOf(connectionId: string, t: Task, state: GroupRowState): TaskNode {
    const s = {
      ...state,
      cancelling: this.deps.store.isCancelling(connectionId, t.id),
      cancelRequestedAt: this.deps.store.unansweredCancel(connectionId, t.id),
    };
    return this.cached(
      nodeId.task(connectionId, t.id),
      () => new TaskNode(t, s),
      n => (n as TaskNode).update(t, s),
    ) as TaskNode;
  }

  /** Everything changed (connections added or removed, filter changed). */
  refreshAll(): void {
    this.changed.fire(undefined);
  }

  private childrenOf(element?: TreeNode): TreeNode[] {
    const { store } = this.deps;
    const now = this.now();
    if (!element) {
      return this.deps.connections().map(c =>
        this.cached(
          nodeId.connection(c.id),
          () => new ConnectionNode(c, store.connection(c.id), now),
          n => (n as ConnectionNode).update(c, store.connection(c.id), now),
        ),
      );
    }
    if (element instanceof ConnectionNode) {
      const id = element.connectionId;
      const view = store.connection(id);
      const out: TreeNode[] = [];
      // The error row stays while a retry is on its way, so it does not blink at every attempt.
      if (view?.error) {
        const message = errorText(view.error);
        const node = new ErrorNode(id, message);
        this.nodes.set(node.id!, node);
        out.push(node);
      }
      if (!view || (view.status === 'loading' && view.groups.length === 0)) {
        out.push(new MessageNode(nodeId.message(id, '', 'loading'), vscode.l10n.t('Loading tasks…'), 'loading~spin'));
        return out;
      }
      const nested = hasSubgroups(view.groups);
      for (const g of topGroups(view.groups)) {
        if (!nested && isEmptyParent(g, view.groups, this.shownOf(id, g.id).length)) continue;
        out.push(this.groupNode(id, g, view.groups));
      }
      if (view.groups.length === 0 && view.status === 'ok')
        out.push(new MessageNode(nodeId.message(id, '', 'empty'), this.emptyText(false)));
      return out;
    }
    if (element instanceof GroupNode) {
      const id = element.connectionId;
      const view = store.connection(id);
      const state = this.rowState(id, element.group, now);
      const allTasks = store.tasksOf(id, element.groupId);
      const tasks = allTasks.filter(t => this.shows(t));
      const folds: FoldNode[] = [];
      this.drawn.set(element.id!, { tasks, folds });
      const taskNode = (t: Task) => this.taskNodeOf(id, t, state);
      // A region row (several regions): its instances first, then the region's own tasks (events of no instance).
      const groups = view?.groups ?? [];
      const subgroups = hasSubgroups(groups) ? groups.filter(g => g.parent === element.groupId) : [];
      const out: TreeNode[] = subgroups.map(g => this.groupNode(id, g, groups));
      for (const row of foldSimilar(tasks)) {
        if (!isFold(row)) {
          out.push(taskNode(row));
          continue;
        }
        const fold = this.cached(
          nodeId.fold(id, element.groupId, row.key),
          () => new FoldNode(id, element.groupId, row, now),
          n => (n as FoldNode).update(row, now),
        ) as FoldNode;
        // The rows inside are made when the fold is opened (or a task in it revealed): a group of thousands of
        // finished tasks folds into a few rows, and building the rows nobody sees was most of the cost of drawing it.
        folds.push(fold);
        out.push(fold);
      }
      if (view?.more[element.groupId])
        out.push(
          this.cached(
            nodeId.more(id, element.groupId),
            () => new LoadMoreNode(id, element.groupId),
            () => undefined,
          ),
        );
      if (!tasks.length && !subgroups.length) {
        out.push(
          new MessageNode(
            nodeId.message(id, element.groupId, 'empty'),
            (element.group.failure && errorText(element.group.failure)) ??
              element.group.unsupportedReason ??
              this.emptyText(allTasks.length > 0),
          ),
        );
      }
      return out;
    }
    if (element instanceof FoldNode) {
      const id = element.connectionId;
      const group = store.connection(id)?.groups.find(g => g.id === element.groupId);
      const state = this.rowState(id, group ?? { id: element.groupId, label: element.groupId }, now);
      return element.fold.tasks.map(t => this.taskNodeOf(id, t, state));
    }
    return [];
  }

  /** What an empty group or connection says: the filter is named when it is on, or when it hid the tasks held. */
  private emptyText(hidden: boolean): string {
    return hidden || this.deps.filtering?.() ? vscode.l10n.t('No tasks match the filter') : vscode.l10n.t('No tasks');
  }

  /** A group row; a region row counts the running tasks of its instances too. */
  private groupNode(connectionId: string, g: TaskGroup, all: readonly TaskGroup[]): TreeNode {
    const tasks = this.countedOf(connectionId, g, all);
    return this.cached(
      nodeId.group(connectionId, g.id),
      () => new GroupNode(connectionId, displayGroup(g), tasks),
      n => (n as GroupNode).update(displayGroup(g), tasks),
    );
  }

  /** What a group row counts: its own tasks, and those of the groups under it when it is a region row. */
  private countedOf(connectionId: string, g: TaskGroup, all: readonly TaskGroup[]): Task[] {
    const own = this.shownOf(connectionId, g.id);
    if (!hasSubgroups(all)) return own;
    return [...own, ...all.filter(x => x.parent === g.id).flatMap(x => this.shownOf(connectionId, x.id))];
  }

  private cached(id: string, create: () => TreeNode, update: (n: TreeNode) => void): TreeNode {
    const n = this.nodes.get(id);
    if (n) {
      update(n);
      return n;
    }
    const created = create();
    this.nodes.set(id, created);
    return created;
  }

  private onStoreChange(change: StoreChange): void {
    for (const r of change.removed) {
      this.nodes.delete(nodeId.task(r.connectionId, r.taskId));
      this.parents.delete(nodeId.task(r.connectionId, r.taskId));
    }
    const fire = new Set<TreeNode>();
    const connections = new Set(change.connections);
    const now = this.now();
    // VS Code redraws a fired row from getTreeItem, which returns the cached node as it is: update it first, or the
    // row keeps its old description ("loading…", "2 running") while its children are new.
    for (const c of connections) {
      const n = this.nodes.get(nodeId.connection(c));
      const config = this.deps.connections().find(x => x.id === c);
      if (n instanceof ConnectionNode && config) n.update(config, this.deps.store.connection(c), now);
      if (n) fire.add(n);
      else if (this.deps.connections().some(x => x.id === c)) {
        // The connection row has not been drawn yet (first load): the root must be asked again.
        this.changed.fire(undefined);
        return;
      }
    }
    for (const g of change.groups) {
      if (connections.has(g.connectionId)) continue;
      const n = this.nodes.get(nodeId.group(g.connectionId, g.groupId));
      const group = this.deps.store.connection(g.connectionId)?.groups.find(x => x.id === g.groupId);
      const all = this.deps.store.connection(g.connectionId)?.groups ?? [];
      if (n instanceof GroupNode && group) n.update(displayGroup(group), this.countedOf(g.connectionId, group, all));
      this.updateRegionRow(g.connectionId, group, all, fire);
      if (n) fire.add(n);
      else {
        const parent = this.nodes.get(nodeId.connection(g.connectionId));
        if (parent) fire.add(parent);
      }
    }
    const firedGroups = new Set(change.groups.map(g => `${g.connectionId}\u0000${g.groupId}`));
    for (const t of change.tasks) {
      if (connections.has(t.connectionId)) continue;
      const n = this.nodes.get(nodeId.task(t.connectionId, t.taskId));
      const task = this.deps.store.task(t.connectionId, t.taskId);
      if (!task || firedGroups.has(`${t.connectionId}\u0000${task.group}`)) continue;
      const shown = this.shows(task);
      const groupId = nodeId.group(t.connectionId, task.group);
      const folded = this.drawnIndex(groupId)?.foldOf.get(task.id)?.fold.key;
      if (folded !== undefined && folded !== foldKey(task)) {
        const group = this.nodes.get(groupId);
        if (group) fire.add(group);
        continue;
      }
      const drawn = this.drawnIndex(groupId)?.shown.has(task.id) ?? false;
      if (!(n instanceof TaskNode) || shown !== drawn || !shown) {
        // The filter now hides a drawn row, or shows a row not drawn: the group's children change.
        const group = this.nodes.get(groupId);
        if (group instanceof GroupNode && shown !== drawn) {
          const g = this.deps.store.connection(t.connectionId)?.groups.find(x => x.id === task.group);
          if (g) group.update(displayGroup(g), this.shownOf(t.connectionId, task.group));
          fire.add(group);
        }
        continue;
      }
      const view = this.deps.store.connection(t.connectionId);
      const config = this.deps.connections().find(c => c.id === t.connectionId);
      const g = view?.groups.find(x => x.id === task.group);
      const failed = view && failedAbove(view.groups, task.group);
      n.update(task, {
        group: g && { id: g.id, label: g.label },
        stale: (view?.stale ?? false) || failed !== undefined,
        staleRegion: failed?.label,
        now,
        cancelling: this.deps.store.isCancelling(t.connectionId, t.taskId),
        cancelRequestedAt: this.deps.store.unansweredCancel(t.connectionId, t.taskId),
        connectionName: config?.name ?? t.connectionId,
        consoleUrl: this.deps.consoleUrl(t.connectionId),
        emulated: isEmulated(config),
      });
      fire.add(n);
      // The group row counts its running tasks ("2 running"): a task that finished changes that count, so redraw
      // the group row too, but only then (a progress tick still redraws just the task's row).
      const group = this.nodes.get(nodeId.group(t.connectionId, task.group));
      if (group instanceof GroupNode) {
        const before = group.description;
        const all = view?.groups ?? [];
        group.update(group.group, this.countedOf(t.connectionId, group.group, all));
        if (group.description !== before) fire.add(group);
        this.updateRegionRow(t.connectionId, group.group, all, fire);
      }
    }
    if (fire.size) this.changed.fire([...fire]);
  }

  /** The region row over a changed instance counts its tasks too: redraw it when its count changed. */
  private updateRegionRow(
    connectionId: string,
    group: TaskGroup | undefined,
    all: readonly TaskGroup[],
    fire: Set<TreeNode>,
  ): void {
    if (!group?.parent || !hasSubgroups(all)) return;
    const region = this.nodes.get(nodeId.group(connectionId, group.parent));
    const g = all.find(x => x.id === group.parent);
    if (!(region instanceof GroupNode) || !g) return;
    const before = region.description;
    region.update(displayGroup(g), this.countedOf(connectionId, g, all));
    if (region.description !== before) fire.add(region);
  }

  private shownOf(connectionId: string, groupId: string): Task[] {
    return this.deps.store.tasksOf(connectionId, groupId).filter(t => this.shows(t));
  }

  dispose(): void {
    this.unwarm();
    this.setVisible(false);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/**
 * What a group row's children were last drawn with (`TaskTreeProvider.drawn`). A fold row is updated only by its
 * group's draw, which replaces this record, so its `fold` is still the one drawn.
 */
interface DrawnGroup {
  tasks: readonly Task[];
  folds: readonly FoldNode[];
  index?: DrawnIndex;
}

interface DrawnIndex {
  /** The ids of the tasks drawn, folded or not. */
  shown: Set<string>;
  foldOf: Map<string, FoldNode>;
}

/**
 * The groups a connection row shows. Groups that name a parent (AWS: an instance under its region) sit under it when
 * there are several parents, so a connection of several regions reads connection → region → instance → tasks. With
 * one region that level says nothing: the instances are shown directly under the connection, as for every other
 * provider, and the region's own row stays only when it holds tasks of its own.
 */
export function topGroups(groups: readonly TaskGroup[]): TaskGroup[] {
  if (hasSubgroups(groups)) return groups.filter(g => !g.parent || !groups.some(p => p.id === g.parent));
  return [...groups];
}

/** Groups under parents, and more than one top group (several regions): the region level is shown. */
export function hasSubgroups(groups: readonly TaskGroup[]): boolean {
  const ids = new Set(groups.map(g => g.id));
  return groups.some(g => g.parent && ids.has(g.parent)) && groups.filter(g => !g.parent).length > 1;
}

/** With one region, its own row is shown only when it holds tasks of its own (events of no instance). */
function isEmptyParent(g: TaskGroup, groups: readonly TaskGroup[], shown: number): boolean {
  return shown === 0 && groups.some(x => x.parent === g.id);
}

/**
 * The group a task's rows sit under that could not be read in the latest refresh (a region of several: it carries
 * `failure`, its own row or an ancestor's): the rows below it are its last known data.
 */
function failedAbove(groups: readonly TaskGroup[], groupId: string): TaskGroup | undefined {
  let g = groups.find(x => x.id === groupId);
  // Region → instance is two levels; the bound only guards against a parent loop in a hostile answer.
  for (let depth = 0; g && depth < 4; depth++) {
    if (g.failure) return g;
    const parent = g.parent;
    g = parent === undefined ? undefined : groups.find(x => x.id === parent);
  }
  return undefined;
}
