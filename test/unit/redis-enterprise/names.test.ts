import { strict as assert } from 'node:assert';
import { NameCache } from '../../../src/providers/redis-enterprise/names';

describe('redis-enterprise name cache', () => {
  function setup() {
    let now = 0;
    const calls = { cluster: 0, bdbs: 0, crdbs: 0 };
    let bdbs = [{ uid: '1', name: 'orders' }];
    let failBdbs = false;
    const cache = new NameCache(
      {
        cluster: async () => {
          calls.cluster++;
          return 'c1';
        },
        bdbs: async () => {
          calls.bdbs++;
          if (failBdbs) throw new Error('boom');
          return bdbs;
        },
        crdbs: async () => {
          calls.crdbs++;
          return [{ uid: 'g', name: 'cart' }];
        },
      },
      () => now,
    );
    return {
      cache,
      calls,
      advance: (ms: number) => {
        now += ms;
      },
      setBdbs: (b: typeof bdbs) => {
        bdbs = b;
      },
      setFail: (f: boolean) => {
        failBdbs = f;
      },
    };
  }

  it('fetches once, then only after five minutes', async () => {
    const s = setup();
    await s.cache.ensure({ bdbs: ['1'], crdbs: ['g'] });
    await s.cache.ensure({ bdbs: ['1'], crdbs: ['g'] });
    assert.equal(s.calls.bdbs, 1);
    assert.equal(s.cache.bdb('1'), 'orders');
    assert.equal(s.cache.crdb('g'), 'cart');
    assert.equal(s.cache.cluster, 'c1');
    s.advance(5 * 60_000);
    await s.cache.ensure();
    assert.equal(s.calls.bdbs, 2);
  });

  it('refetches for an unknown uid once, not on every refresh', async () => {
    const s = setup();
    await s.cache.ensure();
    s.setBdbs([
      { uid: '1', name: 'orders' },
      { uid: '9', name: 'new-db' },
    ]);
    await s.cache.ensure({ bdbs: ['9'], crdbs: [] });
    assert.equal(s.calls.bdbs, 2);
    assert.equal(s.cache.bdb('9'), 'new-db');
    await s.cache.ensure({ bdbs: ['404'], crdbs: [] });
    await s.cache.ensure({ bdbs: ['404'], crdbs: [] });
    assert.equal(s.calls.bdbs, 3, 'a uid still unknown after a fetch does not cause another');
  });

  it('a failed fetch keeps the old names and never rejects', async () => {
    const s = setup();
    await s.cache.ensure();
    s.setFail(true);
    s.advance(5 * 60_000);
    await s.cache.ensure();
    assert.equal(s.calls.bdbs, 2);
    assert.equal(s.cache.bdb('1'), 'orders');
  });
});
