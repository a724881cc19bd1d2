import * as vscode from 'vscode';
import { isInsecureRemoteHttp } from '../../core/loopback';
import { regionIds, type TlsTrust } from '../../core/connection';
import type { ConnectionChoice, ProviderDescriptor } from '../../providers/descriptor';
import type { Prompts } from '../prompts';
import type { ProvidersModule } from '../providersLoader';
import { normaliseEndpoint } from './fields';
import { askTls, confirmInsecureHttp } from './tls';

/**
 * The questions of Add and Edit Connection, one per field, each changing one field of a draft. Add asks them in
 * order; Edit asks the one the person picks. Each returns false when the person presses Escape.
 */

export type SignIn = 'keys' | 'profile' | 'chain';

export interface Draft {
  name: string;
  endpoint?: string;
  allowInsecureHttp: boolean;
  /** One region, or several comma-separated where the descriptor allows it. */
  region?: string;
  /** Only for a provider with `signIn` (AWS). */
  signIn?: SignIn;
  user?: string;
  /** Typed in this flow; undefined keeps the stored one (Edit), '' means none (a profile). */
  secret?: string;
  tls?: TlsTrust;
  options: Record<string, string | number | boolean>;
}

export type FieldId = 'name' | 'endpoint' | 'region' | 'signIn' | 'user' | 'secret' | 'tls' | `choice:${string}`;

export interface StepContext {
  prompts: Prompts;
  providers: () => ProvidersModule;
  d: ProviderDescriptor;
  title: string;
  /** Editing: the secret box may be left empty to keep the stored one. */
  editing: boolean;
}

/** The fields this provider's connection has, in the order Add asks them (TLS and sign-in only where they apply). */
export function fieldsOf(d: ProviderDescriptor, draft: Draft): FieldId[] {
  const out: FieldId[] = ['name', 'endpoint'];
  if (d.region) out.push('region');
  if (d.signIn) out.push('signIn');
  if (!d.signIn || draft.signIn === 'keys') out.push('user', 'secret');
  if (hasTlsQuestion(d, draft.endpoint)) out.push('tls');
  for (const c of d.choices ?? []) out.push(`choice:${c.option}`);
  return out;
}

/** A certificate question only where there is a certificate to trust: https, and a cluster or an override. */
export function hasTlsQuestion(d: ProviderDescriptor, endpoint: string | undefined): boolean {
  return !!endpoint?.startsWith('https:') && (d.endpoint.alwaysAskTls || endpoint !== d.endpoint.default);
}

/** Fields whose change can make a working connection fail: changing one of them tries the connection again. */
export function reachesServer(field: FieldId): boolean {
  return field !== 'name';
}

export async function askField(ctx: StepContext, draft: Draft, field: FieldId): Promise<boolean> {
  switch (field) {
    case 'name':
      return askName(ctx, draft);
    case 'endpoint':
      return askEndpoint(ctx, draft);
    case 'region':
      return askRegion(ctx, draft);
    case 'signIn':
      return askSignIn(ctx, draft);
    case 'user':
      return askUser(ctx, draft);
    case 'secret':
      return askSecret(ctx, draft);
    case 'tls': {
      if (!hasTlsQuestion(ctx.d, draft.endpoint)) return true;
      const tls = await askTls(ctx.prompts, ctx.providers, ctx.title, draft.endpoint!, draft.tls);
      if (!tls) return false;
      draft.tls = tls;
      return true;
    }
    default: {
      const choice = ctx.d.choices?.find(c => `choice:${c.option}` === field);
      return choice ? askChoice(ctx, draft, choice) : true;
    }
  }
}

async function askName(ctx: StepContext, draft: Draft): Promise<boolean> {
  const name = await ctx.prompts.showInputBox({
    title: ctx.title,
    prompt: vscode.l10n.t('A name for this connection'),
    value: draft.name,
    ignoreFocusOut: true,
    validateInput: v => (v.trim() ? undefined : vscode.l10n.t('Enter a name.')),
  });
  if (name === undefined) return false;
  draft.name = name.trim();
  return true;
}

