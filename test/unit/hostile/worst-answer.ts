import { LIMITS } from '../../../src/core/limits';

/**
 * The most expensive answer a server can still send within the bounds: as many task objects as an array may hold,
 * each with as many values as fit in the 16 MB cap. The unit test holds its peak heap under 200 MB and the
 * hostile bench (test/bench/hostile.ts) reports it, on this same payload.
 */
export function worstAnswerWithinBounds(): Buffer {
  const tasks: string[] = [];
  const filler = 'x'.repeat(480);
  for (let i = 0; i < LIMITS.maxArrayItems - 1; i++) {
    tasks.push(
      JSON.stringify({
        id: `t${i}`,
        status: 'started',
        operation: 'create_crdb',
        errors: [{ description: filler, error_code: 'e', cluster_name: 'c' }, { description: 'b' }],
        progress: { clusters: [] },
        crdb_guid: 'g',
        started: '2026-01-01T00:00:00Z',
        ended: '2026-01-01T00:00:01Z',
        worker_name: 'w',
        a: 1,
        b: 2,
        c: 3,
        d: 4,
        e: 5,
        f: 6,
      }),
    );
  }
  return Buffer.from(`[${tasks.join(',')}]`);
}
