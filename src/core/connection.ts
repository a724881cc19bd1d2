import type { ProviderId } from './task';

/** How to trust the server's certificate. Verification is never turned off: a self-signed server is pinned. */
export type TlsTrust =
  { mode: 'system' } | { mode: 'ca-file'; caFile: string } | { mode: 'pinned'; fingerprint256: string };

/** Connection metadata: what lives in settings. Never a secret. */
export interface ConnectionConfig {
  id: string;
  name: string;
  provider: ProviderId;
  /** Base URL (Redis Enterprise `https://cluster:9443`, Redis Cloud API base, a cloud endpoint override). */
  endpoint?: string;
  /** Redis Enterprise user, Tencent SecretId, Alibaba AccessKey ID, Redis Cloud account key. */
  user?: string;
  /** One region, or several comma-separated where the provider allows it (`regionIds` reads them). */
  region?: string;
  tls?: TlsTrust;
  /**
   * The person chose to send this connection's credentials over plain http:// to a host that is not this machine
   * (shown in the connection's tooltip; the CLI's --allow-insecure-http). Without it such requests are refused.
   */
  allowInsecureHttp?: boolean;
  /** Provider-specific switches (Tencent `legacyApi`, Alibaba `taskApi`). */
  options?: Record<string, string | number | boolean>;
}

/** The secret half of a connection: from SecretStorage in VS Code, from the environment in the CLI. */
export interface ConnectionSecret {
  /** Redis Enterprise password, Tencent SecretKey, Alibaba AccessKey secret, Redis Cloud user secret key. */
  secret: string;
  /** AWS temporary credentials: the session token that goes with a typed access key (never stored in settings). */
  sessionToken?: string;
}

/** "us-east-1, eu-west-1" as ids, in order, each once: the one `region` field holds several, comma-separated. */
export function regionIds(value: string | undefined): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(/[\s,]+/)
        .map(s => s.trim())
        .filter(Boolean),
    ),
  ];
}
