/**
 * Faults a test can switch on for requests that match: how a broken or hostile server behaves. Applied by the server
 * after the module has checked the request (so auth still works) and before (or instead of) the module's answer.
 * Modes marked "provider-shaped" answer in the claiming provider's own error format (see `src/emulator/hostile.ts`).
 */
export type FaultMode =
  | 'status-500'
  | 'status-502'
  | 'status-503'
  | 'reset' // destroy the socket without an answer
  | 'hang' // never answer
  | 'trickle' // answer one byte at a time, slowly
  | 'truncated-json'
  | 'wrong-content-type'
  | 'huge-body' // 50 MB
  | 'throttle' // provider-shaped: RE/Cloud 429, Tencent RequestLimitExceeded, Alibaba Throttling.User
  | 'unauthorized' // provider-shaped: credentials refused after having worked
  | 'clock-skew' // provider-shaped: Tencent AuthFailure.SignatureExpire, Alibaba InvalidTimeStamp.Expired
  | 'echo-credentials' // provider-shaped error whose message repeats the request's credentials and signature
  | 'hostile'; // the normal answer with HTML, scripts and terminal escapes in every string, an unknown status, odd fields

export const FAULT_MODES: readonly FaultMode[] = [
  'status-500',
  'status-502',
  'status-503',
  'reset',
  'hang',
  'trickle',
  'truncated-json',
  'wrong-content-type',
  'huge-body',
  'throttle',
  'unauthorized',
  'clock-skew',
  'echo-credentials',
  'hostile',
];

export interface FaultRule {
  mode: FaultMode;
  /** Only requests whose path starts with this. */
  pathPrefix?: string;
  /** Only this provider's module (matched by the module that claims the request). */
  provider?: string;
  /** Only requests for this region, as the module read it (Tencent's X-TC-Region, Alibaba's RegionId, AWS's SigV4 scope). */
  region?: string;
  /** How many matching requests it applies to; unlimited when absent. */
  count?: number;
}

export class FaultInjector {
  private rules: FaultRule[] = [];

  set(rules: FaultRule[]): void {
    // Rules arrive over HTTP from scripts: refuse what is not a rule instead of failing later on a request.
    if (!Array.isArray(rules))
      throw new TypeError('Faults must be a JSON array of {mode, pathPrefix?, provider?, region?, count?}.');
    for (const r of rules) {
      if (!r || typeof r !== 'object' || !FAULT_MODES.includes(r.mode)) {
        throw new TypeError(
          `Unknown fault mode ${JSON.stringify((r as FaultRule | undefined)?.mode)}; known: ${FAULT_MODES.join(', ')}.`,
        );
      }
    }
    this.rules = rules.map(r => ({ ...r }));
  }

  /** Adds rules in front of the current ones (the newest rule wins for a request both match). */
  add(rules: FaultRule[]): void {
    const current = this.rules;
    this.set(rules);
    this.rules.push(...current);
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, consuming one use of a counted rule. */
  take(path: string, provider: string | undefined, region?: string): FaultMode | undefined {
    for (const rule of this.rules) {
      if (rule.pathPrefix && !path.startsWith(rule.pathPrefix)) continue;
      if (rule.provider && rule.provider !== provider) continue;
      if (rule.region && rule.region !== region) continue;
      if (rule.count !== undefined) {
        if (rule.count <= 0) continue;
        rule.count--;
      }
      return rule.mode;
    }
    return undefined;
  }
}
