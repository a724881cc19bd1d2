import * as assert from 'node:assert/strict';
import type { ErrorKind } from '../../../src/core/errors';
import type { FaultMode } from '../../../src/emulator/faults';
import { crdbTaskAt, crdbTaskId, newestIndex } from '../../../src/emulator/redis-enterprise/crdb-tasks';
import { expectProviderError, startHarness, type Harness } from './harness';

/** Redis Enterprise: a cancel is a POST, never retried, so whatever the server does it arrives exactly once. */
const CASES: { mode: FaultMode; kind: ErrorKind | 'accepted'; timeoutMs?: number }[] = [
  { mode: 'status-500', kind: 'server' },
  { mode: 'status-502', kind: 'server' },
  { mode: 'status-503', kind: 'server' },
  { mode: 'reset', kind: 'network' },
  { mode: 'hang', kind: 'timeout', timeoutMs: 300 },
  { mode: 'trickle', kind: 'timeout', timeoutMs: 300 },
  // A 200 is the cluster accepting the cancel: its body is not read, so a broken one changes nothing.
  { mode: 'truncated-json', kind: 'accepted' },
  { mode: 'wrong-content-type', kind: 'accepted' },
  { mode: 'huge-body', kind: 'bad-response' },
  { mode: 'throttle', kind: 'throttled' },
  { mode: 'unauthorized', kind: 'auth' },
  { mode: 'echo-credentials', kind: 'bad-request' },
];

describe('hostile server: a Redis Enterprise cancel is sent exactly once under every fault', function () {
  this.timeout(20_000);
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());
  beforeEach(() => h.emu.reset());

  /** A CRDB task that is running (not yet in its commit phase) right after a reset. */
  function runningTaskId(): string {
    for (let k = newestIndex(0); k >= 0; k--) {
      const t = crdbTaskAt(k, 0, 0, undefined, false);
      if (t && t.phase === 'running') return crdbTaskId(k);
    }
    assert.fail('the demo has a running CRDB task at the start');
  }

  for (const c of CASES) {
    it(`${c.mode}: one POST, ${c.kind === 'accepted' ? 'accepted' : `a ${c.kind} error`}`, async () => {
      const id = runningTaskId();
      const path = `/v1/crdb_tasks/${id}/actions/cancel`;
      const source = h.source('redis-enterprise', c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}, `re-cancel-${c.mode}`);
      h.fault(c.mode, 'redis-enterprise', path);
      if (c.kind === 'accepted') await source.cancelTask!(id);
      else await expectProviderError(source.cancelTask!(id), c.kind, `cancel ${c.mode}`);
      const posts = h.re.requests.filter(r => r.method === 'POST' && r.path.startsWith(path));
      assert.equal(posts.length, 1, `the cancel reached the server ${posts.length} times`);
    });
  }
});
