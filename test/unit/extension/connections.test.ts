import { settings } from './fakeVscode';
import * as assert from 'node:assert/strict';
import { normaliseEndpoint, tencentSiteText } from '../../../src/extension/connections/fields';
import { addConnectionFlow, editConnectionFlow } from '../../../src/extension/connections/flows';
import { ConnectionsModel, newConnectionId, parseConnection } from '../../../src/extension/connections/model';
import type { Prompts } from '../../../src/extension/prompts';
import type { ConnectionConfig, ConnectionSecret } from '../../../src/core/connection';
import { ProviderError } from '../../../src/core/errors';
import { adviseTrial, makeTryConnection } from '../../../src/extension/connections/trial';
import type { TaskLog } from '../../../src/extension/log';
import type { ExtensionSettings } from '../../../src/extension/settings';
import type { TaskSnapshot } from '../../../src/core/task';
import * as say from '../../../src/core/say';
import { descriptorOf } from '../../../src/providers/registry';
import { MemorySecrets } from '../support/memorySecrets';
import type { ProvidersModule } from '../../../src/extension/providersLoader';

const FP = 'AB:'.repeat(31) + 'AB';

function scripted(answers: unknown[]) {
  const asked: { kind: string; text: string; options?: unknown }[] = [];
  const next = () => Promise.resolve(answers.shift());
  const prompts = {
    showQuickPick: (items: { label: string }[], options?: { placeHolder?: string; canPickMany?: boolean }) => {
      asked.push({ kind: 'pick', text: options?.placeHolder ?? '', options: { ...options, items } });
      const want = answers.shift();
      const matches = (i: { label: string }, w: unknown) => {
        const r = i as unknown as Record<string, unknown>;
        return i.label === w || r.provider === w || r.mode === w || r.field === w || r.way === w || r.region === w;
      };
      // A multi-select answer is a list of what to check.
      if (options?.canPickMany)
        return Promise.resolve(Array.isArray(want) ? items.filter(i => want.some(w => matches(i, w))) : undefined);
      return Promise.resolve(items.find(i => matches(i, want)));
    },
    showInputBox: (o: { prompt?: string; password?: boolean; validateInput?: (v: string) => unknown }) => {
      asked.push({ kind: 'input', text: o.prompt ?? '', options: o });
      return next();
    },
    showWarningMessage: (m: string, o: unknown) => {
      asked.push({ kind: 'warning', text: m, options: o });
      return next();
    },
    showErrorMessage: (m: string) => {
      asked.push({ kind: 'error', text: m });
      return next();
    },
    showInformationMessage: (m: string) => {
      asked.push({ kind: 'info', text: m });
      return next();
    },
    showOpenDialog: () => next(),
  } as unknown as Prompts;
  return { prompts, asked };
}

function model() {
  const storage = new MemorySecrets();
  return { connections: new ConnectionsModel(storage), secrets: storage.data };
}

const providers = {
  probeCertificate: async () => ({
    fingerprint256: FP.toLowerCase(),
    subject: 'CN=cluster',
    issuer: 'CN=cluster',
    validTo: 'Jan 1 2030',
    trusted: false,
    authorizationError: 'SELF_SIGNED',
  }),
  normaliseFingerprint: (f: string) => f.toUpperCase(),
} as unknown as ProvidersModule;

/** The trial before saving: records what it was asked to try and fails while `failWith` is set. */
const trial = {
  tried: [] as { config: ConnectionConfig; secret: ConnectionSecret }[],
  failWith: [] as (ProviderError | undefined)[],
  fn: async (config: ConnectionConfig, secret: ConnectionSecret) => {
    trial.tried.push({ config, secret });
    const e = trial.failWith.shift();
    if (e) throw e;
  },
};

/** Add Connection answered with `answers` in order (see `scripted`), against `withProviders` and the recorded trial. */
async function add(connections: ConnectionsModel, answers: unknown[], withProviders = providers) {
  const { prompts, asked } = scripted(answers);
  const config = await addConnectionFlow({
    prompts,
    connections,
    providers: () => withProviders,
    tryConnection: trial.fn,
  });
  return { config, asked };
}

