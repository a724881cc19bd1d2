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
  /** False while only the CLI and the emulator speak it: the extension does not offer it in Add Connection yet. */
  readonly inExtension?: boolean;
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
