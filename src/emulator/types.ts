import type { IncomingHttpHeaders } from 'node:http';
import type { ProviderId } from '../core/task';
import type { Clock } from './clock';
import type { FaultInjector } from './faults';

export interface EmulatorRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The Host header as sent (signed APIs sign it). */
  host: string;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON with `content-type: application/json` unless `body` is given. */
  json?: unknown;
  body?: string | Buffer;
  /** Never sent: the region the module served the request for (Tencent, Alibaba, AWS), so a fault rule can match it. */
  region?: string;
}

export interface EmulatorContext {
  clock: Clock;
  /** The scenario chosen at start (`--scenario`): modules read it to seed their state. */
  scenario: string;
  faults: FaultInjector;
}

/** How a client connects to one provider's API on this emulator: printed at start, used by `npm start` and tests. */
export interface EmulatorConnectionInfo {
  provider: ProviderId;
  name: string;
  endpoint: string;
  user: string;
  secret: string;
  region?: string;
  options?: Record<string, string | number | boolean>;
}

/** One provider's API. Modules are tried in order; the first that returns a response owns the request. */
export interface EmulatorModule {
  readonly provider: ProviderId;
  handle(
    req: EmulatorRequest,
    ctx: EmulatorContext,
  ): EmulatorResponse | undefined | Promise<EmulatorResponse | undefined>;
  /** The demo connection for this module, given the emulator's base URL. */
  connectionInfo(baseUrl: string): EmulatorConnectionInfo;
  /** Back to the scenario's starting state (tests call this between cases). */
  reset(ctx: EmulatorContext): void;
}
