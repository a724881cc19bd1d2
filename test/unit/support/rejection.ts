import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';

/** The ProviderError `p` rejects with; fails the test when `p` resolves or rejects with anything else. */
export async function rejection(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ProviderError, `a ProviderError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a failure');
}
