import * as l10n from '@vscode/l10n';
import type { ProviderDescriptor } from '../descriptor';

export const redisEnterprise: ProviderDescriptor = {
  id: 'redis-enterprise',
  label: l10n.t('Redis Enterprise'),
  description: l10n.t('Cluster REST API (Active-Active tasks, actions, state machines)'),
  icon: 'server',
  endpoint: {
    required: true,
    prompt: l10n.t('Cluster address, e.g. https://cluster.example.com:9443 (port 9443 when omitted)'),
    defaultPort: 9443,
    alwaysAskTls: true,
  },
  user: { prompt: l10n.t('User (email or name) of the cluster') },
  secret: { prompt: l10n.t('Password of the cluster user') },
  cli: {
    userFlags: ['user'],
    secretName: 'Password',
    secretEnv: 'REDIS_TASKS_PASSWORD',
    cancels: { kinds: ['crdb-task'], what: 'Active-Active (CRDB) tasks' },
  },
};
