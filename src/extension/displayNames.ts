import * as vscode from 'vscode';
import type { Task, TaskGroup } from '../core/task';

/**
 * Providers stay free of vscode, so they name tasks and task families in English from their tables
 * (`src/providers/<provider>/task-types.ts`, `redis-enterprise/labels.ts`). The l10n bundles carry every one of those names as a
 * key; this translates them at display time. A name no bundle knows (a raw code, text from a server) shows unchanged.
 */
export function displayName(name: string): string {
  if (name === '') return name;
  const local: unknown = vscode.l10n.t(name);
  // The bundle is a plain object: a server-sent name such as "constructor" must not come back as a function.
  return typeof local === 'string' && local !== '' ? local : name;
}

/** Families the providers name themselves; instances and subscriptions carry a server's name, never translated. */
const NAMED_BY_PROVIDER: ReadonlySet<TaskGroup['kind']> = new Set(['crdb-tasks', 'actions', 'state-machines', 'tasks']);

export function groupDisplayName(group: TaskGroup): string {
  return NAMED_BY_PROVIDER.has(group.kind) ? displayName(group.label) : group.label;
}

/** The task as the views show it: only its readable name changes language; codes and raw data stay as sent. */
export function displayTask(task: Task): Task {
  const name = displayName(task.name);
  return name === task.name ? task : { ...task, name };
}
