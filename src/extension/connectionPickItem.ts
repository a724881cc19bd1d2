import * as vscode from 'vscode';
import type { ConnectionConfig } from '../core/connection';
import { providerById } from '../providers/registry';
import { isDemo } from './connections/model';
import { displayName } from './displayNames';

/**
 * A connection as every picker shows it: its name, then the provider and where it points. Demo connections share one
 * emulator address, so the name and the provider are what tell them apart.
 */
export function connectionPickItem(c: ConnectionConfig): vscode.QuickPickItem {
  const provider = providerText(c);
  // Several regions of one cloud connection are stored comma-separated: shown as a list.
  const where = isDemo(c) ? vscode.l10n.t('demo') : (c.region?.split(',').join(', ') ?? c.endpoint);
  return {
    label: c.name,
    description: where ? `${provider} · ${where}` : provider,
    detail: c.region && c.endpoint && !isDemo(c) ? c.endpoint : undefined,
  };
}

/** The provider's name in the person's language. */
export function providerText(c: ConnectionConfig): string {
  return displayName(providerById(c.provider)?.label ?? c.provider);
}
