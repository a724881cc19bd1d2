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
  // A CRDB task is canceled gracefully unless it reached its commit phase; only force=true stops it then.
  cancel: {
    action: l10n.t('Cancel Task'),
    question: l10n.t('Cancel "{0}" on {1} ({2})?'),
    questionWithoutTarget: l10n.t('Cancel "{0}" ({1})?'),
    detail: l10n.t(
      'Task ID: {0}. The server stops the task gracefully; a task that reached its commit phase cannot be canceled this way.',
    ),
    refused: l10n.t('Task {0} can no longer be canceled: {1}'),
    failed: l10n.t('Could not cancel task {0}: {1}'),
    force: {
      refusedHeading: l10n.t('Task {0} reached its commit phase and can no longer be canceled gracefully.'),
      risk: l10n.t(
        'Only a forced cancel can stop it now. A forced cancel can leave the Active-Active database broken in the cluster configuration store.',
      ),
      warning: l10n.t(
        'Warning from the Redis Enterprise API: cancelling with force=true cancels the task even in its commit phase, and can break the CRDB in the cluster configuration store (CCS).',
      ),
      typeIdPrompt: l10n.t('Type the task id {0} to force the cancel. This can break the Active-Active database.'),
      buttonTitle: l10n.t('Cancel even in the commit phase (can break the Active-Active database)'),
    },
  },
  cli: {
    userFlags: ['user'],
    secretName: 'Password',
    secretEnv: 'REDIS_TASKS_PASSWORD',
    cancels: { kinds: ['crdb-task'], what: 'Active-Active (CRDB) tasks' },
  },
};
