import * as vscode from 'vscode';
import type { ConnectionConfig } from '../../core/connection';
import type { ProviderDescriptor } from '../../providers/descriptor';
import { descriptorOf } from '../../providers/registry';

/**
 * A provider's descriptor in the person's language: descriptors are English data (they serve the CLI too), marked
 * for extraction; the words are translated here, when shown.
 */
export function providerLabel(provider: string): string {
  return vscode.l10n.t(descriptorOf(provider).label);
}

export function providerDescription(d: ProviderDescriptor): string {
  return vscode.l10n.t(d.description);
}

/** Tencent Cloud's two sites and the public API host of each (the international one from its API pages). */
export const TENCENT_SITES = {
  china: 'redis.tencentcloudapi.com',
  intl: 'redis.intl.tencentcloudapi.com',
} as const;

export type TencentSite = keyof typeof TENCENT_SITES;

export function tencentSiteOf(config: ConnectionConfig): TencentSite {
  return config.options?.site === 'intl' ? 'intl' : 'china';
}

/**
 * The connection tooltip's site line for a Tencent connection on the public endpoint. With an endpoint override the
 * site picks nothing, and the endpoint line says where requests go.
 */
export function tencentSiteText(config: ConnectionConfig): string | undefined {
  if (config.provider !== 'tencent' || config.endpoint || config.options?.legacyApi === true) return undefined;
  const site = tencentSiteOf(config);
  return site === 'intl'
    ? vscode.l10n.t('Site: International ({0})', TENCENT_SITES.intl)
    : vscode.l10n.t('Site: China ({0})', TENCENT_SITES.china);
}

/** `cluster` → `https://cluster:9443`; keeps an explicit scheme and port. Undefined when it is not a URL. */
export function normaliseEndpoint(input: string, provider: string): string | undefined {
  let text = input.trim();
  if (!text) return undefined;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined; // credentials belong in SecretStorage, not in a URL
  const defaultPort = descriptorOf(provider).endpoint.defaultPort;
  if (defaultPort && !url.port && !/:\d+(\/|$)/.test(text.replace(/^[a-z]+:\/\//i, ''))) {
    url.port = String(defaultPort);
  }
  return url.toString().replace(/\/$/, '');
}
