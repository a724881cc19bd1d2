import { strict as assert } from 'node:assert';
import { legacyError, legacyKindOf } from '../../../src/providers/tencent/errors';

/**
 * The legacy API's common error codes as Tencent documents them (cloud.tencent.com/document/api/213/6982): a failed
 * call answers HTTP 200 with `{code, message, codeDesc}`; these codes mean the key or its permissions, not a fault of
 * Tencent's.
 */
describe('tencent legacy API error codes', () => {
  const what = 'the task list';

  it('4101-4103 (sub-account not authorised) are permission errors, with what to ask for', () => {
    for (const code of [4101, 4102, 4103]) {
      const e = legacyError(code, '', undefined, what);
      assert.equal(e.kind, 'forbidden', `${code}`);
      assert.equal(e.code, String(code));
      assert.match(e.message, /not authorised/);
      assert.match(e.message, /main account's administrator/);
      assert.doesNotMatch(e.message, /code \d+/, 'a meaning, not a bare number');
    }
  });

  it('4104 (the key does not exist) and 4110 (other CAM failure) are auth errors', () => {
    const missing = legacyError(4104, '', 'AuthFailure.SecretIdNotFound', what);
    assert.equal(missing.kind, 'auth');
    assert.equal(missing.code, '4104 AuthFailure.SecretIdNotFound');
    assert.equal(
      missing.message,
      'Tencent Cloud (legacy API) refused the task list: the SecretId does not exist. Check the SecretId of the connection: the key may have been deleted or disabled.',
    );
    const cam = legacyError(4110, '', undefined, what);
    assert.equal(cam.kind, 'auth');
    assert.match(cam.message, /CAM authentication failed/);
  });

  it("keeps the server's own message first and adds the code's meaning", () => {
    const e = legacyError(4101, '您没有权限访问该接口', undefined, what);
    assert.equal(
      e.message,
      "Tencent Cloud (legacy API) refused the task list: 您没有权限访问该接口 (this sub-account is not authorised to call the API). Ask the main account's administrator to grant it the Redis task APIs (CAM policy).",
    );
  });

  it('the other documented codes keep their kinds; an undocumented one is a server error', () => {
    assert.deepEqual([4000, 4100, 4105, 4106, 4200, 4300, 4400, 4500, 4600, 11201, 5000].map(legacyKindOf), [
      'bad-request',
      'auth',
      'auth',
      'auth',
      'auth',
      'forbidden',
      'throttled',
      'bad-request',
      'bad-request',
      'bad-request',
      'server',
    ]);
    assert.equal(legacyError(4400, '', undefined, what).retryAfterMs, 1000);
  });
});
