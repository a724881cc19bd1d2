import * as vscode from 'vscode';
import type { Task, TaskGroup, TaskProblem, TaskStep } from '../core/task';
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

/** A template as a pattern: `{n}` is data (one or more characters); everything else must match as written. */
function compile(template: string) {
  return {
    template,
    pattern: new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\d+\\\}/g, '(.+)')}$`, 's'),
  };
}

/** Names composed with data ("Service update elasticache-20261115-001"): the descriptors' `textTemplates`. */
const TEMPLATES = PROVIDERS.flatMap(d => d.textTemplates ?? []).map(compile);

function fromTemplate(name: string): string | undefined {
  for (const { template, pattern } of TEMPLATES) {
    const m = pattern.exec(name);
    if (m) return vscode.l10n.t(template, ...m.slice(1).map(listOfOwnWords));
  }
  return undefined;
}

/** Steps and errors a provider composes itself, by provider: its descriptor's `stepTemplates`, in their order. */
const STEP_TEMPLATES: ReadonlyMap<string, readonly ReturnType<typeof compile>[]> = new Map(
  PROVIDERS.map(d => [d.id, (d.stepTemplates ?? []).map(compile)]),
);

/**
 * Our composed texts are short and nest once ("member: change", "shard / node: status"): a longer text, or a part
 * nested deeper, is a server's, and is not matched at all. Every row's tooltip passes through here on each redraw, so
 * a hostile step name of many kilobytes and colons must cost no more than a short one.
 */
const OWN_TEXT_MAX = 500;
const OWN_TEXT_DEPTH = 2;

/** A step's text by the provider's step templates; a data part that matches one is translated too, as its own text. */
function fromStepTemplate(provider: string, text: string, depth = 1): string | undefined {
  if (text.length > OWN_TEXT_MAX || depth > OWN_TEXT_DEPTH) return undefined;
  for (const { template, pattern } of STEP_TEMPLATES.get(provider) ?? []) {
    const m = pattern.exec(text);
    if (m)
      return vscode.l10n.t(template, ...m.slice(1).map(part => fromStepTemplate(provider, part, depth + 1) ?? part));
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
 * Step names a provider writes itself rather than receives (Redis Cloud's two phases, `redis-cloud/tasks.ts`), and
 * the texts its descriptor's `stepTemplates` compose (AWS's "node type a → b"). Only these are translated: a step
 * name a server sends is data, even when it happens to read like an English message.
 */
const OWN_STEP_NAMES: ReadonlySet<string> = new Set(['Processing', 'Provisioning']);

/** A step's name or detail, or a task's current step, in the display language; `provider` is the task's. */
export function displayStep(name: string, provider: string): string;
export function displayStep(name: string | undefined, provider: string): string | undefined;
export function displayStep(name: string | undefined, provider: string): string | undefined {
  if (name === undefined) return undefined;
  if (OWN_STEP_NAMES.has(name)) return displayName(name);
  return fromStepTemplate(provider, name) ?? name;
}

/** An error of a task as the views show it: the provider's own sentence translated, a server's message as sent. */
export function displayProblem(problem: TaskProblem, provider: string): TaskProblem {
  const message = fromStepTemplate(provider, problem.message);
  return message === undefined ? problem : { ...problem, message };
}

/** The task as the views show it: only readable names change language; codes and raw data stay as sent. */
export function displayTask(task: Task): Task {
  const name = displayName(task.name);
  const step = (s: TaskStep): TaskStep => {
    const stepName = displayStep(s.name, task.provider);
    // A detail is free text (Redis Enterprise: the cluster a step runs on); only templates are ours, not own names.
    const detail = s.detail === undefined ? undefined : (fromStepTemplate(task.provider, s.detail) ?? s.detail);
    return stepName === s.name && detail === s.detail ? s : { ...s, name: stepName, detail };
  };
  const steps = task.steps.map(step);
  const errors = task.errors.map(e => displayProblem(e, task.provider));
  const currentStep = displayStep(task.currentStep, task.provider);
  const same = <T>(a: readonly T[], b: readonly T[]) => a.every((x, i) => x === b[i]);
  if (name === task.name && currentStep === task.currentStep && same(steps, task.steps) && same(errors, task.errors))
    return task;
  return { ...task, name, currentStep, steps, errors };
}