async function askEndpoint(ctx: StepContext, draft: Draft): Promise<boolean> {
  const { d, prompts } = ctx;
  const provider = d.id;
  const text = await prompts.showInputBox({
    title: ctx.title,
    prompt: vscode.l10n.t(d.endpoint.prompt),
    value: draft.endpoint ?? d.endpoint.default ?? '',
    ignoreFocusOut: true,
    validateInput: v => {
      if (!v.trim()) return d.endpoint.required ? vscode.l10n.t('Enter an address.') : undefined;
      return normaliseEndpoint(v, provider)
        ? undefined
        : vscode.l10n.t('Enter an https:// address without credentials.');
    },
  });
  if (text === undefined) return false;
  const endpoint = normaliseEndpoint(text, provider);
  let allowInsecureHttp = false;
  if (isInsecureRemoteHttp(endpoint)) {
    // The one place a person can allow clear-text credentials, per connection, after reading what it means.
    allowInsecureHttp = await confirmInsecureHttp(prompts, endpoint!);
    if (!allowInsecureHttp) return false;
  }
  const before = draft.endpoint;
  draft.endpoint = endpoint;
  draft.allowInsecureHttp = allowInsecureHttp;
  // Trust chosen for another address does not carry over; plain http has none.
  if (!endpoint?.startsWith('https:')) draft.tls = undefined;
  else if (before !== endpoint && draft.tls?.mode === 'pinned') draft.tls = undefined;
  return true;
}

const REGION_ID = /^[a-z0-9-]+$/;

/**
 * A picker of the regions the provider documents, the current ones first and checked, and "Other region…" for one
 * the list does not know yet (new regions open before our list learns them).
 */
async function askRegion(ctx: StepContext, draft: Draft): Promise<boolean> {
  const region = ctx.d.region!;
  const current = regionIds(draft.region ?? region.default);
  const ordered = [...current, ...region.known.filter(r => !current.includes(r))];
  const other = { label: vscode.l10n.t('Other region…'), description: vscode.l10n.t('type a region id'), other: true };
  const items = ordered.map(r => ({
    label: r,
    // A new connection starts from the provider's default, which is not yet anyone's "current" region.
    description: current.includes(r) ? (ctx.editing ? vscode.l10n.t('current') : vscode.l10n.t('default')) : undefined,
    region: r,
    picked: current.includes(r),
  }));
  let picked: string[];
  let wantsOther: boolean;
  if (region.several) {
    const picks = await ctx.prompts.showQuickPick([...items, other], {
      title: ctx.title,
      placeHolder: vscode.l10n.t('Regions (one or more)'),
      canPickMany: true,
      ignoreFocusOut: true,
      matchOnDescription: true,
    });
    if (!picks) return false;
    picked = picks.flatMap(p => ('region' in p ? [p.region] : []));
    wantsOther = picks.some(p => 'other' in p);
    if (!picked.length && !wantsOther) return false;
  } else {
    const pick = await ctx.prompts.showQuickPick([...items.map(i => ({ ...i, picked: undefined })), other], {
      title: ctx.title,
      placeHolder: vscode.l10n.t('Region'),
      ignoreFocusOut: true,
    });
    if (!pick) return false;
    picked = 'region' in pick ? [pick.region] : [];
    wantsOther = 'other' in pick;
  }
  if (wantsOther) {
    const typed = await ctx.prompts.showInputBox({
      title: ctx.title,
      prompt: region.several
        ? vscode.l10n.t('Region ids, comma-separated, e.g. {0}', region.default)
        : vscode.l10n.t('Region, e.g. {0}', region.default),
      ignoreFocusOut: true,
      validateInput: v => {
        const list = regionIds(v);
        if (!list.length || !list.every(r => REGION_ID.test(r))) return vscode.l10n.t('Enter a region id.');
        if (!region.several && list.length > 1) return vscode.l10n.t('Enter one region id.');
        return undefined;
      },
    });
    if (typed === undefined) return false;
    picked = [...picked, ...regionIds(typed)];
  }
  draft.region = [...new Set(picked)].join(',');
  return true;
}

