import * as l10n from '@vscode/l10n';
import type { TaskStatus } from './task';

/**
 * How each status looks, in one table for every view: the tree, the status bar, the details panel and the CLI.
 * Colour is never the only signal: the word goes with it everywhere.
 */
export interface StatusLook {
  /** English; the extension translates it (`vscode.l10n.t(word)`), the CLI prints `cli`. */
  readonly word: string;
  /** The CLI's word: lower case, one token, what scripts grep for. */
  readonly cli: string;
  /** Codicon, without `~spin`. */
  readonly icon: string;
  /** Turns while the task does something. */
  readonly spin: boolean;
  /** VS Code theme colour of the icon. */
  readonly themeColor?: string;
  /** SGR foreground colour in a terminal. */
  readonly ansi?: string;
}

export const STATUS_LOOK: Readonly<Record<TaskStatus, StatusLook>> = {
  pending: {
    word: l10n.t('Pending'),
    cli: 'pending',
    icon: 'clock',
    spin: false,
    themeColor: 'charts.yellow',
    ansi: '36',
  },
  running: { word: l10n.t('Running'), cli: 'running', icon: 'sync', spin: true, themeColor: 'charts.blue', ansi: '36' },
  succeeded: {
    word: l10n.t('Succeeded'),
    cli: 'succeeded',
    icon: 'pass',
    spin: false,
    themeColor: 'testing.iconPassed',
    ansi: '32',
  },
  failed: {
    word: l10n.t('Failed'),
    cli: 'failed',
    icon: 'error',
    spin: false,
    themeColor: 'testing.iconFailed',
    ansi: '31',
  },
  canceled: {
    word: l10n.t('Canceled'),
    cli: 'canceled',
    icon: 'circle-slash',
    spin: false,
    themeColor: 'disabledForeground',
    ansi: '33',
  },
  paused: {
    word: l10n.t('Paused'),
    cli: 'paused',
    icon: 'debug-pause',
    spin: false,
    themeColor: 'charts.yellow',
    ansi: '33',
  },
  interrupted: {
    word: l10n.t('Interrupted'),
    cli: 'interrupted',
    icon: 'warning',
    spin: false,
    themeColor: 'list.warningForeground',
    ansi: '31',
  },
  unknown: { word: l10n.t('Unknown'), cli: 'unknown', icon: 'question', spin: false },
  ended: {
    word: l10n.t('Finished, final state unknown'),
    cli: 'ended',
    icon: 'circle-large-outline',
    spin: false,
    themeColor: 'disabledForeground',
  },
};

/** A task a cancel was just sent for, until the next answer tells how it went. */
export const CANCELLING_LOOK = { icon: 'loading', spin: true, themeColor: 'list.warningForeground' } as const;

/** Letters only, lower case: "SUCCEED", "succeeded" and "Succeeded." compare alike. */
function stem(word: string): string {
  return word.toLowerCase().replace(/[^\p{L}]/gu, '');
}

/**
 * Whether the provider's own status word tells more than our status: "Waiting" under Pending does (the provider
 * queued it), "succeed" under Succeeded does not. Views show the provider's word, labelled as such, only then.
 */
export function providerWordAddsSomething(status: TaskStatus, providerStatus: string | undefined): boolean {
  const theirs = stem(providerStatus ?? '');
  if (theirs === '') return false;
  const ours = [stem(STATUS_LOOK[status].word), stem(STATUS_LOOK[status].cli)];
  return !ours.some(
    w => w === theirs || (Math.min(w.length, theirs.length) >= 4 && (w.startsWith(theirs) || theirs.startsWith(w))),
  );
}