/** Edit Connection of `current`, answered likewise. */
async function edit(
  connections: ConnectionsModel,
  current: ConnectionConfig,
  answers: unknown[],
  withProviders = providers,
) {
  const { prompts, asked } = scripted(answers);
  const config = await editConnectionFlow(
    { prompts, connections, providers: () => withProviders, tryConnection: trial.fn },
    current,
  );
  return { config, asked };
}

describe('connections', () => {
  beforeEach(() => {
    settings['redisTasks.connections'] = [];
    trial.tried = [];
    trial.failWith = [];
  });
  afterEach(() => {
    delete settings['redisTasks.connections'];
  });

  it('Add Connection (Redis Enterprise): pins the shown fingerprint on yes; the password goes to SecretStorage only', async () => {
    const { connections, secrets } = model();
    const { config, asked } = await add(connections, [
      'redis-enterprise',
      'Prod',
      'cluster.example.com',
      'admin@example.com',
      'pa55word!',
      'pinned',
      'Pin Certificate',
    ]);
    assert.ok(config);
    assert.equal(config.endpoint, 'https://cluster.example.com:9443');
    assert.deepEqual(config.tls, { mode: 'pinned', fingerprint256: FP });
    const stored = JSON.stringify(settings['redisTasks.connections']);
    assert.ok(!stored.includes('pa55word!'), 'no secret in settings');
    assert.equal(secrets.get(`redisTasks.secret.${config.id}`), 'pa55word!');
    const pinQuestion = asked.find(a => a.kind === 'warning')!;
    assert.match((pinQuestion.options as { detail: string }).detail, new RegExp(FP));
    assert.equal((pinQuestion.options as { modal: boolean }).modal, true);
    const passwordBox = asked.find(a => (a.options as { password?: boolean } | undefined)?.password);
    assert.ok(passwordBox, 'the password is asked in a password box');
  });

  it('declining the pin saves nothing', async () => {
    const { connections, secrets } = model();
    const { config } = await add(connections, [
      'redis-enterprise',
      'Prod',
      'cluster',
      'admin',
      'pw',
      'pinned',
      undefined,
    ]);
    assert.equal(config, undefined);
    assert.deepEqual(settings['redisTasks.connections'], []);
    assert.equal(secrets.size, 0);
  });

  it('Add Connection (Alibaba) asks region and task API, and no TLS question for the public endpoint', async () => {
    const { connections } = model();
    const { config, asked } = await add(connections, [
      'alibaba',
      'Ali',
      '',
      ['cn-shanghai'],
      'LTAIexample',
      'secret-key',
      'DescribeTasks',
    ]);
    assert.ok(config);
    assert.equal(config.region, 'cn-shanghai');
    assert.equal(config.endpoint, undefined);
    assert.deepEqual(config.options, { taskApi: 'DescribeTasks' });
    assert.ok(!asked.some(a => /TLS/.test(a.text)));
  });

  it('Add Connection (Tencent) offers the international site and stores it; the tooltip line names its host', async () => {
    const { connections } = model();
    const { config, asked } = await add(connections, [
      'tencent',
      'Intl',
      '',
      ['ap-singapore'],
      'AKIDexample',
      'secret-key',
      'Current API (DescribeTaskList, TC3-HMAC-SHA256)',
      'International (tencentcloud.com)',
    ]);
    assert.ok(config);
    assert.deepEqual(config.options, { site: 'intl' });
    assert.equal(config.endpoint, undefined);
    assert.ok(asked.some(a => a.kind === 'pick' && a.text === 'Which Tencent Cloud site is the account on?'));
    assert.equal(tencentSiteText(config), 'Site: International (redis.intl.tencentcloudapi.com)');
    assert.equal(tencentSiteText({ ...config, options: undefined }), 'Site: China (redis.tencentcloudapi.com)');
    assert.equal(tencentSiteText({ ...config, endpoint: 'https://127.0.0.1:9' }), undefined, 'an override says where');

    // Editing it back to China is one question: the site, and nothing else is asked.
    const back = await edit(connections, config, ['choice:site', 'China (cloud.tencent.com)']);
    assert.equal(back.config?.options, undefined);
    assert.deepEqual(
      back.asked.map(a => a.kind),
      ['pick', 'pick'],
      'the field pick, then the site question only',
    );
  });

  it('Edit Connection changes one field: a new name is saved without asking anything else or trying the server', async () => {
    const { connections, secrets } = model();
    await connections.save(
      { id: 'prod', name: 'Prod', provider: 'redis-cloud', endpoint: 'https://api.redislabs.com/v1', user: 'acct' },
      { secret: 'old-secret' },
    );
    const { config, asked } = await edit(connections, connections.get('prod')!, ['name', 'Prod 2']);
    assert.equal(config?.name, 'Prod 2');
    assert.equal(config?.user, 'acct');
    assert.equal(secrets.get('redisTasks.secret.prod'), 'old-secret');
    assert.equal(asked.length, 2, 'the field pick and the name box');
    assert.equal(trial.tried.length, 0, 'a name cannot break the connection: no trial');
    // The pick shows every field with its value, never the secret.
    const pick = asked[0].options as { items: { label: string; description?: string }[] };
    const shown = pick.items.map(i => `${i.label}: ${i.description}`);
    assert.deepEqual(shown, [
      'Name: Prod',
      'Address: https://api.redislabs.com/v1',
      'Account key (x-api-key): acct',
      'User secret key (x-api-secret-key): stored in secret storage, not shown',
    ]);
    assert.ok(!shown.join().includes('old-secret'));
  });

  it('Edit Connection: a new password is tried with the new password before it replaces the stored one', async () => {
    const { connections, secrets } = model();
    await connections.save(
      { id: 'prod', name: 'Prod', provider: 'redis-cloud', endpoint: 'https://api.redislabs.com/v1', user: 'acct' },
      { secret: 'old-secret' },
    );
    trial.failWith = [new ProviderError('auth', 'HTTP 401: the API key or secret is wrong.')];
    // Wrong → Edit Credentials → user kept, new secret → tried again → saved.
    const { config, asked } = await edit(connections, connections.get('prod')!, [
      'secret',
      'typo',
      'Edit Credentials',
      'acct',
      'right-secret',
    ]);
    assert.ok(config);
    assert.deepEqual(
      trial.tried.map(t => t.secret.secret),
      ['typo', 'right-secret'],
    );
    assert.equal(secrets.get('redisTasks.secret.prod'), 'right-secret');
    const warning = asked.find(a => a.kind === 'warning')!;
    assert.match(warning.text, /^Wrong credentials/);
    assert.match((warning.options as { detail: string }).detail, /HTTP 401/);
  });

  it('Add Connection tries the typed password before saving: refused, nothing is saved; Cancel leaves nothing behind', async () => {
    const { connections, secrets } = model();
    trial.failWith = [new ProviderError('auth', 'HTTP 401: wrong user or password.')];
    const { config, asked } = await add(connections, ['redis-cloud', 'RC', '', 'acct', 'wrong', undefined]);
    assert.equal(config, undefined);
    assert.equal(trial.tried.length, 1);
    assert.equal(trial.tried[0].secret.secret, 'wrong', 'the typed password is what is tried');
    assert.deepEqual(settings['redisTasks.connections'], []);
    assert.equal(secrets.size, 0, 'nothing in SecretStorage either');
    const warning = asked.find(a => a.kind === 'warning')!;
    assert.equal((warning.options as { modal: boolean }).modal, true);
  });

  it('Save Anyway saves what was typed after a failed trial', async () => {
    const { connections, secrets } = model();
    trial.failWith = [new ProviderError('network', 'connect ECONNREFUSED 10.0.0.1:9443')];
    const { config, asked } = await add(connections, [
      'redis-cloud',
      'RC',
      'https://10.0.0.1:9443',
      'acct',
      'pw',
      'system',
      'Save Anyway',
    ]);
    assert.ok(config);
    assert.equal(secrets.get(`redisTasks.secret.${config.id}`), 'pw');
    assert.match(asked.find(a => a.kind === 'warning')!.text, /cannot be reached/);
  });

  it('Edit Address after an unreachable server asks the address again, tries again, and saves on success', async () => {
    const { connections } = model();
    trial.failWith = [new ProviderError('network', 'getaddrinfo ENOTFOUND clustr')];
    const { config } = await add(connections, [
      'redis-enterprise',
      'Prod',
      'clustr',
      'admin',
      'pw',
      'system',
      'Edit Address',
      'cluster',
      'system',
    ]);
    assert.equal(config?.endpoint, 'https://cluster:9443');
    assert.deepEqual(
      trial.tried.map(t => t.config.endpoint),
      ['https://clustr:9443', 'https://cluster:9443'],
    );
    assert.equal(connections.list().length, 1);
  });

  it('the trial advice: wrong password, unreachable, TLS and a refused region each name their field', () => {
    const re = descriptorOf('redis-enterprise');
    const tencent = descriptorOf('tencent');
    const aws = descriptorOf('aws');
    const at = { endpoint: 'https://c:9443', hasTlsQuestion: true };
    const auth = adviseTrial(new ProviderError('auth', 'x'), re, at);
    assert.deepEqual(auth.fields, ['user', 'secret']);
    assert.match(auth.headline, /^Wrong credentials: https:\/\/c:9443 refused the Password of the cluster user\.$/);
    assert.deepEqual(adviseTrial(new ProviderError('network', 'x'), re, at).fields, ['endpoint']);
    assert.deepEqual(adviseTrial(new ProviderError('timeout', 'x'), re, at).fields, ['endpoint']);
    const tls = adviseTrial(new ProviderError('tls', 'x'), re, at);
    assert.deepEqual(tls.fields, ['tls']);
    assert.equal(tls.editLabel, 'Edit TLS');
    assert.deepEqual(adviseTrial(new ProviderError('tls', 'x'), re, { ...at, hasTlsQuestion: false }).fields, [
      'endpoint',
    ]);
    assert.deepEqual(adviseTrial(new ProviderError('bad-request', 'x'), tencent, { hasTlsQuestion: false }).fields, [
      'region',
    ]);
    const profile = adviseTrial(new ProviderError('auth', 'x'), aws, { signIn: 'profile', hasTlsQuestion: false });
    assert.deepEqual(profile.fields, ['signIn'], 'a profile that does not sign in: back to the sign-in question');
    assert.match(profile.headline, /^No usable credentials: the public API/);
  });

  it('Add Connection (AWS) by profile: a picker of the profiles, several regions, no secret stored', async () => {
    const { connections, secrets } = model();
    const withProfiles = { ...providers, profiles: async () => ['default', 'prod-sso'] } as ProvidersModule;
    const { config, asked } = await add(
      connections,
      ['aws', 'AWS prod', '', ['us-east-1', 'eu-west-1'], 'profile', 'prod-sso'],
      withProfiles,
    );
    assert.ok(config);
    assert.equal(config.region, 'us-east-1,eu-west-1');
    assert.deepEqual(config.options, { profile: 'prod-sso' });
    assert.equal(config.user, undefined);
    assert.equal(secrets.size, 0, 'a profile needs no secret of ours');
    assert.equal(trial.tried[0].secret.secret, '');
    assert.ok(!asked.some(a => a.kind === 'input' && /Access key/.test(a.text)), 'no key asked');
    // Edit: the field pick shows the sign-in and both regions.
    const edited = await edit(connections, config, [undefined], withProfiles);
    const items = (edited.asked[0].options as { items: { label: string; description?: string }[] }).items;
    assert.deepEqual(
      items.map(i => `${i.label}: ${i.description}`),
      [
        'Name: AWS prod',
        'Endpoint override: none (public API)',
        'Regions: us-east-1, eu-west-1',
        'Sign-in: A named profile: prod-sso',
      ],
    );
  });

  it('Add Connection (AWS) by access keys: the secret key goes to SecretStorage; "Other region…" takes a typed id', async () => {
    const { connections, secrets } = model();
    const { config } = await add(connections, [
      'aws',
      'Keys',
      '',
      ['Other region…'],
      'ap-east-2',
      'keys',
      'AKIAEXAMPLE',
      'wJalr/secret',
    ]);
    assert.ok(config);
    assert.equal(config.region, 'ap-east-2');
    assert.equal(config.user, 'AKIAEXAMPLE');
    assert.equal(secrets.get(`redisTasks.secret.${config.id}`), 'wJalr/secret');
    assert.ok(!JSON.stringify(settings['redisTasks.connections']).includes('wJalr'));
  });

  it('Alibaba picks its regions from its known list, the current one first and ticked (several allowed)', async () => {
    const { connections } = model();
    await connections.save(
      { id: 'a', name: 'A', provider: 'alibaba', region: 'cn-shanghai', user: 'LTAI' },
      { secret: 's' },
    );
    const { config, asked } = await edit(connections, connections.get('a')!, ['region', ['cn-beijing']]);
    assert.equal(config?.region, 'cn-beijing');
    const regionPick = asked[1].options as {
      items: { label: string; description?: string; picked?: boolean }[];
      canPickMany?: boolean;
    };
    assert.equal(regionPick.canPickMany, true);
    assert.equal(regionPick.items[0].label, 'cn-shanghai');
    assert.equal(regionPick.items[0].description, 'current');
    assert.equal(regionPick.items[0].picked, true);
    assert.equal(regionPick.items.at(-1)!.label, 'Other region…');
    assert.equal(trial.tried.length, 1, 'a new region is tried before saving');
    assert.equal(trial.tried[0].secret.secret, 's', 'with the stored secret');
  });

  it('Edit Address of a pinned cluster asks the certificate of the new address, and tries it before saving', async () => {
    const { connections } = model();
    await connections.save(
      {
        id: 'p',
        name: 'P',
        provider: 'redis-enterprise',
        endpoint: 'https://old:9443',
        user: 'u',
        tls: { mode: 'pinned', fingerprint256: 'OLD' },
      },
      { secret: 's' },
    );
    const { config, asked } = await edit(connections, connections.get('p')!, [
      'endpoint',
      'new-cluster',
      'pinned',
      'Pin Certificate',
    ]);
    assert.equal(config?.endpoint, 'https://new-cluster:9443');
    assert.deepEqual(config?.tls, { mode: 'pinned', fingerprint256: FP }, 'the old pin does not carry over');
    assert.ok(asked.some(a => a.kind === 'pick' && /TLS certificate be trusted/.test(a.text)));
    assert.equal(trial.tried[0].config.endpoint, 'https://new-cluster:9443');
  });

  it('Edit Sign-in of an AWS connection from access keys to a profile deletes the stored secret key', async () => {
    const { connections, secrets } = model();
    await connections.save(
      { id: 'a', name: 'A', provider: 'aws', region: 'us-east-1', user: 'AKIAEXAMPLE' },
      { secret: 'wJalr/secret' },
    );
    const withProfiles = { ...providers, profiles: async () => ['prod'] } as ProvidersModule;
    const { config } = await edit(connections, connections.get('a')!, ['signIn', 'profile', 'prod'], withProfiles);
    assert.deepEqual(config?.options, { profile: 'prod' });
    assert.equal(config?.user, undefined);
    assert.equal(trial.tried[0].secret.secret, '', 'the profile is tried, not the old keys');
    assert.equal(secrets.has('redisTasks.secret.a'), false, 'the old secret key is gone');
    assert.ok(!JSON.stringify(settings['redisTasks.connections']).includes('AKIAEXAMPLE'));
  });

  it('Remove deletes the settings entry and the secret', async () => {
    const { connections, secrets } = model();
    await connections.save(
      { id: 'x', name: 'X', provider: 'tencent', region: 'ap-guangzhou', user: 'AKID' },
      { secret: 'k' },
    );
    await connections.remove('x');
    assert.deepEqual(connections.list(), []);
    assert.equal(secrets.has('redisTasks.secret.x'), false);
  });

  it('parses settings leniently and never reads unknown (secret) fields', () => {
    assert.equal(parseConnection({ id: 'a', provider: 'nope' }), undefined);
    const c = parseConnection({
      id: 'a',
      name: 'A',
      provider: 'tencent',
      password: 'leaked',
      tls: { mode: 'pinned', fingerprint256: FP },
    })!;
    assert.ok(!JSON.stringify(c).includes('leaked'));
    assert.deepEqual(c.tls, { mode: 'pinned', fingerprint256: FP });
  });

  it('normalises endpoints: default port 9443 for Redis Enterprise, no credentials in URLs', () => {
    assert.equal(normaliseEndpoint('cluster', 'redis-enterprise'), 'https://cluster:9443');
    assert.equal(normaliseEndpoint('https://cluster:443', 'redis-enterprise'), 'https://cluster');
    assert.equal(normaliseEndpoint('https://c:8443/', 'redis-enterprise'), 'https://c:8443');
    assert.equal(normaliseEndpoint('https://user:pw@c', 'redis-enterprise'), undefined);
    assert.equal(normaliseEndpoint('ftp://c', 'redis-cloud'), undefined);
    assert.equal(newConnectionId([{ id: 'prod', name: 'Prod', provider: 'tencent' }], 'Prod'), 'prod-2');
  });
});

