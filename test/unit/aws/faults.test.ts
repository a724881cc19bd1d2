import * as assert from 'node:assert/strict';
import type { ProviderError } from '../../../src/core/errors';
import type { TaskSource } from '../../../src/core/source';
import { DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, createModule } from '../../../src/emulator/aws';
import type { FaultMode } from '../../../src/emulator/faults';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { create } from '../../../src/providers/aws';

/** The emulator's broken and hostile answers, in AWS's own error formats, as the client must read them. */
describe('aws client against a failing or hostile emulator', () => {
  let emu: RunningEmulator;
  let src: TaskSource;
  before(async () => {
    emu = await startEmulator({ modules: [createModule()], http: true, clock: 'manual' });
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.reset();
    src = create(
      { id: 'f', name: 'f', provider: 'aws', endpoint: emu.url, user: DEMO_ACCESS_KEY_ID, region: 'us-east-1' },
      { secret: DEMO_SECRET_ACCESS_KEY },
      { now: () => emu.context.clock.now(), timeoutMs: 2000 },
    );
  });
  afterEach(() => src.close());

  const failWith = async (mode: FaultMode) => {
    emu.context.faults.set([{ mode, provider: 'aws' }]);
    try {
      await src.refresh({});
    } catch (e) {
      return e as ProviderError;
    }
    assert.fail(`${mode}: the refresh should fail`);
  };

  it('credentials refused after having worked: auth', async () => {
    const e = await failWith('unauthorized');
    assert.equal(e.kind, 'auth');
    assert.equal(e.code, 'InvalidClientTokenId');
  });

  it('a clock-skew answer: auth, with the clock named as the cause', async () => {
    const e = await failWith('clock-skew');
    assert.equal(e.kind, 'auth');
    assert.match(e.message, /clock/);
  });

  it('a server echoing the secret back: the error does not carry it', async () => {
    const e = await failWith('echo-credentials');
    assert.equal(e.kind, 'bad-request');
    assert.ok(!e.message.includes(DEMO_SECRET_ACCESS_KEY), e.message);
  });

  it('an HTML page, a truncated answer: bad-response, with no page text quoted', async () => {
    for (const mode of ['wrong-content-type', 'truncated-json'] as const) {
      const e = await failWith(mode);
      assert.equal(e.kind, 'bad-response', mode);
      assert.doesNotMatch(e.message, /Maintenance|<html/i);
    }
  });

  it('hostile JSON from MemoryDB: the tasks still build, the text carried as data', async () => {
    emu.context.faults.set([{ mode: 'hostile', provider: 'aws' }]);
    const snap = await src.refresh({});
    const ledger = snap.tasks.find(t => t.group === 'us-east-1/mdb/ledger' && t.type?.startsWith('mdb:'));
    assert.ok(ledger, 'the MemoryDB cluster still has its task');
    assert.equal(ledger.status, 'unknown', 'an undocumented status stays unknown');
    assert.equal(ledger.providerStatus, 'melting');
    assert.ok(
      snap.tasks.some(t => t.group === 'us-east-1/rg/orders-cache'),
      'the XML answers are untouched',
    );
  });

  it('the throttled scenario throttles every call', async () => {
    const throttled = await startEmulator({
      modules: [createModule()],
      http: true,
      clock: 'manual',
      scenario: 'throttled',
    });
    const s = create(
      { id: 't', name: 't', provider: 'aws', endpoint: throttled.url, user: DEMO_ACCESS_KEY_ID, region: 'us-east-1' },
      { secret: DEMO_SECRET_ACCESS_KEY },
      {},
    );
    try {
      await assert.rejects(s.refresh({}), (e: ProviderError) => e.kind === 'throttled');
    } finally {
      await s.close();
      await throttled.close();
    }
  });

  it('/__emulator/info lists the AWS demo connection with both regions', async () => {
    const info = (await (await fetch(`${emu.url}/__emulator/info`)).json()) as {
      connections: { provider: string; user: string; region: string }[];
    };
    const aws = info.connections.find(c => c.provider === 'aws');
    assert.deepEqual(aws && { user: aws.user, region: aws.region }, {
      user: DEMO_ACCESS_KEY_ID,
      region: 'us-east-1,eu-west-1',
    });
  });
});
