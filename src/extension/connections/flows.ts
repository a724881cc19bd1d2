import * as vscode from 'vscode';
import { displayTitle } from '../../core/text';
import { isInsecureRemoteHttp } from '../../core/loopback';
import type { ConnectionConfig, TlsTrust } from '../../core/connection';
import type { ProviderDescriptor } from '../../providers/descriptor';
import { PROVIDERS, descriptorOf } from '../../providers/registry';
import type { Prompts } from '../prompts';
import type { ProvidersModule } from '../providersLoader';
import { normaliseEndpoint, providerDescription, providerLabel } from './fields';
import { type ConnectionsModel, isDemo, newConnectionId } from './model';
import { errorText } from '../errorText';

/**
 * Add and Edit Connection as one quick-input walk. Each step returns undefined when the person presses Escape, and
 * the flow stops without saving anything.
 */

export interface ConnectionFlowDeps {
  prompts: Prompts;
  connections: ConnectionsModel;
  providers: () => ProvidersModule;
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
  return editFlow(deps, undefined, picked.provider);
}

export async function editConnectionFlow(
  deps: ConnectionFlowDeps,
  existing: ConnectionConfig,
): Promise<ConnectionConfig | undefined> {
  return editFlow(deps, existing, existing.provider);
}

async function editFlow(
  deps: ConnectionFlowDeps,
  existing: ConnectionConfig | undefined,
  provider: string,
): Promise<ConnectionConfig | undefined> {
  const { prompts } = deps;
  const d = descriptorOf(provider);
  const title = existing
    ? vscode.l10n.t('Edit Connection "{0}"', existing.name)
    : vscode.l10n.t('Add {0} Connection', providerLabel(provider));
  const all = deps.connections.list();

  const name = await prompts.showInputBox({
    title,
    prompt: vscode.l10n.t('A name for this connection'),
    value: existing?.name ?? '',
    ignoreFocusOut: true,
    validateInput: v => (v.trim() ? undefined : vscode.l10n.t('Enter a name.')),
  });
  if (name === undefined) return undefined;

  const endpointText = await prompts.showInputBox({
    title,
    prompt: vscode.l10n.t(d.endpoint.prompt),
    value: existing?.endpoint ?? d.endpoint.default ?? '',
    ignoreFocusOut: true,
    validateInput: v => {
      if (!v.trim()) return d.endpoint.required ? vscode.l10n.t('Enter an address.') : undefined;
      return normaliseEndpoint(v, provider)
        ? undefined
        : vscode.l10n.t('Enter an https:// address without credentials.');
    },
  });
  if (endpointText === undefined) return undefined;
  const endpoint = normaliseEndpoint(endpointText, provider);
  let allowInsecureHttp = false;
  if (isInsecureRemoteHttp(endpoint)) {
    // The one place a person can allow clear-text credentials, per connection, after reading what it means.
    allowInsecureHttp = await confirmInsecureHttp(prompts, endpoint!);
    if (!allowInsecureHttp) return undefined;
  }

  let region: string | undefined;
  if (d.region) {
    region = await prompts.showInputBox({
      title,
      prompt: vscode.l10n.t('Region, e.g. {0}', d.region.default),
      value: existing?.region ?? d.region.default,
      ignoreFocusOut: true,
      validateInput: v => (/^[a-z0-9-]+$/.test(v.trim()) ? undefined : vscode.l10n.t('Enter a region id.')),
    });
    if (region === undefined) return undefined;
    region = region.trim();
  }

  const user = await prompts.showInputBox({
    title,
    prompt: vscode.l10n.t(d.user.prompt),
    value: existing?.user ?? '',
    ignoreFocusOut: true,
    validateInput: v => (v.trim() ? undefined : vscode.l10n.t('This field is required.')),
  });
  if (user === undefined) return undefined;

  const secret = await prompts.showInputBox({
    title,
    password: true,
    ignoreFocusOut: true,
    prompt: existing
      ? vscode.l10n.t('{0} (leave empty to keep the stored one)', vscode.l10n.t(d.secret.prompt))
      : vscode.l10n.t(d.secret.prompt),
    validateInput: v => (v || existing ? undefined : vscode.l10n.t('This field is required.')),
  });
  if (secret === undefined) return undefined;

  let tls: TlsTrust | undefined = existing?.tls;
  const customEndpoint = endpoint !== undefined && endpoint !== d.endpoint.default;
  if (endpoint?.startsWith('https:') && (d.endpoint.alwaysAskTls || customEndpoint)) {
    tls = await askTls(deps, title, endpoint, existing?.tls);
    if (!tls) return undefined;
  } else if (!endpoint?.startsWith('https:')) {
    tls = undefined;
  }

  const options: Record<string, string | number | boolean> = { ...(existing?.options ?? {}) };
  for (const choice of d.choices ?? []) {
    const picked = await askChoice(deps.prompts, title, choice);
    if (!picked) return undefined;
    if (picked.value === undefined) delete options[choice.option];
    else options[choice.option] = picked.value;
  }

  const config: ConnectionConfig = {
    id: existing?.id ?? newConnectionId(all, name.trim()),
    name: name.trim(),
    provider,
    endpoint,
    user: user.trim(),
    region,
    tls,
    ...(allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    options: Object.keys(options).length ? options : undefined,
  };
  // A demo connection edited by hand is the person's own from now on: the next demo start must not re-point it.
  if (existing && isDemo(existing) && (config.endpoint !== existing.endpoint || secret)) delete config.options?.demo;
  await deps.connections.save(config, secret ? { secret } : undefined);
  return config;
}

async function confirmInsecureHttp(prompts: Prompts, endpoint: string): Promise<boolean> {
  const allow = vscode.l10n.t('Send Credentials over HTTP');
  const answer = await prompts.showWarningMessage(
    vscode.l10n.t('{0} uses plain HTTP. Send the credentials in clear text?', endpoint),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Anyone on the network path can read the password or key and every answer. Use an https:// address if the server offers one. The connection will show this choice in its tooltip.',
      ),
    },
    allow,
  );
  return answer === allow;
}

