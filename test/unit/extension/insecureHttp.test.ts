import { settings } from './fakeVscode';
import * as assert from 'node:assert/strict';
import type { ConnectionConfig } from '../../../src/core/connection';
import { certificateNotes } from '../../../src/extension/certificateNotes';
import { addConnectionFlow } from '../../../src/extension/connections/flows';
import { ConnectionsModel, parseConnection } from '../../../src/extension/connections/model';
import type { Prompts } from '../../../src/extension/prompts';
import type { ProvidersModule } from '../../../src/extension/providersLoader';
import { ConnectionNode } from '../../../src/extension/tree/nodes';
import { MemorySecrets } from '../support/memorySecrets';

/** Answers in order; records every modal question. */
function scripted(answers: unknown[]) {
  const warnings: { text: string; options: unknown }[] = [];
  const next = () => Promise.resolve(answers.shift());
  const prompts = {
    showQuickPick: (items: { label: string; provider?: string; mode?: string }[]) => {
      const want = answers.shift();
      return Promise.resolve(items.find(i => i.label === want || i.provider === want || i.mode === want));
    },
    showInputBox: () => next(),
    showWarningMessage: (text: string, options: unknown) => {
      warnings.push({ text, options });
      return next();
    },
    showErrorMessage: () => next(),
    showInformationMessage: () => next(),
    showOpenDialog: () => next(),
  } as unknown as Prompts;
  return { prompts, warnings };
}

function connectionsModel() {
  const storage = new MemorySecrets();
  return { connections: new ConnectionsModel(storage), secrets: storage.data };
}

const providers = {} as ProvidersModule;

describe('extension: plain HTTP needs a visible, per-connection choice (issue 14, defect 1)', () => {
  beforeEach(() => {
    settings['redisTasks.connections'] = [];
  });
  afterEach(() => {
    delete settings['redisTasks.connections'];
    certificateNotes.clear();
  });

  it('defect 1: Add Connection with an http:// address on another machine saves nothing unless the person allows it', async () => {
    const { connections, secrets } = connectionsModel();
    const { prompts, warnings } = scripted(['redis-enterprise', 'Prod', 'http://cluster.example.com:8080', undefined]);
    assert.equal(
      await addConnectionFlow({
        prompts,
        connections,
        providers: () => providers,
        tryConnection: async () => undefined,
      }),
      undefined,
    );
    assert.equal(warnings.length, 1, 'the person was asked');
    assert.match(warnings[0].text, /plain HTTP/);
    assert.equal((warnings[0].options as { modal: boolean }).modal, true);
    assert.deepEqual(settings['redisTasks.connections'], []);
    assert.equal(secrets.size, 0);
  });

  it('defect 1: allowing it saves allowInsecureHttp on that connection only, and the tooltip says so', async () => {
    const { connections } = connectionsModel();
    const { prompts } = scripted([
      'redis-enterprise',
      'Lab',
      'http://cluster.example.com:8080',
      'Send Credentials over HTTP',
      'admin',
      'pw-123456',
    ]);
    const config = await addConnectionFlow({
      prompts,
      connections,
      providers: () => providers,
      tryConnection: async () => undefined,
    });
    assert.ok(config);
    assert.equal(config.allowInsecureHttp, true);
    assert.equal(config.tls, undefined, 'no pin or CA on http://');
    const stored = settings['redisTasks.connections'] as unknown[];
    assert.equal((stored[0] as { allowInsecureHttp?: boolean }).allowInsecureHttp, true);
    assert.equal(parseConnection(stored[0])?.allowInsecureHttp, true, 'read back from settings');
    const tip = (new ConnectionNode(config, undefined, Date.now()).tooltip as { value: string }).value;
    assert.match(tip, /Insecure HTTP allowed/);
  });

  it('the loopback (the demo emulator) is not asked about, and https connections never carry the flag', async () => {
    const { connections } = connectionsModel();
    const { prompts, warnings } = scripted(['redis-cloud', 'Local', 'http://127.0.0.1:8443/v1', 'acct', 'secret-1']);
    const config = await addConnectionFlow({
      prompts,
      connections,
      providers: () => providers,
      tryConnection: async () => undefined,
    });
    assert.ok(config);
    assert.equal(warnings.length, 0);
    assert.equal(config.allowInsecureHttp, undefined);
    assert.equal(
      parseConnection({ id: 'a', provider: 'tencent', allowInsecureHttp: 'yes' })?.allowInsecureHttp,
      undefined,
    );
  });

  it('defect 10: a certificate subject with a line break cannot forge a line in the pin question', async () => {
    const { connections } = connectionsModel();
    const forging = {
      probeCertificate: async () => ({
        fingerprint256: 'AB:'.repeat(31) + 'AB',
        subject: 'CN=evil\nThe system already trusts this certificate.',
        issuer: 'CN=x\u202e',
        validTo: 'never',
        trusted: false,
        authorizationError: 'SELF_SIGNED',
      }),
      normaliseFingerprint: (f: string) => f,
    } as unknown as ProvidersModule;
    const { prompts, warnings } = scripted([
      'redis-enterprise',
      'Prod',
      'cluster',
      'admin',
      'pw-1234',
      'pinned',
      undefined,
    ]);
    await addConnectionFlow({ prompts, connections, providers: () => forging, tryConnection: async () => undefined });
    const detail = (warnings[0].options as { detail: string }).detail;
    assert.ok(
      detail.split('\n').every(l => l !== 'The system already trusts this certificate.'),
      `no forged line: ${detail}`,
    );
    assert.doesNotMatch(detail, /\u202e/);
  });

  it("an expired pinned certificate is named in the connection's tooltip", () => {
    const config: ConnectionConfig = {
      id: 'c1',
      name: 'Prod',
      provider: 'redis-enterprise',
      endpoint: 'https://cluster:9443',
      tls: { mode: 'pinned', fingerprint256: 'AB' },
    };
    const before = (new ConnectionNode(config, undefined, Date.now()).tooltip as { value: string }).value;
    assert.doesNotMatch(before, /expired/);
    certificateNotes.set('c1', { kind: 'pinned-expired', validTo: 'Jan  1 00:00:00 2026 GMT' });
    const after = (new ConnectionNode(config, undefined, Date.now()).tooltip as { value: string }).value;
    assert.match(after, /pinned certificate expired on Jan/);
  });
});
