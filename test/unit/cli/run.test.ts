import * as assert from 'node:assert/strict';
import { ProviderError, type ErrorKind } from '../../../src/core/errors';
import { EXIT, exitCodeFor } from '../../../src/cli/exitCodes';
import { runCli } from '../../../src/cli/run';
import { helpText } from '../../../src/cli/help';
import { fakeDeps, fakeIo, RE_ENV, sleepingClock, task } from './fakes';

const KIND_CODES: Array<[ErrorKind, number]> = [
  ['auth', 3],
  ['forbidden', 3],
  ['not-found', 4],
  ['not-cancelable', 5],
  ['conflict', 5],
  ['network', 6],
  ['tls', 6],
  ['timeout', 6],
  ['bad-response', 7],
  ['server', 7],
  ['throttled', 7],
  ['bad-request', 7],
  ['unsupported', 7],
  ['aborted', 7],
];

describe('cli commands (fake source)', () => {
  describe('exit codes', () => {
    for (const [kind, code] of KIND_CODES) {
      it(`exits ${code} for a ${kind} error, with one clear line`, async () => {
        const { deps } = fakeDeps({
          gets: [new ProviderError(kind, `Something ${kind}.`, { code: 'X1', requestId: 'r-9' })],
        });
        const io = fakeIo({ env: RE_ENV });
        assert.equal(await runCli(['get', 't1'], io, deps), code);
        assert.equal(exitCodeFor(kind), code);
        assert.equal(io.err, `redis-tasks: Something ${kind}. (code X1, request r-9)\n`);
        assert.equal(io.out, '');
      });
    }

    it('exits 7 for an unexpected error and prints no stack trace', async () => {
      const { deps } = fakeDeps({ gets: [new TypeError('boom')] });
      const io = fakeIo({ env: RE_ENV });
      assert.equal(await runCli(['get', 't1'], io, deps), EXIT.other);
      assert.equal(io.err, 'redis-tasks: boom\n');
    });

    it('exits 2 on a usage error and points to the command help', async () => {
      const io = fakeIo();
      assert.equal(await runCli(['get'], io, fakeDeps({}).deps), EXIT.usage);
      assert.match(io.err, /^redis-tasks: "get" needs a task id.*\nRun "redis-tasks get --help" for usage\.\n$/);
    });

    it('documents every exit code in --help', async () => {
      const io = fakeIo();
      assert.equal(await runCli(['--help'], io, fakeDeps({}).deps), 0);
      for (const code of Object.values(EXIT)) assert.match(io.out, new RegExp(`^  ${code}  `, 'm'));
      assert.match(io.out, /REDIS_TASKS_PASSWORD/);
    });

    it('prints per-command help', async () => {
      const io = fakeIo();
      assert.equal(await runCli(['wait', '--help'], io, fakeDeps({}).deps), 0);
      assert.equal(io.out, helpText('wait'));
      assert.match(io.out, /--interval SECONDS/);
    });

    it('prints the help on stderr with exit 2 when no command is given', async () => {
      const io = fakeIo();
      assert.equal(await runCli([], io, fakeDeps({}).deps), EXIT.usage);
      assert.match(io.err, /Usage: redis-tasks <command>/);
    });

    it('asks for an endpoint and a user before connecting', async () => {
      const { deps, rec } = fakeDeps({});
      let io = fakeIo({ env: { REDIS_TASKS_PASSWORD: 'pw' } });
      assert.equal(await runCli(['list'], io, deps), EXIT.usage);
      assert.match(io.err, /needs --endpoint/);
      io = fakeIo({ env: { REDIS_TASKS_PASSWORD: 'pw' } });
      assert.equal(await runCli(['list', '--provider', 'tencent'], io, deps), EXIT.usage);
      assert.match(io.err, /tencent needs --secret-id/);
      assert.equal(rec.configs.length, 0);
    });
  });

  describe('connection', () => {
    it('builds the connection config from flags and passes deps (proxy, timeout)', async () => {
      const { deps, rec } = fakeDeps({});
      const io = fakeIo({ env: { REDIS_TASKS_SECRET_KEY: 'tc-key', HTTPS_PROXY: 'http://proxy:3128' } });
      const code = await runCli(
        [
          'list',
          '--provider',
          'tencent',
          '--secret-id',
          'AKID',
          '--region',
          'ap-guangzhou',
          '--option',
          'legacyApi=true',
          '--timeout-ms',
          '2000',
          '--ca',
          '/etc/ca.pem',
        ],
        io,
        deps,
      );
      assert.equal(code, 0, io.err);
      assert.deepEqual(rec.configs[0], {
        id: 'cli',
        name: 'redis-tasks',
        provider: 'tencent',
        endpoint: undefined,
        user: 'AKID',
        region: 'ap-guangzhou',
        tls: { mode: 'ca-file', caFile: '/etc/ca.pem' },
        options: { legacyApi: true },
      });
      assert.deepEqual(rec.secrets[0], { secret: 'tc-key' });
      assert.equal(rec.deps[0].proxy, 'http://proxy:3128');
      assert.equal(rec.deps[0].timeoutMs, 2000);
      assert.equal(rec.closed, 1);
    });

    it('pins the given fingerprint and uses system trust by default', async () => {
      const { deps, rec } = fakeDeps({});
      await runCli(['list', '--fingerprint', 'ab:cd'], fakeIo({ env: RE_ENV }), deps);
      await runCli(['list'], fakeIo({ env: RE_ENV }), deps);
      assert.deepEqual(rec.configs[0].tls, { mode: 'pinned', fingerprint256: 'ab:cd' });
      assert.deepEqual(rec.configs[1].tls, { mode: 'system' });
    });

    it('logs requests on stderr with --verbose only', async () => {
      const { deps, rec } = fakeDeps({});
      const io = fakeIo({ env: RE_ENV });
      await runCli(['list', '--verbose'], io, deps);
      rec.deps[0].log!({ method: 'GET', url: 'https://c/v1/crdb_tasks', status: 200, ms: 12, attempt: 1 });
      assert.match(io.err, /GET https:\/\/c\/v1\/crdb_tasks -> 200 \(12 ms, attempt 1\)/);
      await runCli(['list'], fakeIo({ env: RE_ENV }), deps);
      assert.equal(rec.deps[1].log, undefined);
    });

    it('removes the secret from anything it prints, even a server message that echoes it', async () => {
      const { deps } = fakeDeps({
        gets: [new ProviderError('auth', 'User admin with password s3cret-pass rejected.')],
      });
      const io = fakeIo({ env: RE_ENV });
      assert.equal(await runCli(['get', 't1'], io, deps), EXIT.auth);
      assert.doesNotMatch(io.err, /s3cret-pass/);
      assert.match(io.err, /password \*\*\* rejected/);
    });
  });

  describe('list', () => {
    const groups = [
      { id: 'crdb-tasks', label: 'CRDB tasks', kind: 'crdb-tasks' as const },
      { id: 'actions', label: 'Actions', kind: 'actions' as const, unsupportedReason: 'too old' },
    ];

    it('prints an aligned table with status and provider status', async () => {
      const tasks = [
        task(),
        task({
          id: 'a-22',
          group: 'actions',
          name: 'SMCreateBDB',
          target: { id: 'bdb:1' },
          status: 'failed',
          providerStatus: 'failed',
          progress: undefined,
          startedAt: undefined,
        }),
      ];
      const { deps } = fakeDeps({ snapshot: { groups, tasks, more: {} } });
      const io = fakeIo({ env: RE_ENV });
      assert.equal(await runCli(['list'], io, deps), 0);
      const lines = io.out.trimEnd().split('\n');
      assert.equal(lines.length, 3);
      assert.match(lines[0], /^STATUS +ID +NAME +TARGET +GROUP +STARTED$/);
      assert.match(lines[1], /^running 40% +t1 +create_crdb +orders \(guid-1\) +CRDB tasks +\d+ d ago$/);
      assert.match(lines[2], /^failed +a-22 +SMCreateBDB +bdb:1 +Actions +-$/);
      // Aligned: every column starts at the same offset on each line.
      const col = (l: string) =>
        l.indexOf(l.includes('NAME') ? 'NAME' : l.includes('create_crdb') ? 'create_crdb' : 'SMCreateBDB');
      assert.equal(col(lines[0]), col(lines[1]));
      assert.equal(col(lines[1]), col(lines[2]));
      assert.doesNotMatch(io.out, /\u001b\[/, 'no colour when stdout is not a TTY');
      assert.match(io.err, /note: Actions: too old/);
    });

    it('colours statuses on a TTY, and not with NO_COLOR', async () => {
      const { deps } = fakeDeps({ snapshot: { groups, tasks: [task()], more: {} } });
      const tty = fakeIo({ env: RE_ENV, stdoutTTY: true });
      await runCli(['list'], tty, deps);
      assert.match(tty.out, /\u001b\[36mrunning 40%/);
      const noColor = fakeIo({ env: { ...RE_ENV, NO_COLOR: '1' }, stdoutTTY: true });
      await runCli(['list'], noColor, deps);
      assert.doesNotMatch(noColor.out, /\u001b\[/);
    });

    it('says so when there are no tasks', async () => {
      const io = fakeIo({ env: RE_ENV });
      await runCli(['list'], io, fakeDeps({}).deps);
      assert.equal(io.out, 'No tasks.\n');
    });

    it('prints one JSON array of normalised tasks without raw, unless --raw', async () => {
      const { deps } = fakeDeps({ snapshot: { groups, tasks: [task(), task({ id: 't2' })], more: {} } });
      const io = fakeIo({ env: RE_ENV });
      assert.equal(await runCli(['list', '--json'], io, deps), 0);
      const parsed = JSON.parse(io.out) as Array<Record<string, unknown>>;
      assert.equal(parsed.length, 2);
      assert.deepEqual(
        Object.keys(parsed[0]).sort(),
        Object.keys(task())
          .filter(k => k !== 'raw')
          .sort(),
      );
      assert.equal(parsed[0].status, 'running');
      assert.equal('raw' in parsed[0], false);
      const withRaw = fakeIo({ env: RE_ENV });
      await runCli(['list', '--json', '--raw'], withRaw, deps);
      assert.deepEqual((JSON.parse(withRaw.out) as Array<Record<string, unknown>>)[0].raw, {
        id: 't1',
        secretish: 'raw-payload',
      });
    });

    it('passes filters to the source and applies them to what it returns', async () => {
      const tasks = [
        task({ id: 'old', startedAt: Date.UTC(2020, 0, 1) }),
        task({ id: 'done', status: 'succeeded' }),
        task({ id: 'other-type', type: 'update_crdb' }),
        task({ id: 'keep', startedAt: undefined }),
      ];
      const now = Date.UTC(2026, 1, 1);
      const { deps, rec } = fakeDeps({ snapshot: { groups, tasks, more: {} } }, { now: () => now });
      const io = fakeIo({ env: RE_ENV });
      await runCli(
        ['list', '--json', '--status', 'running', '--type', 'create_crdb', '--since', '7d', '--instance', 'i-1'],
        io,
        deps,
      );
      assert.deepEqual(rec.queries[0], {
        statuses: ['running'],
        types: ['create_crdb'],
        since: now - 7 * 86_400_000,
        instanceId: 'i-1',
      });
      assert.deepEqual(
        (JSON.parse(io.out) as Array<{ id: string }>).map(t => t.id),
        ['keep'],
      );
    });

    it('follows "more" cursors until the last page', async () => {
      const { deps, rec } = fakeDeps({
        snapshot: { groups, tasks: [task({ id: 'p1' })], more: { 'crdb-tasks': 'c2' } },
        pages: { c2: { tasks: [task({ id: 'p2' })], next: 'c3' }, c3: { tasks: [task({ id: 'p3' })] } },
      });
      const io = fakeIo({ env: RE_ENV });
      await runCli(['list', '--json'], io, deps);
      assert.deepEqual(
        (JSON.parse(io.out) as Array<{ id: string }>).map(t => t.id),
        ['p1', 'p2', 'p3'],
      );
      assert.deepEqual(rec.loadMore, [
        { group: 'crdb-tasks', cursor: 'c2' },
        { group: 'crdb-tasks', cursor: 'c3' },
      ]);
    });
  });

  describe('get', () => {
    it('passes --ttl as resultTtlSeconds and --instance as the group hint', async () => {
      const { deps, rec } = fakeDeps({});
      await runCli(['get', 'abc', '--ttl', '900', '--instance', 'crs-1'], fakeIo({ env: RE_ENV }), deps);
      assert.deepEqual(rec.gets[0], { id: 'abc', options: { resultTtlSeconds: 900, group: 'crs-1' } });
    });

    it('prints fields, steps, shards and errors', async () => {
      const t = task({
        steps: [{ name: 'syncing', detail: 'cluster-a' }],
        shards: [
          {
            shardId: '3',
            opName: 'SMUpgradeBDB',
            statusCode: 'ok',
            progress: 50,
            heartbeatAt: Date.UTC(2026, 0, 31, 10, 5),
          },
        ],
        errors: [{ message: 'Timeout contacting peer', code: 'peer_timeout', where: 'cluster-b' }],
        currentStep: 'syncing',
      });
      const io = fakeIo({ env: RE_ENV });
      assert.equal(await runCli(['get', 't1'], io, fakeDeps({ gets: [t] }).deps), 0);
      assert.match(io.out, /^ID: +t1$/m);
      assert.match(io.out, /^Status: +running$/m);
      assert.match(io.out, /^Provider status: +started$/m);
      assert.match(io.out, /^Target: +orders \(guid-1\)$/m);
      assert.match(io.out, /^Cancel: +yes \(forced cancel available\)$/m);
      assert.match(io.out, /Steps:\n {2}STEP +PROGRESS +REMAINING +DETAIL\n {2}syncing +- +- +cluster-a/);
      assert.match(io.out, /Shards:\n {2}SHARD.*\n {2}3 +SMUpgradeBDB +ok +50% +2026-01-31 10:05:00Z/);
      assert.match(io.out, /Errors:\n {2}- \[cluster-b\] Timeout contacting peer \(peer_timeout\)/);
    });

    it('prints one JSON object with --json', async () => {
      const io = fakeIo({ env: RE_ENV });
      await runCli(['get', 't1', '--json'], io, fakeDeps({}).deps);
      const obj = JSON.parse(io.out) as Record<string, unknown>;
      assert.equal(obj.id, 't1');
      assert.equal('raw' in obj, false);
    });
  });

  describe('cancel', () => {
    it('sends one cancel, not forced', async () => {
      const { deps, rec } = fakeDeps({});
      const io = fakeIo({ env: RE_ENV });
      assert.equal(await runCli(['cancel', 't1'], io, deps), 0);
      assert.deepEqual(rec.cancels, [{ id: 't1', options: { force: false } }]);
      assert.match(io.out, /Cancel requested for task t1/);
    });

    it('exits 5 on a commit-phase 406 and hints at --force with its risk', async () => {
      const { deps, rec } = fakeDeps({
        cancel: new ProviderError('not-cancelable', 'Task t1 cannot be canceled now.', { status: 406 }),
      });
      const io = fakeIo({ env: RE_ENV });
      assert.equal(await runCli(['cancel', 't1'], io, deps), EXIT.notCancelable);
      assert.equal(rec.cancels.length, 1);
      assert.match(io.err, /--force.*break the Active-Active database/);
    });

    it('refuses --force without confirmation when stdin is not a terminal: exit 2, nothing sent', async () => {
      const { deps, rec } = fakeDeps({});
      const io = fakeIo({ env: RE_ENV, tty: false });
      assert.equal(await runCli(['cancel', 't1', '--force'], io, deps), EXIT.usage);
      assert.equal(rec.configs.length, 0, 'no connection is even opened');
      assert.equal(rec.cancels.length, 0);
      assert.match(
        io.err,
        /Refusing --force.*break the Active-Active database \(CRDB\) in the cluster configuration store.*--yes-i-know/,
      );
    });

    it('forces with --yes-i-know', async () => {
      const { deps, rec } = fakeDeps({});
      const io = fakeIo({ env: RE_ENV });
      assert.equal(await runCli(['cancel', 't1', '--force', '--yes-i-know'], io, deps), 0);
      assert.deepEqual(rec.cancels, [{ id: 't1', options: { force: true } }]);
      assert.match(io.out, /Forced cancel requested/);
    });

    it('forces after the task id is typed on a terminal', async () => {
      const { deps, rec } = fakeDeps({});
      const io = fakeIo({ env: RE_ENV, tty: true, answers: ['t1'] });
      assert.equal(await runCli(['cancel', 't1', '--force'], io, deps), 0);
      assert.equal(io.prompts.length, 1);
      assert.match(io.prompts[0].question, /Type the task id \(t1\)/);
      assert.match(io.err, /WARNING/);
      assert.deepEqual(rec.cancels, [{ id: 't1', options: { force: true } }]);
    });

    it('refuses when the typed id does not match', async () => {
      const { deps, rec } = fakeDeps({});
      const io = fakeIo({ env: RE_ENV, tty: true, answers: ['t2'] });
      assert.equal(await runCli(['cancel', 't1', '--force'], io, deps), EXIT.usage);
      assert.equal(rec.cancels.length, 0);
      assert.match(io.err, /does not match; nothing was sent/);
    });

    it('exits 7 when the provider has no cancel', async () => {
      const io = fakeIo({ env: { ...RE_ENV, REDIS_TASKS_SECRET_KEY: 'k' } });
      assert.equal(
        await runCli(
          ['cancel', 't1', '--provider', 'tencent', '--region', 'ap-guangzhou'],
          io,
          fakeDeps({ cancel: 'absent' }).deps,
        ),
        EXIT.other,
      );
      assert.match(io.err, /tencent has no API to cancel a task/);
    });

    it('does not retry a failed cancel', async () => {
      const { deps, rec } = fakeDeps({ cancel: new ProviderError('network', 'The connection was closed.') });
      assert.equal(await runCli(['cancel', 't1'], fakeIo({ env: RE_ENV }), deps), EXIT.network);
      assert.equal(rec.cancels.length, 1);
    });
  });

  describe('wait', () => {
    it('exits 0 when the task succeeds, polling at the interval', async () => {
      const c = sleepingClock();
      const { deps, rec } = fakeDeps(
        {
          gets: [
            task({ progress: 10 }),
            task({ progress: 60 }),
            task({ status: 'succeeded', providerStatus: 'finished', progress: 100 }),
          ],
        },
        c.extra,
      );
      const io = fakeIo({ env: RE_ENV });
      assert.equal(await runCli(['wait', 't1', '--interval', '2'], io, deps), 0);
      assert.equal(rec.gets.length, 3);
      assert.deepEqual(c.sleeps, [2000, 2000]);
      assert.equal(io.err.trimEnd().split('\n').length, 3, 'one progress line per poll');
      assert.match(io.err, /t1 {2}running {2}10%/);
      assert.match(io.out, /Task t1 succeeded\./);
    });

    for (const status of ['failed', 'canceled', 'interrupted'] as const) {
      it(`exits 1 when the task ends ${status}`, async () => {
        const { deps } = fakeDeps({ gets: [task(), task({ status })] }, sleepingClock().extra);
        assert.equal(await runCli(['wait', 't1', '--interval', '0'], fakeIo({ env: RE_ENV }), deps), EXIT.taskFailed);
      });
    }

    it('exits 8 when --timeout passes first', async () => {
      const c = sleepingClock();
      const { deps, rec } = fakeDeps({ gets: [task()] }, c.extra);
      const io = fakeIo({ env: RE_ENV });
      assert.equal(await runCli(['wait', 't1', '--interval', '5', '--timeout', '12'], io, deps), EXIT.waitTimeout);
      assert.deepEqual(c.sleeps, [5000, 5000, 2000], 'the last sleep is cut to the deadline');
      assert.equal(rec.gets.length, 4);
      assert.match(io.err, /did not finish within 12 s/);
    });

    it('retries transient errors at the next interval, honouring a longer Retry-After', async () => {
      const c = sleepingClock();
      const { deps, rec } = fakeDeps(
        {
          gets: [
            new ProviderError('network', 'Connection refused.'),
            new ProviderError('throttled', 'Slow down.', { retryAfterMs: 9000 }),
            new ProviderError('server', 'HTTP 503.'),
            new ProviderError('timeout', 'No answer.'),
            task({ status: 'succeeded' }),
          ],
        },
        c.extra,
      );
      const io = fakeIo({ env: RE_ENV });
      assert.equal(await runCli(['wait', 't1', '--interval', '1'], io, deps), 0);
      assert.equal(rec.gets.length, 5);
      assert.deepEqual(c.sleeps, [1000, 9000, 1000, 1000]);
      assert.match(io.err, /Connection refused\. \(will retry\)/);
    });

    it('stops on auth and not-found errors with their exit codes', async () => {
      const auth = fakeDeps({ gets: [task(), new ProviderError('auth', 'Bad password.')] }, sleepingClock().extra);
      assert.equal(await runCli(['wait', 't1', '--interval', '0'], fakeIo({ env: RE_ENV }), auth.deps), EXIT.auth);
      assert.equal(auth.rec.gets.length, 2);
      const gone = fakeDeps({ gets: [new ProviderError('not-found', 'No task t1.')] }, sleepingClock().extra);
      assert.equal(await runCli(['wait', 't1', '--interval', '0'], fakeIo({ env: RE_ENV }), gone.deps), EXIT.notFound);
    });

    it('prints the final task as JSON with --json', async () => {
      const { deps } = fakeDeps({ gets: [task({ status: 'succeeded' })] }, sleepingClock().extra);
      const io = fakeIo({ env: RE_ENV });
      assert.equal(await runCli(['wait', 't1', '--json'], io, deps), 0);
      assert.equal((JSON.parse(io.out) as { status: string }).status, 'succeeded');
    });
  });

  describe('fingerprint', () => {
    const info = {
      fingerprint256: 'AA:BB',
      subject: 'CN=localhost',
      issuer: 'CN=localhost',
      validTo: 'Jan 1 2027',
      trusted: false,
      authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    };

    it('prints the fingerprint on stdout and how to pin it on stderr, without asking for a secret', async () => {
      const probed: string[] = [];
      const io = fakeIo({ tty: true });
      const code = await runCli(['fingerprint', '--endpoint', 'https://127.0.0.1:9443'], io, {
        probeCertificate: async ep => {
          probed.push(ep);
          return info;
        },
      });
      assert.equal(code, 0);
      assert.equal(io.out, 'AA:BB\n');
      assert.match(io.err, /--fingerprint AA:BB/);
      assert.deepEqual(probed, ['https://127.0.0.1:9443']);
      assert.equal(io.prompts.length, 0);
    });

    it('needs an https endpoint', async () => {
      const io = fakeIo();
      assert.equal(await runCli(['fingerprint'], io, { probeCertificate: async () => info }), EXIT.usage);
      assert.equal(
        await runCli(['fingerprint', '--endpoint', 'http://x:8080'], io, { probeCertificate: async () => info }),
        EXIT.usage,
      );
    });

    it('exits 6 when the server cannot be reached', async () => {
      const io = fakeIo();
      const code = await runCli(['fingerprint', '--endpoint', 'https://x:1'], io, {
        probeCertificate: async () => {
          throw new ProviderError('network', 'Cannot read the certificate of x:1: refused');
        },
      });
      assert.equal(code, EXIT.network);
    });
  });
});