async function askTls(
  deps: ConnectionFlowDeps,
  title: string,
  endpoint: string,
  current: TlsTrust | undefined,
): Promise<TlsTrust | undefined> {
  const { prompts } = deps;
  const items = [
    {
      label: vscode.l10n.t('Trust the system certificate authorities'),
      description: current?.mode === 'system' ? vscode.l10n.t('current') : undefined,
      mode: 'system' as const,
    },
    {
      label: vscode.l10n.t('Trust a CA certificate file…'),
      description: current?.mode === 'ca-file' ? current.caFile : undefined,
      mode: 'ca-file' as const,
    },
    {
      label: vscode.l10n.t("Trust this server's certificate (pin its SHA-256 fingerprint)"),
      description: current?.mode === 'pinned' ? current.fingerprint256 : undefined,
      mode: 'pinned' as const,
    },
  ];
  const pick = await prompts.showQuickPick(items, {
    title,
    placeHolder: vscode.l10n.t("How should the server's TLS certificate be trusted?"),
    ignoreFocusOut: true,
  });
  if (!pick) return undefined;
  if (pick.mode === 'system') return { mode: 'system' };
  if (pick.mode === 'ca-file') {
    const files = await prompts.showOpenDialog({
      canSelectMany: false,
      openLabel: vscode.l10n.t('Trust this CA'),
      filters: { [vscode.l10n.t('Certificates')]: ['pem', 'crt', 'cer'], '*': ['*'] },
    });
    if (!files?.length) return undefined;
    return { mode: 'ca-file', caFile: files[0].fsPath };
  }
  let info;
  try {
    info = await deps.providers().probeCertificate(endpoint);
  } catch (e) {
    await prompts.showErrorMessage(
      vscode.l10n.t('Could not read the certificate of {0}: {1}', endpoint, errorText(e)),
      {},
    );
    return undefined;
  }
  const fingerprint = deps.providers().normaliseFingerprint(info.fingerprint256);
  // The server writes the subject, issuer and dates: one line each, or a line break in a subject could forge a
  // "The system already trusts this certificate." line right where the person decides.
  const line = displayTitle;
  const detail = [
    vscode.l10n.t('SHA-256 fingerprint: {0}', fingerprint),
    vscode.l10n.t('Subject: {0}', line(info.subject)),
    vscode.l10n.t('Issuer: {0}', line(info.issuer)),
    vscode.l10n.t('Valid until: {0}', line(info.validTo)),
    info.trusted
      ? vscode.l10n.t('The system already trusts this certificate.')
      : vscode.l10n.t('The system does not trust this certificate ({0}).', line(info.authorizationError ?? '')),
    vscode.l10n.t('Compare the fingerprint with the one your cluster administrator gives you before pinning it.'),
  ].join('\n');
  const pin = vscode.l10n.t('Pin Certificate');
  const answer = await prompts.showWarningMessage(
    vscode.l10n.t('Trust the certificate of {0}?', endpoint),
    { modal: true, detail },
    pin,
  );
  return answer === pin ? { mode: 'pinned', fingerprint256: fingerprint } : undefined;
}

type Choice = NonNullable<ProviderDescriptor['choices']>[number];

/** One provider-specific question (Tencent's API generation, Alibaba's task API). */
async function askChoice(prompts: Prompts, title: string, choice: Choice) {
  const items = choice.items.map(i => ({
    label: vscode.l10n.t(i.text),
    description: i.description === undefined ? undefined : vscode.l10n.t(i.description),
    value: i.value,
  }));
  return prompts.showQuickPick(items, { title, placeHolder: vscode.l10n.t(choice.placeholder), ignoreFocusOut: true });
}
