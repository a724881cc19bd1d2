import type { ExtensionSettings } from '../../../src/extension/settings';

/**
 * A TaskService's settings for a unit test: automatic polling off (both intervals 0, so only the test's own refreshes
 * ask), notifications off, a 30 s request timeout, the provider's own time window, finished tasks kept a day. A test
 * names what it relies on in `overrides`.
 */
export function testSettings(overrides: Partial<ExtensionSettings> = {}): ExtensionSettings {
  return {
    activeIntervalMs: 0,
    idleIntervalMs: 0,
    resultTtlSeconds: 3600,
    notifications: 'off',
    requestTimeoutMs: 30_000,
    timeWindowDays: 0,
    retentionMs: 24 * 3600_000,
    ...overrides,
  };
}
