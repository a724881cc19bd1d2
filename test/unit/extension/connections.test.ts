import { settings } from './fakeVscode';
import * as assert from 'node:assert/strict';
import { normaliseEndpoint, tencentSiteText } from '../../../src/extension/connections/fields';
import { addConnectionFlow, editConnectionFlow } from '../../../src/extension/connections/flows';
import { ConnectionsModel, newConnectionId, parseConnection } from '../../../src/extension/connections/model';
import type { Prompts } from '../../../src/extension/prompts';
import type { ProvidersModule } from '../../../src/extension/providersLoader';

const FP = 'AB:'.repeat(31) + 'AB';

function scripted(answers: unknown[]) {
  const asked: { kind: string; text: string; options?: unknown }[] = [];
  const next = () => Promise.resolve(answers.shift());
  const prompts = {
    showQuickPick: (items: { label: string }[], options?: { placeHolder?: string }) => {
      asked.push({ kind: 'pick', text: options?.placeHolder ?? '' });
      const want = answers.shift();
      return Promise.resolve(
        items.find(
          i =>
            i.label === want ||
            (i as unknown as Record<string, unknown>).provider === want ||
            (i as unknown as Record<string, unknown>).mode === want,
        ),
      );
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
  const secrets = new Map<string, string>();
  const storage = {
    get: async (k: string) => secrets.get(k),
    store: async (k: string, v: string) => {
      secrets.set(k, v);
    },
    delete: async (k: string) => {
      secrets.delete(k);
    },
  };
  return { connections: new ConnectionsModel(storage as never), secrets };
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

describe('connections', () => {
  beforeEach(() => {
    settings['redisTasks.connections'] = [];
  });
  afterEach(() => {
    delete settings['redisTasks.connections'];
  });

  it('Add Connection (Redis Enterprise): pins the shown fingerprint on yes; the password goes to SecretStorage only', async () => {
    const { connections, secrets } = model();
    const { prompts, asked } = scripted([
      'redis-enterprise',
      'Prod',
      'cluster.example.com',
      'admin@example.com',
      'pa55word!',
      'pinned',
      'Pin Certificate',
    ]);
    const config = await addConnectionFlow({ prompts, connections, providers: () => providers });
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
    const { prompts } = scripted(['redis-enterprise', 'Prod', 'cluster', 'admin', 'pw', 'pinned', undefined]);
    assert.equal(await addConnectionFlow({ prompts, connections, providers: () => providers }), undefined);
    assert.deepEqual(settings['redisTasks.connections'], []);
    assert.equal(secrets.size, 0);
  });

  it('Add Connection (Alibaba) asks region and task API, and no TLS question for the public endpoint', async () => {
    const { connections } = model();
    const { prompts, asked } = scripted([
      'alibaba',
      'Ali',
      '',
      'cn-shanghai',
      'LTAIexample',
      'secret-key',
      'DescribeTasks',
    ]);
    const config = await addConnectionFlow({ prompts, connections, providers: () => providers });
    assert.ok(config);
    assert.equal(config.region, 'cn-shanghai');
    assert.equal(config.endpoint, undefined);
    assert.deepEqual(config.options, { taskApi: 'DescribeTasks' });
    assert.ok(!asked.some(a => /TLS/.test(a.text)));
  });

  it('Add Connection (Tencent) offers the international site and stores it; the tooltip line names its host', async () => {
    const { connections } = model();
    const { prompts, asked } = scripted([
      'tencent',
      'Intl',
      '',
      'ap-singapore',
      'AKIDexample',
      'secret-key',
      'Current API (DescribeTaskList, TC3-HMAC-SHA256)',
      'International (tencentcloud.com)',
    ]);
    const config = await addConnectionFlow({ prompts, connections, providers: () => providers });
    assert.ok(config);
    assert.deepEqual(config.options, { site: 'intl' });
    assert.equal(config.endpoint, undefined);
    assert.ok(asked.some(a => a.kind === 'pick' && a.text === 'Which Tencent Cloud site is the account on?'));
    assert.equal(tencentSiteText(config), 'Site: International (redis.intl.tencentcloudapi.com)');
    assert.equal(tencentSiteText({ ...config, options: undefined }), 'Site: China (redis.tencentcloudapi.com)');
    assert.equal(tencentSiteText({ ...config, endpoint: 'https://127.0.0.1:9' }), undefined, 'an override says where');

    // Editing it back to China drops the switch.
    const back = scripted([
      'Intl',
      '',
      'ap-singapore',
      'AKIDexample',
      '',
      'Current API (DescribeTaskList, TC3-HMAC-SHA256)',
      'China (cloud.tencent.com)',
    ]);
    const china = await editConnectionFlow({ prompts: back.prompts, connections, providers: () => providers }, config);
    assert.equal(china?.options, undefined);
  });

  it('Edit Connection keeps the stored secret when the password box is left empty', async () => {
    const { connections, secrets } = model();
    await connections.save(
      { id: 'prod', name: 'Prod', provider: 'redis-cloud', endpoint: 'https://api.redislabs.com/v1', user: 'acct' },
      { secret: 'old-secret' },
    );
    const { prompts } = scripted(['Prod 2', 'https://api.redislabs.com/v1', 'acct', '']);
    const config = await editConnectionFlow(
      { prompts, connections, providers: () => providers },
      connections.get('prod')!,
    );
    assert.equal(config?.name, 'Prod 2');
    assert.equal(secrets.get('redisTasks.secret.prod'), 'old-secret');
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
