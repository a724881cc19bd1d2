import type { TaskStore } from '../core/store';
import type { Task } from '../core/task';
import { PROVIDER_IDS, providerById } from '../providers/registry';
import { displayName } from './displayNames';

/** One choice of Filter Tasks: a readable name of one provider, and every type code shown under that name. */
export interface TaskTypeChoice {
  provider: string;
  providerLabel: string;
  /** As the provider names it (English); translated when shown. */
  name: string;
  codes: string[];
}

/**
 * The task types this window has seen, by readable name per provider. The provider tables stay in the lazily
 * loaded bundles, so the names come from the tasks themselves; they are remembered, so a type filtered away is
 * still offered the next time the filter opens.
 */
export class TaskTypeCatalog {
  private readonly byKey = new Map<string, { provider: string; name: string; codes: Set<string> }>();

  constructor(store: TaskStore) {
    for (const c of store.connectionIds()) for (const t of store.allTasks(c)) this.add(t);
  }

  add(task: Task): void {
    if (!task.type) return;
    const k = `${task.provider}\u0000${task.name}`;
    const entry = this.byKey.get(k) ?? { provider: task.provider, name: task.name, codes: new Set<string>() };
    entry.codes.add(task.type);
    this.byKey.set(k, entry);
  }

  /** By provider in the registry's order (the tree's), then by readable name. */
  choices(): TaskTypeChoice[] {
    return [...this.byKey.values()]
      .map(e => ({
        provider: e.provider,
        providerLabel: displayName(providerById(e.provider)?.label ?? e.provider),
        name: e.name,
        codes: [...e.codes].sort(),
      }))
      .sort(
        (a, b) =>
          providerOrder(a.provider) - providerOrder(b.provider) ||
          displayName(a.name).localeCompare(displayName(b.name)),
      );
  }

  /** The readable name of a code, for the view's message; a code never seen shows as it is. */
  nameOf(code: string): string {
    for (const e of this.byKey.values()) if (e.codes.has(code)) return displayName(e.name);
    return code;
  }
}

function providerOrder(id: string): number {
  const i = PROVIDER_IDS.indexOf(id);
  return i < 0 ? PROVIDER_IDS.length : i;
}
