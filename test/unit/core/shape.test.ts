import * as assert from 'node:assert/strict';
import { ProviderError, asProviderError } from '../../../src/core/errors';
import { asArray, asObject, optString, parseJson, reqString } from '../../../src/core/shape';

function badResponse(pattern: RegExp) {
  return (e: unknown) => e instanceof ProviderError && e.kind === 'bad-response' && pattern.test(e.message);
}

describe('core shape readers', () => {
  it('asObject accepts objects and names the path otherwise', () => {
    assert.deepEqual(asObject({ a: 1 }, 'x'), { a: 1 });
    assert.throws(
      () => asObject([], 'crdb_tasks[3].progress'),
      badResponse(/crdb_tasks\[3\]\.progress should be an object, got an array/),
    );
    assert.throws(() => asObject('s', 'p'), badResponse(/p should be an object, got a string/));
    assert.throws(() => asObject(null, 'p'), badResponse(/got null/));
  });

  it('asArray accepts arrays and names the path otherwise', () => {
    assert.deepEqual(asArray([1], 'x'), [1]);
    assert.throws(
      () => asArray({}, 'Response.Tasks'),
      badResponse(/Response\.Tasks should be an array, got an object/),
    );
  });

  it('optString turns numbers and booleans into strings and names a wrong field', () => {
    const o = { id: 7, name: 'n', flag: true, nothing: null, nested: {} };
    assert.equal(optString(o, 'id', 'task'), '7');
    assert.equal(optString(o, 'name', 'task'), 'n');
    assert.equal(optString(o, 'flag', 'task'), 'true');
    assert.equal(optString(o, 'nothing', 'task'), undefined);
    assert.equal(optString(o, 'absent', 'task'), undefined);
    assert.throws(
      () => optString(o, 'nested', 'tasks[0]'),
      badResponse(/tasks\[0\]\.nested should be a string, got an object/),
    );
  });

  it('reqString says which field is missing', () => {
    assert.equal(reqString({ id: 'a' }, 'id', 'task'), 'a');
    assert.throws(() => reqString({}, 'action_uid', 'actions[2]'), badResponse(/actions\[2\]\.action_uid is missing/));
  });

  it('parseJson says what invalid JSON looked like without quoting it', () => {
    assert.deepEqual(parseJson('{"a":1}', 'the list'), { a: 1 });
    assert.throws(
      () => parseJson('<html>Maintenance</html>', 'the list of CRDB tasks'),
      badResponse(/answer to the list of CRDB tasks is not valid JSON \(an HTML or XML page\)\.$/),
    );
    assert.throws(
      () => parseJson('{"tasks": [', 'the list of CRDB tasks'),
      badResponse(/not valid JSON \(11 bytes of something else\)\.$/),
    );
    assert.throws(
      () => parseJson('<script>alert(1)</script>', 'x'),
      (e: Error) => !e.message.includes('script'),
    );
    assert.throws(() => parseJson('x'.repeat(200), 'it'), badResponse(/\(200 bytes of something else\)/));
  });
});

describe('core errors', () => {
  it('asProviderError keeps a ProviderError as it is', () => {
    const e = new ProviderError('auth', 'no');
    assert.equal(asProviderError(e), e);
  });

  it('asProviderError maps an AbortError to kind aborted', () => {
    const abort = new Error('The operation was aborted');
    abort.name = 'AbortError';
    assert.equal(asProviderError(abort).kind, 'aborted');
  });

  it('asProviderError treats a Node system error (with a code) as network trouble, keeping message and cause', () => {
    const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const e = asProviderError(cause);
    assert.equal(e.kind, 'network');
    assert.equal(e.message, 'socket hang up');
    assert.equal(e.code, 'ECONNRESET');
    assert.equal(e.cause, cause);
  });

  it('asProviderError reports any other error as internal, never as a connection problem', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const e = asProviderError(bug);
    assert.equal(e.kind, 'internal');
    assert.match(e.message, /^Internal error in Redis Task Browser: Cannot read properties/);
    assert.equal(e.cause, bug);
    assert.equal(asProviderError('plain string').kind, 'internal');
  });

  it('describe adds the provider code and request id when known', () => {
    assert.equal(
      new ProviderError('throttled', 'Slow down.', { code: 'Throttling.User', requestId: 'r1' }).describe(),
      'Slow down. (code Throttling.User, request r1)',
    );
    assert.equal(new ProviderError('server', 'Oops.').describe(), 'Oops.');
  });
});

describe('ProviderError across bundles', () => {
  it('is recognised by instanceof even when another copy of the class made it (dist/providers.js vs dist/extension.js)', async () => {
    // A second, independent copy of the module, as a second esbuild bundle would have.
    const { buildSync } = await import('esbuild');
    const out = buildSync({
      entryPoints: ['src/core/errors.ts'],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
    });
    const mod = { exports: {} as Record<string, unknown> };
    new Function('module', 'exports', out.outputFiles[0].text)(mod, mod.exports);
    const Other = mod.exports.ProviderError as typeof ProviderError;
    assert.notEqual(Other, ProviderError, 'a genuinely different class');
    const foreign = new Other('not-cancelable', 'commit phase', { status: 406 });
    assert.ok(foreign instanceof ProviderError);
    assert.equal(asProviderError(foreign), foreign);
    assert.equal(asProviderError(foreign).kind, 'not-cancelable');
    assert.ok(!(new Error('plain') instanceof ProviderError));
  });
});

describe('optArray', () => {
  it('reads an absent or null list as empty, and still names the path of anything else', async () => {
    const { optArray } = await import('../../../src/core/shape');
    assert.deepEqual(optArray(undefined, 'Response.Tasks'), []);
    assert.deepEqual(optArray(null, 'Response.Tasks'), []);
    assert.deepEqual(optArray([1], 'Response.Tasks'), [1]);
    assert.throws(() => optArray('x', 'Response.Tasks'), /Response\.Tasks should be an array, got a string/);
  });
});
