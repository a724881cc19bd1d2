import * as vscode from 'vscode';
import type { Task, TaskGroup } from '../core/task';
import { PROVIDERS } from '../providers/registry';

/**
 * Providers stay free of vscode, so they name tasks and task families in English from their tables
 * (`src/providers/<provider>/task-types.ts`, `redis-enterprise/labels.ts`). The l10n bundles carry every one of those names as a
 * key; this translates them at display time. A name no bundle knows (a raw code, text from a server) shows unchanged.
 */
export function displayName(name: string): string {
  if (name === '') return name;
  const local: unknown = vscode.l10n.t(name);
  // The bundle is a plain object: a server-sent name such as "constructor" must not come back as a function.
  if (typeof local === 'string' && local !== '' && local !== name) return local;
  return fromTemplate(name) ?? name;
}

/** Names composed with data ("Service update elasticache-20261115-001"): the descriptors' `textTemplates`. */
const TEMPLATES = PROVIDERS.flatMap(d => d.textTemplates ?? []).map(template => ({
  template,
  // `{n}` is data (one or more characters); everything else must match as written.
  pattern: new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\d+\\\}/g, '(.+)')}$`, 's'),
}));

function fromTemplate(name: string): string | undefined {
  for (const { template, pattern } of TEMPLATES) {
    const m = pattern.exec(name);
    if (m) return vscode.l10n.t(template, ...m.slice(1).map(listOfOwnWords));
  }
  return undefined;
}

/** Words the providers list inside a template's data (`listWords`: "serverless caches, global datastores"). */
const LIST_WORDS: ReadonlySet<string> = new Set(PROVIDERS.flatMap(d => d.listWords ?? []));

/** A data part made only of the providers' own listed words, in the display language; any other data as it is. */
function listOfOwnWords(data: string): string {
  const words = data.split(', ');
  if (!words.every(w => LIST_WORDS.has(w))) return data;
  // The separator is a word too: Chinese lists with "、".
  return words.map(w => vscode.l10n.t(w)).join(vscode.l10n.t(', '));
}

/** Families the providers name themselves; instances and subscriptions carry a server's name, never translated. */
const NAMED_BY_PROVIDER: ReadonlySet<TaskGroup['kind']> = new Set(['crdb-tasks', 'actions', 'state-machines', 'tasks']);

export function groupDisplayName(group: TaskGroup): string {
  return NAMED_BY_PROVIDER.has(group.kind) ? displayName(group.label) : group.label;
}

/**
 * A group as the tree shows it: a description the provider composed from a template ("Replication group ·
 * modifying") in the display language. Only templates: a description a server wrote is data.
 */
export function displayGroup(group: TaskGroup): TaskGroup {
  const description = group.description === undefined ? undefined : fromTemplate(group.description);
  return description === undefined ? group : { ...group, description };
}

/**
 * Step names a provider writes itself rather than receives (Redis Cloud's two phases, `redis-cloud/tasks.ts`). Only
 * these are translated: a step name a server sends is data, even when it happens to read like an English message.
 */
const OWN_STEP_NAMES: ReadonlySet<string> = new Set(['Processing', 'Provisioning']);

export function displayStep(name: string): string;
export function displayStep(name: string | undefined): string | undefined;
export function displayStep(name: string | undefined): string | undefined {
  return name !== undefined && OWN_STEP_NAMES.has(name) ? displayName(name) : name;
}

/** The task as the views show it: only readable names change language; codes and raw data stay as sent. */
export function displayTask(task: Task): Task {
  const name = displayName(task.name);
  const ownSteps =
    task.steps.some(s => OWN_STEP_NAMES.has(s.name)) || displayStep(task.currentStep) !== task.currentStep;
  if (name === task.name && !ownSteps) return task;
  return ownSteps
    ? {
        ...task,
        name,
        currentStep: displayStep(task.currentStep),
        steps: task.steps.map(s => (OWN_STEP_NAMES.has(s.name) ? { ...s, name: displayStep(s.name) } : s)),
      }
    : { ...task, name };
}