async function askSignIn(ctx: StepContext, draft: Draft): Promise<boolean> {
  const s = ctx.d.signIn!;
  const way = await ctx.prompts.showQuickPick(
    [
      { label: vscode.l10n.t(s.profile), detail: vscode.l10n.t(s.profileDetail), way: 'profile' as const },
      {
        label: vscode.l10n.t(s.keys),
        detail: vscode.l10n.t('Stored in VS Code’s secret storage'),
        way: 'keys' as const,
      },
      { label: vscode.l10n.t(s.chain), detail: vscode.l10n.t(s.chainDetail), way: 'chain' as const },
    ].map(i => ({ ...i, description: draft.signIn === i.way ? vscode.l10n.t('current') : undefined })),
    { title: ctx.title, placeHolder: vscode.l10n.t('How does this connection sign in?'), ignoreFocusOut: true },
  );
  if (!way) return false;
  if (way.way === 'keys') {
    const wasKeys = draft.signIn === 'keys';
    draft.signIn = 'keys';
    delete draft.options[s.profileOption];
    // Switching to keys: the keys are asked now (Edit asks only the picked field otherwise).
    if (!wasKeys) return (await askUser(ctx, draft)) && (await askSecret({ ...ctx, editing: false }, draft));
    return true;
  }
  draft.signIn = way.way;
  draft.user = undefined;
  draft.secret = '';
  if (way.way === 'chain') {
    delete draft.options[s.profileOption];
    return true;
  }
  return askProfile(ctx, draft, s.profileOption);
}

async function askProfile(ctx: StepContext, draft: Draft, option: string): Promise<boolean> {
  let names: string[] = [];
  try {
    names = (await ctx.providers().profiles?.(ctx.d.id)) ?? [];
  } catch {
    names = []; // unreadable files: the name can still be typed
  }
  const current = typeof draft.options[option] === 'string' ? String(draft.options[option]) : undefined;
  const typeIt = { label: vscode.l10n.t('Type a profile name…'), typeIt: true };
  const pick = await ctx.prompts.showQuickPick(
    [
      ...names.map(n => ({ label: n, description: n === current ? vscode.l10n.t('current') : undefined, name: n })),
      typeIt,
    ],
    {
      title: ctx.title,
      placeHolder: names.length
        ? vscode.l10n.t('Which profile?')
        : vscode.l10n.t('No profile found in ~/.aws/config or ~/.aws/credentials'),
      ignoreFocusOut: true,
    },
  );
  if (!pick) return false;
  let name = 'name' in pick ? pick.name : undefined;
  if (!name) {
    name = await ctx.prompts.showInputBox({
      title: ctx.title,
      prompt: vscode.l10n.t('Profile name'),
      value: current ?? '',
      ignoreFocusOut: true,
      validateInput: v => (/^[\w.+@-]+$/.test(v.trim()) ? undefined : vscode.l10n.t('Enter a profile name.')),
    });
    if (name === undefined) return false;
    name = name.trim();
  }
  draft.options[option] = name;
  return true;
}

async function askUser(ctx: StepContext, draft: Draft): Promise<boolean> {
  const user = await ctx.prompts.showInputBox({
    title: ctx.title,
    prompt: vscode.l10n.t(ctx.d.user.prompt),
    value: draft.user ?? '',
    ignoreFocusOut: true,
    validateInput: v => (v.trim() ? undefined : vscode.l10n.t('This field is required.')),
  });
  if (user === undefined) return false;
  draft.user = user.trim();
  return true;
}

async function askSecret(ctx: StepContext, draft: Draft): Promise<boolean> {
  const secret = await ctx.prompts.showInputBox({
    title: ctx.title,
    password: true,
    ignoreFocusOut: true,
    prompt: ctx.editing
      ? vscode.l10n.t('{0} (leave empty to keep the stored one)', vscode.l10n.t(ctx.d.secret.prompt))
      : vscode.l10n.t(ctx.d.secret.prompt),
    validateInput: v => (v || ctx.editing ? undefined : vscode.l10n.t('This field is required.')),
  });
  if (secret === undefined) return false;
  if (secret) draft.secret = secret;
  return true;
}

/** One provider-specific question (Tencent's API generation, Alibaba's task API). */
async function askChoice(ctx: StepContext, draft: Draft, choice: ConnectionChoice): Promise<boolean> {
  const items = choice.items.map(i => ({
    label: vscode.l10n.t(i.text),
    description: i.description === undefined ? undefined : vscode.l10n.t(i.description),
    value: i.value,
  }));
  const picked = await ctx.prompts.showQuickPick(items, {
    title: ctx.title,
    placeHolder: vscode.l10n.t(choice.placeholder),
    ignoreFocusOut: true,
  });
  if (!picked) return false;
  if (picked.value === undefined) delete draft.options[choice.option];
  else draft.options[choice.option] = picked.value;
  return true;
}
