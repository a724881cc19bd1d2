import * as vscode from 'vscode';
import { displayTitle } from '../../core/text';
import type { TlsTrust } from '../../core/connection';
import { errorText } from '../errorText';
import type { Prompts } from '../prompts';
import type { ProvidersModule } from '../providersLoader';

/** The two questions about how a connection's traffic is protected: plain HTTP allowed or not, and TLS trust. */

export async function confirmInsecureHttp(prompts: Prompts, endpoint: string): Promise<boolean> {
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

export async function askTls(
  prompts: Prompts,
  providers: () => ProvidersModule,
  title: string,
  endpoint: string,
  current: TlsTrust | undefined,
): Promise<TlsTrust | undefined> {
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
    info = await providers().probeCertificate(endpoint);
  } catch (e) {
    await prompts.showErrorMessage(
      vscode.l10n.t('Could not read the certificate of {0}: {1}', endpoint, errorText(e)),
      {},
    );
    return undefined;
  }
  const fingerprint = providers().normaliseFingerprint(info.fingerprint256);
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
