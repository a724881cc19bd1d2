import * as vscode from 'vscode';
import type { ConnectionConfig, ConnectionSecret } from '../../core/connection';
import { type ErrorKind, ProviderError, asProviderError } from '../../core/errors';
import * as say from '../../core/say';
import type { ProviderDescriptor } from '../../providers/descriptor';
import { errorText } from '../errorText';
import type { TaskLog } from '../log';
import type { ProvidersModule } from '../providersLoader';
import type { ExtensionSettings } from '../settings';
import { sourceDepsFor } from '../sourceDeps';
import type { FieldId } from './steps';

/**
 * Add and Edit Connection try what was typed before saving it: one refresh through the provider's own source, as
 * the tree would make it, over a short window. Throws the ProviderError the person will be told about.
 */
export type TryConnection = (config: ConnectionConfig, secret: ConnectionSecret, signal: AbortSignal) => Promise<void>;

/** One hour back: the trial proves the credentials and the address, it is not the first load of the tree. */
const TRIAL_WINDOW_MS = 3600_000;

export function makeTryConnection(deps: {
  providers: () => ProvidersModule;
  settings: () => ExtensionSettings;
  log: TaskLog;
  now?: () => number;
}): TryConnection {
  return async (config, secret, signal) => {
    // Scrubbed from the request log before the first byte, as for a saved connection.
    deps.log.addSecret(secret.secret, config.user);
    let source;
    try {
      source = deps
        .providers()
        .createSource(config, secret, sourceDepsFor(config, deps.settings(), deps.log, deps.now));
    } catch (e) {
      throw asProviderError(e);
    }
    try {
      const now = deps.now?.() ?? Date.now();
      const snapshot = await source.refresh({ since: now - TRIAL_WINDOW_MS }, signal);
      // A connection of several regions reads the others when one fails; a trial must still say which one did
      // (a mistyped or unavailable region), before it is saved.
      const failed = snapshot.groups.find(g => g.failure);
      if (failed?.failure)
        throw new ProviderError(
          failed.failure.kind as ErrorKind,
          say.t('Region {0}: {1}', failed.label, failed.failure.localizable ?? failed.failure.message),
        );
    } catch (e) {
      const error = asProviderError(e);
      deps.log.error(`${config.name} (trying before saving)`, error);
      throw error;
    } finally {
      await source.close().catch(() => undefined);
    }
  };
}

/** What to tell the person about a failed trial, and which questions to ask again. */
export interface TrialAdvice {
  /** One sentence in plain words: what failed. */
  headline: string;
  /** The field the "Edit" button goes back to (then the ones after it in `fields`). */
  fields: FieldId[];
  /** The Edit button's label ("Edit Password"). */
  editLabel: string;
}

/**
 * The decision: a refused credential sends the person back to the credential, an unreachable server to the
 * address, a certificate problem to the TLS question. Kinds the person cannot fix by editing still offer the
 * address, the one field that decides where the request went.
 */
export function adviseTrial(
  error: ProviderError,
  d: ProviderDescriptor,
  draft: { endpoint?: string; signIn?: 'keys' | 'profile' | 'chain'; hasTlsQuestion: boolean },
): TrialAdvice {
  const where = draft.endpoint ?? vscode.l10n.t('the public API');
  const credential: FieldId[] =
    draft.signIn === 'profile' || draft.signIn === 'chain' ? ['signIn'] : (['user', 'secret'] as FieldId[]);
  const credentialLabel =
    draft.signIn === 'profile' || draft.signIn === 'chain'
      ? vscode.l10n.t('Edit Sign-in')
      : vscode.l10n.t('Edit Credentials');
  const address: TrialAdvice = {
    headline: '',
    fields: ['endpoint'],
    editLabel: vscode.l10n.t('Edit Address'),
  };
  switch (error.kind) {
    case 'auth':
      return {
        headline:
          draft.signIn === 'profile' || draft.signIn === 'chain'
            ? vscode.l10n.t('No usable credentials: {0} refused the sign-in.', where)
            : vscode.l10n.t('Wrong credentials: {0} refused the {1}.', where, vscode.l10n.t(d.secret.prompt)),
        fields: credential,
        editLabel: credentialLabel,
      };
    case 'forbidden':
      return {
        headline: vscode.l10n.t('The credentials are valid, but this user may not read the task list on {0}.', where),
        fields: credential,
        editLabel: credentialLabel,
      };
    case 'tls':
      return draft.hasTlsQuestion
        ? {
            headline: vscode.l10n.t('The certificate of {0} is not trusted by the chosen TLS setting.', where),
            fields: ['tls'],
            editLabel: vscode.l10n.t('Edit TLS'),
          }
        : { ...address, headline: vscode.l10n.t('The certificate of {0} is not trusted.', where) };
    case 'network':
      return { ...address, headline: vscode.l10n.t('{0} cannot be reached.', where) };
    case 'timeout':
      return { ...address, headline: vscode.l10n.t('{0} did not answer in time.', where) };
    case 'bad-request':
    case 'not-found':
    case 'unsupported':
      return d.region && !draft.endpoint
        ? {
            headline: vscode.l10n.t('{0} refused the request: check the region.', where),
            fields: ['region'],
            editLabel: vscode.l10n.t('Edit Region'),
          }
        : { ...address, headline: vscode.l10n.t('{0} does not answer as this provider’s API does.', where) };
    case 'bad-response':
      return { ...address, headline: vscode.l10n.t('{0} does not answer as this provider’s API does.', where) };
    default:
      return { ...address, headline: vscode.l10n.t('The trial request to {0} failed.', where) };
  }
}

export type TrialOutcome = 'ok' | 'edit' | 'save-anyway' | 'cancel';

/** Success saves; a failure is told in plain words with the server's own message under it, and the way out chosen. */
export async function reportTrial(
  prompts: {
    showWarningMessage(m: string, o: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
  },
  error: ProviderError | undefined,
  advice: TrialAdvice | undefined,
): Promise<TrialOutcome> {
  if (!error || !advice) return 'ok';
  const saveAnyway = vscode.l10n.t('Save Anyway');
  const answer = await prompts.showWarningMessage(
    advice.headline,
    {
      modal: true,
      detail: vscode.l10n.t('{0}\n\nNothing is saved yet.', errorText(error)),
    },
    advice.editLabel,
    saveAnyway,
  );
  if (answer === advice.editLabel) return 'edit';
  if (answer === saveAnyway) return 'save-anyway';
  return 'cancel';
}

/** The trial under a cancellable progress notification; the person's cancel is not a failure to report. */
export async function runTrial(
  tryConnection: TryConnection,
  config: ConnectionConfig,
  secret: ConnectionSecret,
): Promise<ProviderError | 'aborted' | undefined> {
  try {
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Trying the connection "{0}"…', config.name),
        cancellable: true,
      },
      async (_progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          await tryConnection(config, secret, abort.signal);
        } finally {
          sub.dispose();
        }
      },
    );
    return undefined;
  } catch (e) {
    const error = asProviderError(e);
    return error.kind === 'aborted' ? 'aborted' : error;
  }
}
