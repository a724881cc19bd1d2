import * as vscode from 'vscode';
import type { ConnectionConfig, ConnectionSecret } from '../../core/connection';
import type { ProviderDescriptor } from '../../providers/descriptor';
import { PROVIDERS, descriptorOf } from '../../providers/registry';
import type { Prompts } from '../prompts';
import type { ProvidersModule } from '../providersLoader';
import { providerDescription, providerLabel } from './fields';
import { type ConnectionsModel, isDemo, newConnectionId } from './model';
import { type Draft, type FieldId, type StepContext, askField, fieldsOf, hasTlsQuestion, reachesServer } from './steps';
import { type TryConnection, adviseTrial, reportTrial, runTrial } from './trial';

/**
 * Add Connection asks every field in order, Edit Connection the one field the person picks (steps.ts). Before saving,
 * what was typed is tried with one refresh (trial.ts); a failure says what failed and offers to edit that field, to
 * save anyway or to cancel. Escape at any question stops the flow without saving anything.
 */

export interface ConnectionFlowDeps {
  prompts: Prompts;
  connections: ConnectionsModel;
  providers: () => ProvidersModule;
  /** Tries a connection before it is saved; main.ts builds it from the providers (makeTryConnection). */
  tryConnection: TryConnection;
}

export async function addConnectionFlow(deps: ConnectionFlowDeps): Promise<ConnectionConfig | undefined> {
  const picked = await deps.prompts.showQuickPick(
    PROVIDERS.filter(d => d.inExtension !== false).map(d => ({
      label: providerLabel(d.id),
      description: providerDescription(d),
      provider: d.id,
    })),
    { title: vscode.l10n.t('Add Connection'), placeHolder: vscode.l10n.t('Which service?'), ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  const d = descriptorOf(picked.provider);
  const ctx = context(deps, d, vscode.l10n.t('Add {0} Connection', providerLabel(d.id)), false);
  const draft: Draft = {
    name: '',
    allowInsecureHttp: false,
    region: d.region?.default,
    signIn: d.signIn ? 'keys' : undefined,
    options: {},
  };
  // The list of fields depends on answers (sign-in, the address's scheme): read it again after each one.
  for (let i = 0; i < fieldsOf(d, draft).length; i++) {
    if (!(await askField(ctx, draft, fieldsOf(d, draft)[i]))) return undefined;
  }
  return trySave(deps, ctx, draft, undefined);
}

/**
 * Edit Connection: a pick of the fields with their current values (never the secret), then that one question. A
 * change that can affect whether the server answers (anything but the name) is tried before it is saved.
 */
export async function editConnectionFlow(
  deps: ConnectionFlowDeps,
  existing: ConnectionConfig,
): Promise<ConnectionConfig | undefined> {
  const d = descriptorOf(existing.provider);
  const ctx = context(deps, d, vscode.l10n.t('Edit Connection "{0}"', existing.name), true);
  const draft = draftOf(existing, d);
  const items = fieldsOf(d, draft).map(field => ({
    label: fieldLabel(d, field),
    description: fieldValue(d, draft, field),
    field,
  }));
  const pick = await deps.prompts.showQuickPick(items, {
    title: ctx.title,
    placeHolder: vscode.l10n.t('What do you want to change?'),
    ignoreFocusOut: true,
    matchOnDescription: true,
  });
  if (!pick) return undefined;
  if (!(await askField(ctx, draft, pick.field))) return undefined;
  // A new address needs its trust asked again (a pin belongs to one server), unless it has none to ask.
  if (pick.field === 'endpoint' && hasTlsQuestion(d, draft.endpoint) && !draft.tls)
    if (!(await askField(ctx, draft, 'tls'))) return undefined;
  return trySave(deps, ctx, draft, existing, reachesServer(pick.field));
}

function context(deps: ConnectionFlowDeps, d: ProviderDescriptor, title: string, editing: boolean): StepContext {
  return { prompts: deps.prompts, providers: deps.providers, d, title, editing };
}

export function draftOf(c: ConnectionConfig, d: ProviderDescriptor): Draft {
  const options = { ...(c.options ?? {}) };
  const profile = d.signIn ? options[d.signIn.profileOption] : undefined;
  return {
    name: c.name,
    endpoint: c.endpoint,
    allowInsecureHttp: c.allowInsecureHttp === true,
    region: c.region,
    signIn: d.signIn ? (c.user ? 'keys' : typeof profile === 'string' && profile ? 'profile' : 'chain') : undefined,
    user: c.user,
    tls: c.tls,
    options,
  };
}

/** The field pick's left column. */
export function fieldLabel(d: ProviderDescriptor, field: FieldId): string {
  switch (field) {
    case 'name':
      return vscode.l10n.t('Name');
    case 'endpoint':
      return d.endpoint.required ? vscode.l10n.t('Address') : vscode.l10n.t('Endpoint override');
    case 'region':
      return d.region?.several ? vscode.l10n.t('Regions') : vscode.l10n.t('Region');
    case 'signIn':
      return vscode.l10n.t('Sign-in');
    case 'user':
      return vscode.l10n.t(d.user.prompt);
    case 'secret':
      return vscode.l10n.t(d.secret.prompt);
    case 'tls':
      return vscode.l10n.t('TLS certificate trust');
    default: {
      const choice = d.choices?.find(c => `choice:${c.option}` === field);
      return choice ? vscode.l10n.t(choice.placeholder) : field;
    }
  }
}

/** The field pick's current value: what is set, never the secret itself. */
export function fieldValue(d: ProviderDescriptor, draft: Draft, field: FieldId): string {
  switch (field) {
    case 'name':
      return draft.name;
    case 'endpoint':
      return draft.endpoint ?? vscode.l10n.t('none (public API)');
    case 'region':
      return (draft.region ?? '').split(',').join(', ');
    case 'signIn': {
      const s = d.signIn!;
      if (draft.signIn === 'keys') return vscode.l10n.t(s.keys);
      if (draft.signIn === 'chain') return vscode.l10n.t(s.chain);
      return `${vscode.l10n.t(s.profile)}: ${String(draft.options[s.profileOption] ?? '')}`;
    }
    case 'user':
      return draft.user ?? '';
    case 'secret':
      return vscode.l10n.t('stored in secret storage, not shown');
    case 'tls': {
      const t = draft.tls;
      if (t?.mode === 'pinned') return vscode.l10n.t('pinned {0}', t.fingerprint256);
      if (t?.mode === 'ca-file') return vscode.l10n.t('CA file {0}', t.caFile);
      return vscode.l10n.t('system certificate authorities');
    }
    default: {
      const choice = d.choices?.find(c => `choice:${c.option}` === field);
      const item = choice?.items.find(i => i.value === draft.options[choice.option]);
      return item ? vscode.l10n.t(item.text) : '';
    }
  }
}

function configOf(draft: Draft, d: ProviderDescriptor, id: string): ConnectionConfig {
  return {
    id,
    name: draft.name,
    provider: d.id,
    endpoint: draft.endpoint,
    user: draft.user || undefined,
    region: d.region ? draft.region : undefined,
    tls: draft.endpoint?.startsWith('https:') ? draft.tls : undefined,
    ...(draft.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    options: Object.keys(draft.options).length ? { ...draft.options } : undefined,
  };
}

/** Tries the draft (unless told not to), lets the person fix the failing field, and saves. */
async function trySave(
  deps: ConnectionFlowDeps,
  ctx: StepContext,
  draft: Draft,
  existing: ConnectionConfig | undefined,
  tryIt = true,
): Promise<ConnectionConfig | undefined> {
  const { d } = ctx;
  const id = existing?.id ?? newConnectionId(deps.connections.list(), draft.name);
  for (;;) {
    const config = configOf(draft, d, id);
    if (!tryIt) return save(deps, config, draft, existing);
    const secret = await secretFor(deps, draft, existing);
    const outcome = await runTrial(deps.tryConnection, config, secret);
    if (outcome === 'aborted') return undefined;
    const advice = outcome
      ? adviseTrial(outcome, d, {
          endpoint: draft.endpoint,
          signIn: draft.signIn,
          hasTlsQuestion: hasTlsQuestion(d, draft.endpoint),
        })
      : undefined;
    const next = await reportTrial(deps.prompts, outcome, advice);
    if (next === 'ok' || next === 'save-anyway') return save(deps, config, draft, existing);
    if (next === 'cancel') return undefined;
    for (const field of advice!.fields) if (!(await askField(ctx, draft, field))) return undefined;
  }
}

/** What the trial signs with: the secret typed now, else the stored one; none for a profile or the default chain. */
async function secretFor(
  deps: ConnectionFlowDeps,
  draft: Draft,
  existing: ConnectionConfig | undefined,
): Promise<ConnectionSecret> {
  if (draft.signIn === 'profile' || draft.signIn === 'chain') return { secret: '' };
  if (draft.secret) return { secret: draft.secret };
  return (existing && (await deps.connections.secret(existing.id))) ?? { secret: '' };
}

async function save(
  deps: ConnectionFlowDeps,
  config: ConnectionConfig,
  draft: Draft,
  existing: ConnectionConfig | undefined,
): Promise<ConnectionConfig> {
  // A demo connection edited by hand is the person's own from now on: the next demo start must not re-point it.
  if (existing && isDemo(existing) && (config.endpoint !== existing.endpoint || draft.secret))
    delete config.options?.demo;
  if (config.options && !Object.keys(config.options).length) delete config.options;
  const signsInItself = draft.signIn === 'profile' || draft.signIn === 'chain';
  await deps.connections.save(config, !signsInItself && draft.secret ? { secret: draft.secret } : undefined);
  // Keys replaced by a profile: the old secret must not stay behind in SecretStorage.
  if (signsInItself && existing) await deps.connections.deleteSecret(config.id);
  return config;
}
