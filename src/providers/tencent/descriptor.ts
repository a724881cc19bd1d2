import * as l10n from '@vscode/l10n';
import type { ProviderDescriptor } from '../descriptor';
import { REGION_IDS } from './regions';

/** The region row of a connection of several regions (`src/providers/several-regions.ts`). */
export const TENCENT_GROUP_TEXTS = {
  region: l10n.t('Tencent Cloud region'),
} as const;

export const tencent: ProviderDescriptor = {
  id: 'tencent',
  label: l10n.t('Tencent Cloud'),
  description: l10n.t('TencentDB for Redis tasks'),
  icon: 'cloud',
  endpoint: {
    required: false,
    prompt: l10n.t('Endpoint override (leave empty for the public Tencent Cloud API)'),
    alwaysAskTls: false,
  },
  user: { prompt: l10n.t('SecretId') },
  secret: { prompt: l10n.t('SecretKey') },
  region: { default: 'ap-guangzhou', known: Object.keys(REGION_IDS), several: true },
  textTemplates: Object.values(TENCENT_GROUP_TEXTS),
  choices: [
    {
      option: 'legacyApi',
      placeholder: l10n.t('Which Tencent Cloud API?'),
      items: [
        { text: l10n.t('Current API (DescribeTaskList, TC3-HMAC-SHA256)'), value: undefined },
        { text: l10n.t('Legacy API (GetRedisTaskList)'), value: true },
      ],
    },
    {
      // Accounts of the international site (tencentcloud.com) answer only on its own endpoint; an endpoint override
      // still wins, and the legacy API is known on the China site only (the client says so if both are chosen).
      option: 'site',
      placeholder: l10n.t('Which Tencent Cloud site is the account on?'),
      items: [
        { text: l10n.t('China (cloud.tencent.com)'), description: 'redis.tencentcloudapi.com', value: undefined },
        {
          text: l10n.t('International (tencentcloud.com)'),
          description: 'redis.intl.tencentcloudapi.com',
          value: 'intl',
        },
      ],
    },
  ],
  cli: {
    userFlags: ['secret-id'],
    secretName: 'Tencent Cloud SecretKey',
    secretEnv: 'REDIS_TASKS_SECRET_KEY',
    flags: [
      {
        name: 'site',
        option: 'site',
        placeholder: 'china|intl',
        values: { china: 'china', cn: 'china', intl: 'intl', international: 'intl' },
        help: [
          "Tencent Cloud: the account's site; intl calls redis.intl.tencentcloudapi.com",
          '(default china: redis.tencentcloudapi.com; --endpoint overrides either)',
        ],
      },
    ],
  },
};
