import * as l10n from '@vscode/l10n';
import type { ProviderDescriptor } from '../descriptor';
import { REGIONS } from './regions';

/** The region row of a connection of several regions (`src/providers/several-regions.ts`). */
export const ALIBABA_GROUP_TEXTS = {
  region: l10n.t('Alibaba Cloud region'),
} as const;

export const alibaba: ProviderDescriptor = {
  id: 'alibaba',
  label: l10n.t('Alibaba Cloud'),
  description: l10n.t('ApsaraDB for Redis (Tair) tasks'),
  icon: 'cloud',
  endpoint: {
    required: false,
    prompt: l10n.t('Endpoint override (leave empty for the public Alibaba Cloud API)'),
    alwaysAskTls: false,
  },
  user: { prompt: l10n.t('AccessKey ID') },
  secret: { prompt: l10n.t('AccessKey secret') },
  region: { default: 'cn-hangzhou', known: REGIONS, several: true },
  textTemplates: Object.values(ALIBABA_GROUP_TEXTS),
  choices: [
    {
      option: 'taskApi',
      placeholder: l10n.t('Which task API?'),
      items: [
        { text: 'DescribeHistoryTasks', description: l10n.t('current, region-wide'), value: 'DescribeHistoryTasks' },
        { text: 'DescribeTasks', description: l10n.t('older, per instance'), value: 'DescribeTasks' },
      ],
    },
  ],
  cli: {
    userFlags: ['access-key-id'],
    secretName: 'Alibaba Cloud AccessKey secret',
    secretEnv: 'REDIS_TASKS_SECRET_KEY',
  },
};
