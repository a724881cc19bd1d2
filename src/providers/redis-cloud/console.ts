/** The Redis Cloud console. Deep links follow the console's own routes; the API never returns them. */
export const CONSOLE_BASE = 'https://cloud.redis.io';

export function accountConsoleUrl(base = CONSOLE_BASE): string {
  return `${base}/#/subscriptions`;
}

export function subscriptionConsoleUrl(id: string, plan: 'pro' | 'essentials', base = CONSOLE_BASE): string {
  return plan === 'pro'
    ? `${base}/#/subscriptions/subscription/${encodeURIComponent(id)}/bdbs`
    : accountConsoleUrl(base);
}
