import * as assert from 'node:assert/strict';
import { parseArgs } from '../../../src/cli/args';
import { parseSince } from '../../../src/cli/duration';
import { connectionConfig } from '../../../src/cli/run';
import { UsageError } from '../../../src/cli/usageError';

const NOW = Date.UTC(2026, 1, 1, 12, 0, 0);
const parse = (argv: string[], env: Record<string, string> = {}) => parseArgs(argv, env, NOW);
const usage = (argv: string[], pattern: RegExp) =>
  assert.throws(
    () => parse(argv),
    (e: unknown) => e instanceof UsageError && pattern.test(e.message),
  );

describe('cli argument parsing', () => {
  it('reads every connection flag, in both --flag value and --flag=value forms', () => {
    const a = parse([
      'list',
      '--provider',
      'tencent',
      '--endpoint=https://redis.example:443',
      '--user',
      'AKID1',
      '--region',
      'ap-guangzhou',
      '--ca',
      '/tmp/ca.pem',
      '--option',
      'legacyApi=true',
      '--option',
      'limit=50',
      '--option',
      'mode=fast',
      '--timeout-ms',
      '1500',
      '--json',
      '--raw',
      '--verbose',
    ]);
    assert.equal(a.command, 'list');
    assert.equal(a.provider, 'tencent');
    assert.equal(a.endpoint, 'https://redis.example:443');
    assert.equal(a.user, 'AKID1');
    assert.equal(a.region, 'ap-guangzhou');
    assert.equal(a.caFile, '/tmp/ca.pem');
    assert.deepEqual(a.options, { legacyApi: true, limit: 50, mode: 'fast' });
    assert.equal(a.timeoutMs, 1500);
    assert.equal(a.json, true);
    assert.equal(a.raw, true);
    assert.equal(a.verbose, true);
  });

  it('--site intl|china picks the Tencent site; other values and other providers are usage errors', () => {
    const tencent = ['list', '--provider', 'tencent', '--region', 'ap-guangzhou'];
    const intl = parse([...tencent, '--site', 'intl', '--secret-id', 'AKID1']);
    assert.equal(intl.options.site, 'intl');
    assert.deepEqual(connectionConfig(intl).options, { site: 'intl' });
    assert.equal(parse([...tencent, '--site=China']).options.site, 'china');
    assert.equal(parse(tencent).options.site, undefined);
    assert.equal(connectionConfig(parse([...tencent, '--user', 'AKID1'])).options, undefined);
    usage([...tencent, '--site', 'mars'], /--site takes china or intl, not "mars"/);
    usage(['list', '--provider', 'alibaba', '--site', 'intl'], /--site is an option of --provider tencent/);
  });

  it('a regional provider without --region is a usage error, not a failed request', () => {
    assert.throws(
      () => connectionConfig(parse(['list', '--provider', 'tencent', '--secret-id', 'AKID1'])),
      (e: Error) => e instanceof UsageError && /tencent needs --region \(such as ap-guangzhou\)/.test(e.message),
    );
  });

  it('defaults to redis-enterprise, system trust, 5 s interval and no JSON', () => {
    const a = parse(['list']);
    assert.equal(a.provider, 'redis-enterprise');
    assert.equal(a.fingerprint, undefined);
    assert.equal(a.caFile, undefined);
    assert.equal(a.intervalSeconds, 5);
    assert.equal(a.json, false);
  });

  for (const alias of ['--secret-id', '--access-key-id', '--account-key']) {
    it(`maps ${alias} to the user`, () => {
      assert.equal(parse(['list', alias, 'ID-123']).user, 'ID-123');
    });
  }

  it('refuses the same option twice under two names', () => {
    usage(['list', '--user', 'a', '--secret-id', 'b'], /same option/);
    usage(['list', '--region', 'a', '--region', 'b'], /given twice/);
  });

  it('takes endpoint and user from the environment, flags winning', () => {
    const env = { REDIS_TASKS_ENDPOINT: 'https://env.example:9443', REDIS_TASKS_USER: 'env-user' };
    assert.equal(parse(['list'], env).endpoint, 'https://env.example:9443');
    assert.equal(parse(['list'], env).user, 'env-user');
    assert.equal(parse(['list', '--user', 'flag-user'], env).user, 'flag-user');
  });

  it('reads list filters', () => {
    const a = parse([
      'list',
      '--status',
      'running,FAILED',
      '--type',
      'create_crdb,SMCreateBDB',
      '--since',
      '24h',
      '--instance',
      'crs-1',
    ]);
    assert.deepEqual(a.statuses, ['running', 'failed']);
    assert.deepEqual(a.types, ['create_crdb', 'SMCreateBDB']);
    assert.equal(a.since, NOW - 24 * 3600_000);
    assert.equal(a.instance, 'crs-1');
  });

  it('parses --since durations and ISO dates, and rejects the rest', () => {
    assert.equal(parseSince('7d', NOW), NOW - 7 * 86_400_000);
    assert.equal(parseSince('30m', NOW), NOW - 30 * 60_000);
    assert.equal(parseSince('2026-01-31T10:00:00Z', NOW), Date.UTC(2026, 0, 31, 10));
    assert.throws(() => parseSince('3 weeks', NOW), UsageError);
    assert.throws(() => parseSince('yesterday', NOW), /--since takes a duration/);
  });

  it('rejects an unknown status and names the valid ones', () =>
    usage(['list', '--status', 'runing'], /Unknown status "runing".*running/));

  it('reads get, cancel and wait options', () => {
    const g = parse(['get', '42', '--ttl', '600']);
    assert.deepEqual([g.command, g.positionals, g.ttlSeconds], ['get', ['42'], 600]);
    const c = parse(['cancel', '42', '--force', '--yes-i-know']);
    assert.deepEqual([c.force, c.yesIKnow], [true, true]);
    const w = parse(['wait', '42', '--interval', '0', '--timeout', '30']);
    assert.deepEqual([w.intervalSeconds, w.waitTimeoutSeconds], [0, 30]);
  });

  it('pins a fingerprint, and refuses --ca together with --fingerprint', () => {
    assert.equal(parse(['list', '--fingerprint', 'AB:CD']).fingerprint, 'AB:CD');
    usage(['list', '--ca', 'x.pem', '--fingerprint', 'AB'], /either --ca or --fingerprint/);
  });

  it('rejects options that belong to another command', () => {
    usage(['list', '--force'], /--force is not an option of "list"/);
    usage(['get', '1', '--status', 'running'], /not an option of "get"/);
  });

  it('explains usage mistakes', () => {
    usage(['frobnicate'], /Unknown command "frobnicate"/);
    usage(['list', '--nope'], /Unknown option --nope/);
    usage(['list', '-x'], /Unknown option -x/);
    usage(['get'], /needs a task id/);
    usage(['get', '1', '2'], /Unexpected argument "2"/);
    usage(['list', '--region'], /--region needs a value/);
    usage(['list', '--region', '--json'], /--region needs a value/);
    usage(['list', '--json=yes'], /takes no value/);
    usage(['list', '--provider', 'azure'], /--provider must be one of/);
    usage(['list', '--option', 'novalue'], /key=value/);
    usage(['list', '--timeout-ms', 'soon'], /--timeout-ms takes a number/);
    usage(['get', '1', '--ttl', '0'], /at least 1/);
    usage(['wait', '1', '--interval', '-1'], /--interval takes a number/);
    usage(['list', '--endpoint', 'cluster:9443'], /--endpoint must/);
    usage(['cancel', '1', '--yes-i-know'], /only confirms --force/);
  });

  for (const flag of ['--password', '--password=hunter2', '--secret-key', '--secret', '--api-secret-key', '--token']) {
    it(`rejects ${flag} and points to the environment variable`, () => {
      usage(['list', flag, 'hunter2'], /not accepted.*REDIS_TASKS_PASSWORD.*REDIS_TASKS_SECRET_KEY/);
    });
  }

  it('never echoes a secret given on argv in the error', () => {
    assert.throws(
      () => parse(['list', '--password=hunter2']),
      (e: unknown) => e instanceof Error && !e.message.includes('hunter2'),
    );
  });

  it('understands help in every form', () => {
    assert.equal(parse(['--help']).help, true);
    assert.equal(parse(['-h']).help, true);
    assert.equal(parse(['help']).help, true);
    const a = parse(['cancel', '--help']);
    assert.deepEqual([a.help, a.command], [true, 'cancel']);
  });

  it('treats everything after -- as positional (ids that start with a dash)', () => {
    assert.deepEqual(parse(['get', '--', '-5']).positionals, ['-5']);
  });
});
