import * as assert from 'node:assert/strict';
import type { ConnectionConfig } from '../../../src/core/connection';
import { ProviderError } from '../../../src/core/errors';
import type { TaskSource } from '../../../src/core/source';
import { SourceRegistry } from '../../../src/core/sources';

function config(id: string, over: Partial<ConnectionConfig> = {}): ConnectionConfig {
  return {
    id,
    name: `Name ${id}`,
    provider: 'redis-enterprise',
    endpoint: `https://${id}:9443`,
    ...over,
  };
}

function setup() {
  const configs = new Map<string, ConnectionConfig>();
  const secrets = new Map<string, string>();
  const made: { id: string; secret: string; closed: boolean }[] = [];
  const closedIds: string[] = [];
  let consoleThrows = false;
  let createThrows: Error | undefined;
  const registry = new SourceRegistry({
    config: id => configs.get(id),
    secret: async id => secrets.get(id),
    create: (c, secret) => {
      if (createThrows !== undefined) throw createThrows;
      const record = { id: c.id, secret, closed: false };
      made.push(record);
      return {
        provider: c.provider,
        connectionId: c.id,
        consoleUrl: () => {
          if (consoleThrows) throw new Error('no console');
          return `https://console/${c.id}/${made.length}`;
        },
        close: async () => {
          record.closed = true;
        },
      } as unknown as TaskSource;
    },
    closed: id => closedIds.push(id),
    messages: { gone: id => `gone ${id}`, noSecret: name => `no secret for ${name}` },
  });
  return {
    registry,
    configs,
    secrets,
    made,
    closedIds,
    setConsoleThrows: (v: boolean) => (consoleThrows = v),
    setCreateThrows: (v: Error | undefined) => (createThrows = v),
  };
}

describe('core/sources: one open source per connection', () => {
  it('makes a source on first use, reuses it, and makes it again when the settings entry changes', async () => {
    const r = setup();
    r.configs.set('a', config('a'));
    r.secrets.set('a', 'pw');
    const first = await r.registry.get('a');
    assert.equal(await r.registry.get('a'), first);
    assert.deepEqual(
      r.made.map(m => [m.id, m.secret]),
      [['a', 'pw']],
    );
    assert.equal(r.registry.consoleUrl('a'), 'https://console/a/1');
    r.configs.set('a', config('a', { name: 'Renamed' }));
    const second = await r.registry.get('a');
    assert.notEqual(second, first);
    assert.equal(r.made[0].closed, true, 'the old source is closed');
    assert.deepEqual(r.closedIds, ['a']);
    assert.equal(r.registry.consoleUrl('a'), 'https://console/a/2');
  });

  it('a removed connection and one without a secret fail with the caller’s words, as ProviderErrors', async () => {
    const r = setup();
    await assert.rejects(
      r.registry.get('x'),
      (e: unknown) => e instanceof ProviderError && e.kind === 'not-found' && e.message === 'gone x',
    );
    r.configs.set('a', config('a'));
    await assert.rejects(
      r.registry.get('a'),
      (e: unknown) => e instanceof ProviderError && e.kind === 'auth' && e.message === 'no secret for Name a',
    );
    // An empty secret is a stored one: the provider decides what it means.
    r.secrets.set('a', '');
    await r.registry.get('a');
    assert.equal(r.made[0].secret, '');
  });

  it('what the factory throws reaches the caller as a ProviderError; a console that throws is no console', async () => {
    const r = setup();
    r.configs.set('a', config('a'));
    r.secrets.set('a', 'pw');
    r.setCreateThrows(new Error('bundle missing'));
    await assert.rejects(
      r.registry.get('a'),
      (e: unknown) => e instanceof ProviderError && /bundle missing/.test(e.message),
    );
    r.setCreateThrows(undefined);
    r.setConsoleThrows(true);
    await r.registry.get('a');
    assert.equal(r.registry.consoleUrl('a'), undefined);
  });

  it('sync closes the sources of edited and removed connections and names the new and edited ones', async () => {
    const r = setup();
    for (const id of ['a', 'b', 'c']) {
      r.configs.set(id, config(id));
      r.secrets.set(id, 'pw');
    }
    assert.deepEqual(r.registry.sync([config('a'), config('b'), config('c')]).sort(), ['a', 'b', 'c']);
    await r.registry.get('a');
    await r.registry.get('b');
    await r.registry.get('c');
    // a unchanged, b edited, c removed, d new.
    const changed = r.registry.sync([config('a'), config('b', { endpoint: 'https://b2:9443' }), config('d')]);
    assert.deepEqual(changed.sort(), ['b', 'd']);
    assert.deepEqual(
      r.made.map(m => [m.id, m.closed]),
      [
        ['a', false],
        ['b', true],
        ['c', true],
      ],
    );
    assert.equal(r.registry.consoleUrl('c'), undefined);
    assert.deepEqual(r.registry.sync([config('a'), config('b', { endpoint: 'https://b2:9443' }), config('d')]), []);
    // Removed and added back: new again.
    r.registry.sync([config('a')]);
    assert.deepEqual(r.registry.sync([config('a'), config('d')]), ['d']);
  });

  it('close and dispose close what is open, and the next get makes a new source', async () => {
    const r = setup();
    r.configs.set('a', config('a'));
    r.configs.set('b', config('b'));
    r.secrets.set('a', 'pw');
    r.secrets.set('b', 'pw');
    const a = await r.registry.get('a');
    await r.registry.get('b');
    r.registry.close('a');
    assert.equal(r.made[0].closed, true);
    assert.notEqual(await r.registry.get('a'), a);
    r.registry.dispose();
    assert.deepEqual(
      r.made.map(m => m.closed),
      [true, true, true],
    );
  });
});
