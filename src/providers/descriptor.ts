import * as l10n from '@vscode/l10n';

/**
 * What the extension, the CLI and the emulator know of a provider without loading its code: a descriptor is plain
 * data, so the activation bundle can list every provider while each one's client (and the HTTP stack) stays in its
 * own lazily loaded bundle, `dist/providers/<id>.js`, built from `src/providers/<id>/index.ts`.
 *
 * Texts are English and marked with `l10n.t` from `@vscode/l10n` only so that `npm run l10n:export` finds them; the
 * extension translates them when it shows them (`vscode.l10n.t(text)`), the CLI prints them as they are.
 */
export interface ProviderDescriptor {
  /** The `provider` of its connections, the name of its folders, bundle and CLI value (`--provider tencent`). */
  readonly id: string;
  /** Product name, as the provider spells it. */
  readonly label: string;
  /** One line under the label in Add Connection: what this connection shows. */
  readonly description: string;
  /** Codicon of its connection rows. */
  readonly icon: 'server' | 'cloud';
  readonly endpoint: EndpointField;
  readonly user: CredentialField;
  readonly secret: CredentialField;
  /** Cloud APIs are regional; a cluster's REST API is not. */
  readonly region?: RegionField;
  /**
   * Ways to sign in other than typed keys (AWS): a named profile of the machine's shared files, stored in
   * `options[profileOption]`, or the provider's default credential chain. Without it, the user and secret are asked.
   */
  readonly signIn?: SignInField;
  /** Provider-specific questions of Add Connection, each setting one key of `ConnectionConfig.options`. */
  readonly choices?: readonly ConnectionChoice[];
  readonly cli: CliNames;
  /**
   * Task names and group descriptions the provider composes with data ("Service update {0}": `{n}` is an id, a name
   * or the provider's own status word, never translated). The extension translates a text that matches one and keeps
   * the data; a text that matches none is shown as it is.
   */
  readonly textTemplates?: readonly string[];
  /**
   * Words of ours that a template's data lists, comma-separated ("AWS region · not shown: serverless caches, global
   * datastores"): a data part made only of these is translated word by word; any other data stays as it is.
   */
  readonly listWords?: readonly string[];
  /**
   * Step names, step details and task errors the provider composes itself (AWS: "node type {0} → {1}"), matched as
   * `textTemplates` are, on this provider's tasks only: a matching text is translated with its data kept, and a data
   * part that matches one of these is translated too. A step a server wrote matches none and stays as it is.
   */
  readonly stepTemplates?: readonly string[];
  /**
   * How the extension asks before a cancel and names what it does, in this provider's words (Redis Enterprise cancels
   * a CRDB task; AWS stops a service update). Without it, plain words that promise nothing of the server.
   */
  readonly cancel?: CancelWords;
  /** False while only the CLI and the emulator speak it: the extension does not offer it in Add Connection yet. */
  readonly inExtension?: boolean;
}

/**
 * The words of a cancel: English templates marked with `l10n.t`, which the extension translates when it shows them.
 * Their arguments (each template uses the ones it needs):
 * - `question`: `{0}` the task's name, `{1}` what it runs on, `{2}` the connection; `questionWithoutTarget`: `{0}`
 *   the name, `{1}` the connection;
 * - `detail`: `{0}` the task id, `{1}` what it runs on (or the task's name when it names no target), `{2}` the name;
 * - `refused` and `failed`: `{0}` the task id, `{1}` the server's words or the reason, `{2}` the name.
 */
export interface CancelWords {
  /** The button that sends it, in the confirmation and the details panel ("Cancel Task", "Stop Update"). */
  readonly action: string;
  /** The confirmation's question. */
  readonly question: string;
  readonly questionWithoutTarget: string;
  /** Under the question: what the server does once it is sent. */
  readonly detail: string;
  /** The error when the server would not do it (`not-cancelable`) and nothing can be forced. */
  readonly refused: string;
  /** Any other failure of it. */
  readonly failed: string;
  /** A provider that can force a cancel the server refused (Redis Enterprise's `force=true`); none without it. */
  readonly force?: ForceCancelWords;
  /** The status word of a task whose cancel was accepted, until it ends ("Cancelling…", "Stopping…"). */
  readonly inProgress?: string;
  /**
   * The tooltip's and the details panel's words when an accepted cancel has not ended the task after the store's
   * patience (`CANCEL_PATIENCE_MS`): `{0}` the time it was asked for.
   */
  readonly unanswered?: string;
  /**
   * The contextValue token a cancelable row of this provider carries when the menus must say `action` rather than
   * "Cancel Task": VS Code menus cannot take a title per row, so `stopWord` shows `redisTasks.stopUpdate` (the same
   * handler under the title "Stop Update") instead of `redisTasks.cancelTask` (package.json).
   */
  readonly menuToken?: 'stopWord';
  /**
   * The notification when a task the person canceled ends, by how it ended: `{0}` the task, `{1}` the connection,
   * `{2}` (`other` only) its status word.
   */
  readonly outcome?: CancelOutcomeWords;
}

