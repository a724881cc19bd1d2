import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { ProviderError } from '../../core/errors';
import * as say from '../../core/say';

/** What SigV4 signs with. Temporary credentials carry a session token and usually an expiry. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialProvider = () => Promise<AwsCredentials>;

export interface CredentialChoice {
  /** A named profile of the shared config and credentials files (SSO, assume-role and credential_process included). */
  profile?: string;
  /** Keys typed by the user. */
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
}

/**
 * Which credentials a connection uses, in the AWS CLI's order of precedence: keys the user typed, else the named
 * profile through the SDK's INI provider (which follows `source_profile`, `role_arn`, `sso_session` and
 * `credential_process` like the CLI; it never falls back to instance metadata, so a wrong profile name fails fast),
 * else the SDK's default Node chain (environment, default profile, SSO, web identity, ECS, IMDS).
 */
export function credentialProviderFor(choice: CredentialChoice): CredentialProvider {
  if (choice.accessKeyId && choice.secretAccessKey) {
    const fixed: AwsCredentials = {
      accessKeyId: choice.accessKeyId,
      secretAccessKey: choice.secretAccessKey,
      ...(choice.sessionToken ? { sessionToken: choice.sessionToken } : {}),
    };
    return () => Promise.resolve(fixed);
  }
  if (choice.accessKeyId && !choice.secretAccessKey)
    throw new ProviderError(
      'auth',
      say.t('The AWS connection has the access key {0} but no secret key.', choice.accessKeyId),
    );
  const sdk = choice.profile ? fromIni({ profile: choice.profile }) : fromNodeProviderChain();
  return async () => {
    try {
      return await sdk();
    } catch (e) {
      // The SDK's messages name files and profiles, never secrets; they tell the user what to fix.
      const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
      throw new ProviderError(
        'auth',
        choice.profile
          ? say.t(
              'No AWS credentials from the AWS profile "{0}": {1} (run "aws sso login" if it is an SSO profile)',
              choice.profile,
              detail,
            )
          : say.t('No AWS credentials from the default AWS credential chain: {0}', detail),
        { cause: e },
      );
    }
  };
}

/** Five minutes of margin, as the SDKs refresh: a request signed just before expiry would fail on the way. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/** One resolution shared by every request until shortly before the credentials expire. */
export function memoize(provider: CredentialProvider, now: () => number = Date.now): CredentialProvider {
  let cached: Promise<AwsCredentials> | undefined;
  return () => {
    if (cached) {
      const current = cached;
      return current.then(c => (c.expiration && c.expiration.getTime() - EXPIRY_MARGIN_MS <= now() ? refresh() : c));
    }
    return refresh();
  };
  function refresh(): Promise<AwsCredentials> {
    const p = provider();
    cached = p;
    // A failure is not kept: the next request asks again (after "aws sso login", say).
    p.catch(() => {
      if (cached === p) cached = undefined;
    });
    return p;
  }
}
