import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/run';
import type { ProviderId } from '../../../src/core/task';
import type { FaultMode } from '../../../src/emulator/faults';
import { HOSTILE_MARKER } from '../../../src/emulator/hostile';
import { fakeIo } from '../cli/fakes';
import { PROVIDERS, expectProviderError, record, startHarness, type Harness } from './harness';

/** A server that repeats the credentials it got must not get them into a message, a log line or the CLI's output. */
describe('hostile server: no secret reaches a person, memory stays bounded', function () {
  this.timeout(30_000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());
  beforeEach(() => h.emu.reset());

  for (const provider of PROVIDERS) {
    it(`${provider}: an error echoing the credentials reaches us without the secret`, async () => {
      const info = h.info(provider);
      const logs: string[] = [];
      const source = h.source(
        provider,
        {
          log: e => {
            logs.push(JSON.stringify(e));
            record(`log ${provider} echo`, JSON.stringify(e));
          },
        },
        `${provider}-echo`,
      );
      h.fault('echo-credentials', provider);
      const e = await expectProviderError(
        source.refresh({}),
        ['bad-request', 'bad-response', 'auth'],
        `${provider} echo-credentials`,
      );
      assert.ok(!e.message.includes(info.secret), 'the secret was scrubbed from the message');
      assert.ok(!String(e.cause ?? '').includes(info.secret), 'and from its cause');
      assert.ok(logs.length > 0, 'requests were logged');
      for (const l of logs) assert.ok(!l.includes(info.secret));
    });
  }

  /** The CLI's arguments for one emulated provider; the secret comes from the environment as in real use. */
  function cliArgs(provider: ProviderId): { argv: string[]; env: Record<string, string> } {
    const i = h.info(provider);
    const argv = [
      '--provider',
      provider,
      '--endpoint',
      i.endpoint,
      '--user',
      i.user,
      '--fingerprint',
      h.emu.certificate!.fingerprint256,
      '--verbose',
    ];
    if (i.region) argv.push('--region', i.region);
    for (const [k, v] of Object.entries(i.options ?? {})) argv.push('--option', `${k}=${String(v)}`);
    return {
      argv,
      env: provider === 'redis-enterprise' ? { REDIS_TASKS_PASSWORD: i.secret } : { REDIS_TASKS_SECRET_KEY: i.secret },
    };
  }

  const CLI_FAULTS: FaultMode[] = [
    'echo-credentials',
    'unauthorized',
    'status-503',
    'wrong-content-type',
    'truncated-json',
    'hostile',
  ];
  for (const provider of PROVIDERS) {
    it(`${provider}: the CLI under ${CLI_FAULTS.length} faults prints no secret and no raw terminal escape`, async () => {
      const { argv, env } = cliArgs(provider);
      for (const mode of CLI_FAULTS) {
        h.fault(mode, provider);
        for (const extra of [[], ['--json']]) {
          const io = fakeIo({ env });
          const code = await runCli(['list', ...extra, ...argv], io, { sleep: async () => undefined });
          record(`cli ${provider} ${mode} ${extra.join(' ')}`, `${io.out}\n${io.err}`);
          if (mode !== 'hostile') assert.notEqual(code, 0, `${mode}: the CLI reports the failure with its exit code`);
          const text = io.out + io.err;
          assert.ok(!text.includes(h.info(provider).secret), `${mode}: no secret in the CLI output`);
          // Server text goes to a terminal: an escape sequence in it must not reach the terminal as one.
          assert.doesNotMatch(
            text,
            /[\u0007\u001b\u009b\u202e]/,
            `${mode}: no control character from the server is printed`,
          );
          if (mode === 'hostile')
            assert.ok(
              text.includes(HOSTILE_MARKER) || /\\u001b|script/.test(text),
              'the hostile text is shown, defanged',
            );
        }
      }
    });
  }

  it('a 50 MB body is refused by the size cap with a clear error, and the heap grows far less than 50 MB', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const source = h.source('redis-enterprise', {}, 're-huge');
    await source.refresh({}); // warm up: code loaded, connection open
    h.fault('huge-body', 'redis-enterprise');
    gc?.();
    const before = process.memoryUsage();
    let peak = before.heapUsed + before.arrayBuffers;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers);
    }, 5);
    try {
      const e = await expectProviderError(source.refresh({}), 'bad-response', 're huge body');
      assert.match(e.message, /larger than 16 MB and was not read/);
    } finally {
      clearInterval(sampler);
    }
    const growth = peak - (before.heapUsed + before.arrayBuffers);
    assert.ok(
      growth < 16 * 1024 * 1024,
      `heap + buffers grew ${(growth / 1048576).toFixed(1)} MB while refusing 50 MB`,
    );
  });

  it('a 50 MB body refused by a small cap mid-stream (no content-length trust) keeps memory bounded too', async () => {
    const source = h.source('redis-cloud', { maxBytes: 256 * 1024 }, 'cloud-huge-small-cap');
    h.fault('huge-body', 'redis-cloud');
    const before = process.memoryUsage();
    const e = await expectProviderError(source.refresh({}), 'bad-response', 'cloud huge body small cap');
    assert.match(e.message, /larger than 0 MB|larger than/);
    const after = process.memoryUsage();
    assert.ok(after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers) < 16 * 1024 * 1024);
  });
});
