/**
 * Faults a test can switch on for requests that match: how a broken or hostile server behaves. Applied by the server
 * before (or instead of) the module's answer.
 */
export type FaultMode =
  | 'status-500' | 'status-502' | 'status-503'
  | 'reset' // destroy the socket without an answer
  | 'hang' // never answer
  | 'trickle' // answer one byte at a time, slowly
  | 'truncated-json'
  | 'wrong-content-type'
  | 'huge-body' // 50 MB
  | 'throttle' // 429 with Retry-After
  | 'unauthorized'; // 401 after having worked

export interface FaultRule {
  mode: FaultMode;
  /** Only requests whose path starts with this. */
  pathPrefix?: string;
  /** Only this provider's module (matched by the module that claims the request). */
  provider?: string;
  /** How many matching requests it applies to; unlimited when absent. */
  count?: number;
}

export class FaultInjector {
  private rules: FaultRule[] = [];

  set(rules: FaultRule[]): void {
    this.rules = rules.map(r => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, consuming one use of a counted rule. */
  take(path: string, provider: string | undefined): FaultMode | undefined {
    for (const rule of this.rules) {
      if (rule.pathPrefix && !path.startsWith(rule.pathPrefix)) continue;
      if (rule.provider && rule.provider !== provider) continue;
      if (rule.count !== undefined) {
        if (rule.count <= 0) continue;
        rule.count--;
      }
      return rule.mode;
    }
    return undefined;
  }
}
