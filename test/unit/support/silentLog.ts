import type { TaskLog } from '../../../src/extension/log';

/**
 * A TaskLog that writes nothing (the real one needs an output channel), for tests that wire a `TaskService`. A test
 * that looks at what is logged passes its own `error`, say, and keeps the rest silent.
 */
export function silentLog(overrides: Partial<Pick<TaskLog, 'addSecret' | 'request' | 'error' | 'info'>> = {}): TaskLog {
  return {
    addSecret: () => undefined,
    request: () => undefined,
    error: () => undefined,
    info: () => undefined,
    ...overrides,
  } as unknown as TaskLog;
}
