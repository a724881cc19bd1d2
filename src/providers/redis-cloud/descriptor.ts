import * as l10n from '@vscode/l10n';
import type { ProviderDescriptor } from '../descriptor';

export const REDIS_CLOUD_API = 'https://api.redislabs.com/v1';

export const redisCloud: ProviderDescriptor = {
  id: 'redis-cloud',
  label: l10n.t('Redis Cloud'),
  description: l10n.t('Redis Cloud API tasks'),
  icon: 'cloud',
  endpoint: { required: true, default: REDIS_CLOUD_API, prompt: l10n.t('API base URL'), alwaysAskTls: false },
  user: { prompt: l10n.t('Account key (x-api-key)') },
  secret: { prompt: l10n.t('User secret key (x-api-secret-key)') },
  cli: {
    userFlags: ['account-key'],
    secretName: 'Redis Cloud user API secret key',
    secretEnv: 'REDIS_TASKS_SECRET_KEY',
  },
};