export interface CancelOutcomeWords {
  readonly canceled: string;
  readonly succeeded: string;
  readonly failed: string;
  readonly other: string;
}

/** A provider's words with the plain ones filled in where it has none of its own. */
export type FullCancelWords = CancelWords & Required<Pick<CancelWords, 'inProgress' | 'unanswered' | 'outcome'>>;

/** What a provider without words of its own says: nothing it cannot promise about the server. */
export const PLAIN_CANCEL_WORDS: FullCancelWords = {
  action: l10n.t('Cancel Task'),
  question: l10n.t('Cancel "{0}" on {1} ({2})?'),
  questionWithoutTarget: l10n.t('Cancel "{0}" ({1})?'),
  detail: l10n.t('Task ID: {0}. The request to cancel it is sent once.'),
  refused: l10n.t('Task {0} can no longer be canceled: {1}'),
  failed: l10n.t('Could not cancel task {0}: {1}'),
  inProgress: l10n.t('Cancelling…'),
  unanswered: l10n.t(
    'A cancel was requested at {0} and accepted, but the task is still running. You can cancel it again.',
  ),
  outcome: {
    canceled: l10n.t('Canceled: {0} on {1}.'),
    succeeded: l10n.t('{0} on {1} succeeded anyway: it finished before the cancel took effect.'),
    failed: l10n.t('{0} on {1} failed after the cancel request.'),
    other: l10n.t('{0} on {1} ended after the cancel request: {2}'),
  },
};

export interface ForceCancelWords {
  /** Heading of the warning after the server refused the plain cancel (`{0}` the task id). */
  readonly refusedHeading: string;
  /** Why forcing is dangerous, in that warning when the task can be forced. */
  readonly risk: string;
  /** The API's own caution, shown before Force Cancel from a menu. */
  readonly warning: string;
  /** The prompt of the box where the person types the task id (`{0}` the id). */
  readonly typeIdPrompt: string;
  /** Tooltip of the details panel's Force Cancel button. */
  readonly buttonTitle: string;
}

export interface EndpointField {
  /** A self-hosted cluster has no public address; a cloud API has one, which the field overrides. */
  readonly required: boolean;
  /** Filled in for the person (Redis Cloud's public API base). */
  readonly default?: string;
  readonly prompt: string;
  /** Added when an address has none (Redis Enterprise's 9443). */
  readonly defaultPort?: number;
  /** Self-hosted: ask how to trust the certificate even for the default address. */
  readonly alwaysAskTls: boolean;
}

export interface CredentialField {
  readonly prompt: string;
  /** May be left out: the provider then finds credentials itself (an AWS profile or the default chain). */
  readonly optional?: boolean;
}

export interface SignInField {
  readonly profileOption: string;
  /** The three ways, as Add Connection words them. */
  readonly profile: string;
  readonly keys: string;
  readonly chain: string;
  /** Under each: where the credentials come from. */
  readonly profileDetail: string;
  readonly chainDetail: string;
}

export interface RegionField {
  readonly default: string;
  /** The regions the provider documents, for a picker; a person may still type another. */
  readonly known: readonly string[];
  /** One connection may name several, comma-separated (`us-east-1,eu-west-1`). */
  readonly several?: boolean;
}

export interface ConnectionChoice {
  /** The `ConnectionConfig.options` key it sets; `undefined` as a value removes the key. */
  readonly option: string;
  readonly placeholder: string;
  readonly items: readonly ChoiceItem[];
}

export interface ChoiceItem {
  /** Shown as the quick pick item's label; an API's own name stays as it is, other words are translated. */
  readonly text: string;
  readonly description?: string;
  readonly value: string | boolean | undefined;
}

export interface CliNames {
  /** Aliases of `--user` in the provider's own words (`--secret-id`); the first one is the one help suggests. */
  readonly userFlags: readonly string[];
  /** How the secret prompt names the secret. */
  readonly secretName: string;
  /** The environment variable the secret may come from. */
  readonly secretEnv: string;
  /** Temporary credentials: the environment variable a session token may come from (never argv). */
  readonly sessionTokenEnv?: string;
  /**
   * When only some kinds of task can be canceled: the CLI asks for the task first and names what can be, instead of
   * sending a cancel the server answers with a confusing 404.
   */
  readonly cancels?: { readonly kinds: readonly string[]; readonly what: string };
  /** Flags of this provider only, each setting one `ConnectionConfig.options` key (`--site intl`). */
  readonly flags?: readonly ProviderFlag[];
}

export interface ProviderFlag {
  /** Given as `--<name> VALUE`. */
  readonly name: string;
  /** The `ConnectionConfig.options` key it sets. */
  readonly option: string;
  /** The value column of `--help` (`china|intl`, `NAME`). */
  readonly placeholder: string;
  /** Accepted words (lower case) and the value each stores; without it any non-empty text is stored as given. */
  readonly values?: Readonly<Record<string, string>>;
  /** Its `--help` lines, after the flag column. */
  readonly help: readonly string[];
}
