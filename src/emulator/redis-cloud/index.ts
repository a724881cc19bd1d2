import type { EmulatorModule } from '../types';

/** Placeholder until this provider's emulated API lands. */
export function createModule(): EmulatorModule | undefined {
  return undefined;
}
