/**
 * Every provider, one line each: the tree, Add/Edit Connection, the CLI's flags and help, the emulator and the demo
 * derive from these descriptors. Adding a provider is a folder plus a line here (docs/adding-a-provider.md).
 */
import { PLAIN_CANCEL_WORDS, type FullCancelWords, type ProviderDescriptor } from './descriptor';
import { redisEnterprise } from './redis-enterprise/descriptor';
import { redisCloud } from './redis-cloud/descriptor';
import { tencent } from './tencent/descriptor';
import { alibaba } from './alibaba/descriptor';
import { aws } from './aws/descriptor';

export const PROVIDERS: readonly ProviderDescriptor[] = [redisEnterprise, redisCloud, tencent, alibaba, aws];

export const PROVIDER_IDS: readonly string[] = PROVIDERS.map(p => p.id);

export function providerById(id: string): ProviderDescriptor | undefined {
  return PROVIDERS.find(p => p.id === id);
}

/** For ids already validated (a parsed connection): a missing one is our bug, not the person's. */
export function descriptorOf(id: string): ProviderDescriptor {
  const d = providerById(id);
  if (!d) throw new Error(`Unknown provider "${id}".`);
  return d;
}

/**
 * How a cancel of this provider's tasks is asked and said (English templates; the extension translates them). A word
 * the provider does not give is the plain one: Redis Enterprise's task is "Cancelling…" like any other.
 */
export function cancelWordsOf(id: string): FullCancelWords {
  const own = providerById(id)?.cancel;
  return own ? { ...PLAIN_CANCEL_WORDS, ...own } : PLAIN_CANCEL_WORDS;
}
