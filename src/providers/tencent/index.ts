import type { ProviderFactory } from '../factory';

/** Placeholder until this provider's client lands: every call explains that it is not available yet. */
export const create: ProviderFactory = () => {
  throw new Error('The tencent provider is not available in this build yet.');
};
