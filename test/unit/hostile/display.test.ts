import * as assert from 'node:assert/strict';
import { EXIT, runCli } from '../../../src/cli/run';
import { table, terminalLine } from '../../../src/cli/format';
import { toEpochMs } from '../../../src/core/task';
import { showBidiControls } from '../../../src/core/text';
import { englishDetailsLabels } from '../details/fixtures';

const ENGLISH_LABELS = englishDetailsLabels();
import { buildDetailsModel } from '../../../src/extension/details/model';
import { fakeDeps, fakeIo, RE_ENV, task } from '../cli/fakes';

const STATE = { connectionName: 'c', stale: false, cancelling: false };
const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);

function listOf(...tasks: ReturnType<typeof task>[]) {
  return fakeDeps({ snapshot: { groups: [], tasks, more: {} } });
}

describe('hostile server: bad values degrade one field, server text never drives a terminal or a title (issue 14, defects 5, 8, 10)', () => {
  it('defect 5: a time outside the Date range reads as unknown, in the core and in every view', async () => {
    for (const v of [1e300, '9e15', -9e15, 8.64e15 + 1]) assert.equal(toEpochMs(v), undefined, String(v));
    assert.equal(toEpochMs(8.64e15), 8.64e15, 'the edge itself is a valid Date');
    const bad = task({ startedAt: 1e300, finishedAt: 9e15 * 1000 });
    for (const cmd of [['list'], ['list', '--json'], ['get', 't1']]) {
      const { deps } = cmd[0] === 'get' ? fakeDeps({ gets: [bad] }) : listOf(bad);
      const io = fakeIo({ env: RE_ENV });
      assert.equal(await runCli(cmd, io, deps), EXIT.ok, `${cmd.join(' ')}: ${io.err}`);
      assert.doesNotMatch(io.err, /Invalid time value/);
      if (cmd.join(' ') !== 'list --json') assert.match(io.out, /unknown time/);
    }
    const model = buildDetailsModel(bad, STATE, ENGLISH_LABELS, T0);
    assert.ok(model.times.every(t => t.value === ENGLISH_LABELS.statusUnknown || t.value === ''));
    assert.ok(
      model.times.every(t => t.liveSince === undefined),
      'no ticking from an impossible start',
    );
  });

  it('defect 8: a table of 200,000 rows is drawn (no argument spread on the stack)', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`t${i}`, 'x']);
    const out = table(['ID', 'NAME'], rows);
    assert.equal(out.split('\n').length, 200_001);
  });

  it('defect 8: get --json --raw of a hand-built 100,000-deep raw value does not overflow the stack', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const { deps } = fakeDeps({ gets: [task({ raw: deep })] });
    const io = fakeIo({ env: RE_ENV });
    assert.equal(await runCli(['get', 't1', '--json', '--raw'], io, deps), EXIT.ok, io.err);
    assert.match(io.out, /nested too deep/);
    assert.doesNotThrow(() => JSON.parse(io.out));
  });

  it('defect 10: server SGR colour codes are shown, never obeyed (text cannot be hidden)', async () => {
    const { deps } = listOf(task({ name: 'ok\u001b[30mhidden\u001b[8mgone\u001b[36m' }));
    for (const stdoutTTY of [false, true]) {
      const io = fakeIo({ env: RE_ENV, stdoutTTY });
      assert.equal(await runCli(['list'], io, deps), EXIT.ok);
      assert.match(io.out, /ok\\u001b\[30mhidden\\u001b\[8mgone\\u001b\[36m/);
      const raw = io.out.match(/\u001b\[[0-9;]*m/g) ?? [];
      // Only our own status colour (and its reset) may appear, and only on a terminal.
      assert.deepEqual(raw, stdoutTTY ? ['\u001b[36m', '\u001b[39m'] : []);
    }
  });

  it('defect 10: CR and LF in names and ids cannot forge table rows or detail lines', async () => {
    const forged = task({ id: 'a\nb', name: 'real\r\nrunning-task  t9  forged', currentStep: 'x\ny' });
    const { deps } = listOf(forged);
    const io = fakeIo({ env: RE_ENV });
    assert.equal(await runCli(['list'], io, deps), EXIT.ok);
    assert.equal(io.out.trimEnd().split('\n').length, 2, 'a header and one row');
    assert.match(io.out, /real\\u000d\\u000arunning-task/);
    const got = fakeDeps({ gets: [forged] });
    const io2 = fakeIo({ env: RE_ENV });
    assert.equal(await runCli(['get', 'a'], io2, got.deps), EXIT.ok);
    assert.ok(
      io2.out.split('\n').every(l => !l.startsWith('running-task')),
      'no forged line',
    );
  });

  it('defect 10: a certificate subject with a line break cannot forge a "trusted" line in fingerprint', async () => {
    const io = fakeIo({ env: {} });
    const code = await runCli(['fingerprint', '--endpoint', 'https://cluster.example:9443'], io, {
      probeCertificate: async () => ({
        fingerprint256: 'AB:CD',
        subject: 'CN=evil\nTrusted by the system CAs: no pin is needed.',
        issuer: 'CN=x\u202e',
        validTo: 'never\u001b[2J',
        trusted: false,
        authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT\r\nTrusted',
      }),
    });
    assert.equal(code, EXIT.ok);
    const lines = io.err.trimEnd().split('\n');
    assert.equal(lines.length, 4, io.err);
    assert.ok(!lines.some(l => l.startsWith('Trusted by the system CAs')), 'no forged trust line');
    assert.doesNotMatch(io.err, /[\u001b\u202e\r]/);
  });

  it('defect 10: U+061C and the other bidi controls are shown in the CLI, the core and the details title', async () => {
    const name = 'update\u061C\u202Egifnoc\u2066';
    assert.equal(showBidiControls(name), 'update[U+061C][U+202E]gifnoc[U+2066]');
    assert.equal(terminalLine(name), 'update\\u061c\\u202egifnoc\\u2066');
    const { deps } = listOf(task({ name }));
    const io = fakeIo({ env: RE_ENV });
    assert.equal(await runCli(['list'], io, deps), EXIT.ok);
    assert.doesNotMatch(io.out, /[\u061C\u202E\u2066]/);
    const model = buildDetailsModel(task({ name, target: { id: 'x', name: 'db\u202E\n' } }), STATE, ENGLISH_LABELS, T0);
    assert.doesNotMatch(model.title, /[\u061C\u202E\u2066\n]/, 'the panel title VS Code draws');
    assert.match(model.title, /\[U\+061C\]\[U\+202E\]gifnoc/);
  });
});
