import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run';
import { allModules } from '../../../src/emulator/modules';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { fakeIo } from './fakes';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Runs the built binary without blocking: the emulator answering it lives in this same process, so a synchronous
 * spawn would wait forever on a server that cannot run.
 */
function runBinary(
  args: string[],
  env: Record<string, string | undefined>,
  input?: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd: ROOT, env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', status => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

interface ListedTask {
  id: string;
  type?: string;
  status: string;
  raw?: unknown;
}

describe('cli against the emulated Redis Enterprise API', () => {
  let emu: RunningEmulator;
  let conn: string[];
  const env = { REDIS_TASKS_PASSWORD: 'demo-password' };

  before(async () => {
    emu = await startEmulator({ modules: allModules(), clock: 'manual' });
    const re = emu.connections().find(c => c.provider === 'redis-enterprise');
    assert.ok(re, 'the emulator serves Redis Enterprise');
    assert.equal(re.secret, env.REDIS_TASKS_PASSWORD);
    conn = ['--endpoint', emu.url, '--user', re.user, '--fingerprint', emu.certificate!.fingerprint256];
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  /** The emulator's clock only moves when a test says so. */
  const advance = (seconds: number) => emu.context.clock.advance(seconds * 1000);

  async function run(argv: string[], extra: Parameters<typeof runCli>[2] = {}) {
    const io = fakeIo({ env });
    const code = await runCli([...argv, ...conn], io, { sleep: async () => undefined, ...extra });
    return { code, out: io.out, err: io.err };
  }

  async function listJson(): Promise<ListedTask[]> {
    const r = await run(['list', '--json', '--raw']);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out) as ListedTask[];
  }

  it('lists tasks as a table', async () => {
    const r = await run(['list']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^STATUS +ID +NAME +TARGET +GROUP +STARTED\n/);
    assert.ok(r.out.trimEnd().split('\n').length > 1, 'at least one task row');
  });

  it('lists tasks as JSON, raw only with --raw', async () => {
    const tasks = await listJson();
    assert.ok(tasks.length > 0);
    assert.ok(tasks.every(t => t.raw !== undefined));
    const plain = await run(['list', '--json']);
    assert.ok((JSON.parse(plain.out) as ListedTask[]).every(t => !('raw' in t)));
  });

  it('refuses a wrong password with exit 3', async () => {
    const io = fakeIo({ env: { REDIS_TASKS_PASSWORD: 'wrong-password' } });
    assert.equal(await runCli(['list', ...conn], io), 3);
    assert.doesNotMatch(io.err, /wrong-password/);
  });

  it('refuses a server whose certificate is not the pinned one with exit 6', async () => {
    const io = fakeIo({ env });
    const pinned = conn.map(a => (a === emu.certificate!.fingerprint256 ? '00'.repeat(32) : a));
    assert.equal(await runCli(['list', ...pinned], io), 6);
    assert.match(io.err, /not the pinned one/);
  });

  it('gets one task, and exits 4 for an unknown one', async () => {
    const [first] = await listJson();
    const r = await run(['get', first.id, '--ttl', '900']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`^ID: +${first.id}$`, 'm'));
    const json = await run(['get', first.id, '--json']);
    assert.equal((JSON.parse(json.out) as ListedTask).id, first.id);
    const missing = await run(['get', '00000000-0000-4000-a000-000000000999']);
    assert.equal(missing.code, 4, missing.err);
  });

  it('cancels a running task', async () => {
    const task = (await listJson()).find(t => t.type === 'flush_crdb' || t.type === 'create_crdb');
    assert.ok(task, 'a cancelable task is listed');
    const r = await run(['cancel', task.id]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Cancel requested/);
  });

  it('gets 5 for a plain cancel in the commit phase, then forces it with --yes-i-know', async () => {
    advance(30); // the update_crdb_config task is in its ten-minute commit phase by now
    const task = (await listJson()).find(t => t.type === 'update_crdb_config');
    assert.ok(task, 'the commit-phase task is listed');
    const plain = await run(['cancel', task.id]);
    assert.equal(plain.code, 5, plain.err);
    assert.match(plain.err, /--force/);
    const refused = await run(['cancel', task.id, '--force']);
    assert.equal(refused.code, 2, 'no confirmation, no forced cancel');
    const forced = await run(['cancel', task.id, '--force', '--yes-i-know']);
    assert.equal(forced.code, 0, forced.err);
    const after = await run(['get', task.id, '--json']);
    assert.notEqual((JSON.parse(after.out) as ListedTask).status, 'running');
  });

  it('waits for a task to succeed, the emulator clock moving only between polls', async () => {
    advance(1); // the flush_crdb task created at the start exists from here on
    const task = (await listJson()).find(t => t.type === 'flush_crdb');
    assert.ok(task, 'a flush_crdb task is listed');
    let polls = 0;
    const r = await run(['wait', task.id, '--interval', '10', '--ttl', '600'], {
      sleep: async ms => {
        polls++;
        advance(ms / 1000);
      },
      now: () => emu.context.clock.now(),
    });
    assert.equal(r.code, 0, r.err);
    assert.ok(polls >= 2, `polled ${polls} times`);
    assert.match(r.out, /succeeded/);
  });

  it('times out a wait with exit 8', async () => {
    advance(30);
    const task = (await listJson()).find(t => t.type === 'update_crdb_config');
    assert.ok(task);
    const r = await run(['wait', task.id, '--interval', '5', '--timeout', '20'], {
      sleep: async ms => advance(ms / 1000),
      now: () => emu.context.clock.now(),
    });
    assert.equal(r.code, 8, r.err);
  });

  it('prints the fingerprint the emulator presents', async () => {
    const io = fakeIo();
    assert.equal(await runCli(['fingerprint', '--endpoint', emu.url], io), 0);
    assert.equal(io.out.trim(), emu.certificate!.fingerprint256);
  });

  describe('the packaged dist/cli.js', () => {
    before(function () {
      this.timeout(120_000);
      execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'pipe' });
    });

    it('lists tasks as JSON and exits 0', async () => {
      const r = await runBinary(['list', '--json', ...conn], {
        PATH: process.env.PATH,
        REDIS_TASKS_PASSWORD: 'demo-password',
      });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(Array.isArray(JSON.parse(r.stdout)));
    });

    it('reads the password from piped stdin and exits 4 for an unknown task', async () => {
      const r = await runBinary(
        ['get', '00000000-0000-4000-a000-000000000999', ...conn],
        { PATH: process.env.PATH },
        'demo-password\n',
      );
      assert.equal(r.status, 4, r.stderr);
      assert.match(r.stderr, /^redis-tasks: /);
    });

    it('rejects --password with exit 2', async () => {
      const r = await runBinary(['list', '--password', 'x'], { PATH: process.env.PATH });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /REDIS_TASKS_PASSWORD/);
    });
  });
});