describe('trying a connection of several regions before saving it', () => {
  const config: ConnectionConfig = {
    id: 'tc',
    name: 'Tencent',
    provider: 'tencent',
    user: 'AKID',
    region: 'ap-guangzhou,ap-guangzou',
  };
  const tryWith = (snapshot: TaskSnapshot) =>
    makeTryConnection({
      providers: () =>
        ({
          createSource: () => ({
            provider: 'tencent',
            connectionId: 'tc',
            refresh: async () => snapshot,
            loadMore: async () => ({ tasks: [] }),
            getTask: async () => Promise.reject(new Error('not asked')),
            close: async () => undefined,
          }),
        }) as unknown as ProvidersModule,
      settings: () => ({ requestTimeoutMs: 1000 }) as ExtensionSettings,
      log: { addSecret: () => undefined, error: () => undefined, request: () => undefined } as unknown as TaskLog,
    });
  const region = (id: string, failure?: { kind: string; message: string; localizable?: say.Said }) => ({
    id,
    label: id,
    kind: 'tasks' as const,
    ...(failure ? { failure } : {}),
  });

  it('fails the trial when one region could not be read, naming it, although the others answered', async () => {
    const said = say.t('The region {0} is not supported.', 'ap-guangzou');
    const run = tryWith({
      groups: [
        region('ap-guangzhou'),
        region('ap-guangzou', { kind: 'bad-request', message: say.english(said), localizable: said }),
      ],
      tasks: [],
      more: {},
    });
    await assert.rejects(run(config, { secret: 's' }, new AbortController().signal), (e: unknown) => {
      assert.ok(e instanceof ProviderError);
      assert.equal(e.kind, 'bad-request', 'so the advice sends the person back to the region');
      assert.equal(e.message, 'Region ap-guangzou: The region ap-guangzou is not supported.');
      assert.deepEqual(e.localizable, say.t('Region {0}: {1}', 'ap-guangzou', said));
      return true;
    });
    const ok = tryWith({ groups: [region('ap-guangzhou'), region('ap-shanghai')], tasks: [], more: {} });
    await ok(config, { secret: 's' }, new AbortController().signal);
  });
});
