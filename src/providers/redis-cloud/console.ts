/**
 * The Redis Cloud console. Deep links follow the console's own routes; the API never returns them. The shapes are
 * the addresses the console shows in its address bar: a Pro subscription's databases at
 * `#/subscriptions/subscription/{id}/bdbs`, a database's page at
 * `#/databases/{databaseId}/subscription/{subscriptionId}/view-bdb/configuration` (as users copy it from the console
 * into their notes and READMEs, for Pro and Essentials databases alike).
 */
export const CONSOLE_BASE = 'https://cloud.redis.io';

export function accountConsoleUrl(base = CONSOLE_BASE): string {
  return `${base}/#/subscriptions`;
}

export function subscriptionConsoleUrl(id: string, plan: 'pro' | 'essentials', base = CONSOLE_BASE): string {
  return plan === 'pro'
    ? `${base}/#/subscriptions/subscription/${encodeURIComponent(id)}/bdbs`
    : accountConsoleUrl(base);
}

export function databaseConsoleUrl(subscriptionId: string, databaseId: string, base = CONSOLE_BASE): string {
  return `${base}/#/databases/${encodeURIComponent(databaseId)}/subscription/${encodeURIComponent(subscriptionId)}/view-bdb/configuration`;
}
