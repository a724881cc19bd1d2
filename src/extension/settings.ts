import * as vscode from 'vscode';

/** Every `redisTasks.*` setting read in one place, with the manifest's defaults. */
export const SECTION = 'redisTasks';

export type NotificationMode = 'off' | 'watched';

export interface ExtensionSettings {
  activeIntervalMs: number;
  idleIntervalMs: number;
  resultTtlSeconds: number;
  notifications: NotificationMode;
  requestTimeoutMs: number;
  /** Tasks started within this many days are asked for when no Filter Tasks window is chosen; 0 = the provider's default. */
  timeWindowDays: number;
  /** How long a finished task stays after its provider stops listing it. */
  retentionMs: number;
  proxy?: string;
}

function seconds(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function readSettings(): ExtensionSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const proxy = vscode.workspace.getConfiguration('http').get<string>('proxy');
  return {
    activeIntervalMs: seconds(c.get('pollInterval.active'), 5) * 1000,
    idleIntervalMs: seconds(c.get('pollInterval.idle'), 60) * 1000,
    resultTtlSeconds: seconds(c.get('resultTtlSeconds'), 3600),
    notifications: c.get('notifications') === 'off' ? 'off' : 'watched',
    requestTimeoutMs: seconds(c.get('requestTimeoutSeconds'), 30) * 1000,
    // Tencent and Alibaba keep 30 days of tasks: a longer window would only be refused.
    timeWindowDays: Math.min(30, seconds(c.get('timeWindowDays'), 7)),
    retentionMs: seconds(c.get('finishedTaskRetentionHours'), 24) * 3600_000,
    proxy: proxy && proxy.trim() ? proxy.trim() : undefined,
  };
}
