import * as vscode from 'vscode';
import type { ProviderId } from '../../core/task';

/** What each provider asks for in the Add Connection flow, in words for that provider. */
export interface ProviderFields {
  label: string;
  description: string;
  /** Redis Enterprise: the cluster URL; others: an optional override of the public endpoint. */
  endpointRequired: boolean;
  defaultEndpoint?: string;
  endpointPrompt: string;
  userPrompt: string;
  secretPrompt: string;
  needsRegion: boolean;
  /** Whether the TLS question is asked even for the default endpoint (a self-hosted cluster). */
  alwaysAskTls: boolean;
}

export const REDIS_ENTERPRISE_PORT = 9443;
export const REDIS_CLOUD_API = 'https://api.redislabs.com/v1';

export function providerLabel(p: ProviderId): string {
  switch (p) {
    case 'redis-enterprise':
      return vscode.l10n.t('Redis Enterprise');
    case 'redis-cloud':
      return vscode.l10n.t('Redis Cloud');
    case 'tencent':
      return vscode.l10n.t('Tencent Cloud');
    case 'alibaba':
      return vscode.l10n.t('Alibaba Cloud');
    // AWS (in progress): the Add Connection flow for it comes with the provider descriptors.
    case 'aws':
      return vscode.l10n.t('Amazon ElastiCache');
  }
}

export function providerFields(p: ProviderId): ProviderFields {
  switch (p) {
    case 'redis-enterprise':
      return {
        label: providerLabel(p),
        description: vscode.l10n.t('Cluster REST API (Active-Active tasks, actions, state machines)'),
        endpointRequired: true,
        endpointPrompt: vscode.l10n.t(
          'Cluster address, e.g. https://cluster.example.com:9443 (port 9443 when omitted)',
        ),
        userPrompt: vscode.l10n.t('User (email or name) of the cluster'),
        secretPrompt: vscode.l10n.t('Password of the cluster user'),
        needsRegion: false,
        alwaysAskTls: true,
      };
    case 'redis-cloud':
      return {
        label: providerLabel(p),
        description: vscode.l10n.t('Redis Cloud API tasks'),
        endpointRequired: true,
        defaultEndpoint: REDIS_CLOUD_API,
        endpointPrompt: vscode.l10n.t('API base URL'),
        userPrompt: vscode.l10n.t('Account key (x-api-key)'),
        secretPrompt: vscode.l10n.t('User secret key (x-api-secret-key)'),
        needsRegion: false,
        alwaysAskTls: false,
      };
    case 'tencent':
      return {
        label: providerLabel(p),
        description: vscode.l10n.t('TencentDB for Redis tasks'),
        endpointRequired: false,
        endpointPrompt: vscode.l10n.t('Endpoint override (leave empty for the public Tencent Cloud API)'),
        userPrompt: vscode.l10n.t('SecretId'),
        secretPrompt: vscode.l10n.t('SecretKey'),
        needsRegion: true,
        alwaysAskTls: false,
      };
    case 'alibaba':
      return {
        label: providerLabel(p),
        description: vscode.l10n.t('ApsaraDB for Redis (Tair) tasks'),
        endpointRequired: false,
        endpointPrompt: vscode.l10n.t('Endpoint override (leave empty for the public Alibaba Cloud API)'),
        userPrompt: vscode.l10n.t('AccessKey ID'),
        secretPrompt: vscode.l10n.t('AccessKey secret'),
        needsRegion: true,
        alwaysAskTls: false,
      };
    case 'aws':
      return {
        label: providerLabel(p),
        description: vscode.l10n.t('ElastiCache and MemoryDB operations'),
        endpointRequired: false,
        endpointPrompt: vscode.l10n.t('Endpoint override (leave empty for the public AWS endpoints)'),
        userPrompt: vscode.l10n.t('Access key ID'),
        secretPrompt: vscode.l10n.t('Secret access key'),
        needsRegion: true,
        alwaysAskTls: false,
      };
  }
}

/** `cluster` → `https://cluster:9443`; keeps an explicit scheme and port. Undefined when it is not a URL. */
export function normaliseEndpoint(input: string, provider: ProviderId): string | undefined {
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
  if (provider === 'redis-enterprise' && !url.port && !/:\d+(\/|$)/.test(text.replace(/^[a-z]+:\/\//i, ''))) {
    url.port = String(REDIS_ENTERPRISE_PORT);
  }
  return url.toString().replace(/\/$/, '');
}
