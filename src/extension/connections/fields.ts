import * as vscode from 'vscode';
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
