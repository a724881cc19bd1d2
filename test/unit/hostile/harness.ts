import * as assert from 'node:assert/strict';
import type { ConnectionConfig } from '../../../src/core/connection';
import { ProviderError } from '../../../src/core/errors';
import type { TaskSource } from '../../../src/core/source';
import type { ProviderId } from '../../../src/core/task';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import type { FaultMode } from '../../../src/emulator/faults';
import { createModule as redisEnterprise, type RedisEnterpriseEmulator } from '../../../src/emulator/redis-enterprise';
import { createModule as redisCloud } from '../../../src/emulator/redis-cloud';
import { createModule as tencent } from '../../../src/emulator/tencent';
import { createModule as alibaba } from '../../../src/emulator/alibaba';
import type { EmulatorConnectionInfo } from '../../../src/emulator/types';
import { createSource } from '../../../src/providers';
import type { SourceDeps } from '../../../src/providers/factory';
import type { RequestLogEntry } from '../../../src/http/client';

// Tests talk to 127.0.0.1 only: a proxy from the environment would swallow the requests.
for (const v of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY']) delete process.env[v];

export const PROVIDERS: readonly ProviderId[] = ['redis-enterprise', 'redis-cloud', 'tencent', 'alibaba'];

/**
 * Everything a person could read, from every run in this folder: error messages, log entries, CLI output. A root
 * `after` hook searches all of it for the test secrets once every test has run.
 */
export const evidence: { label: string; text: string }[] = [];
const secrets = new Set<string>();

export function record(label: string, text: string): void {
  evidence.push({ label, text });
}

/** The forms a secret could leak in: as is, and inside an HTTP basic credential. */
export function secretForms(info: EmulatorConnectionInfo): string[] {
  const forms = [info.secret];
  if (info.provider === 'redis-enterprise') forms.push(Buffer.from(`${info.user}:${info.secret}`).toString('base64'));
  return forms;
}

after(function () {
  const leaks: string[] = [];
  for (const { label, text } of evidence) {
    for (const s of secrets) if (text.includes(s)) leaks.push(`${label}: ${text.slice(0, 200)}`);
  }
  assert.ok(secrets.size >= 5, 'the test secrets were registered');
  assert.ok(evidence.length > 0, 'something was collected');
  assert.deepEqual(leaks, [], `a secret leaked into ${leaks.length} collected texts`);
});

export interface Harness {
  emu: RunningEmulator;
  re: RedisEnterpriseEmulator;
  info(provider: ProviderId): EmulatorConnectionInfo;
  /** A source pinned to the emulator's current certificate; its log lines go into the evidence. */
  source(provider: ProviderId, deps?: Partial<SourceDeps>, id?: string): TaskSource;
  /** Shifts the real time Alibaba's signature check compares with (its clock skew). */
  setAlibabaSkewMs(ms: number): void;
  fault(mode: FaultMode, provider: ProviderId, pathPrefix?: string): void;
  close(): Promise<void>;
}

export async function startHarness(scenario = 'demo'): Promise<Harness> {
  let aliSkewMs = 0;
  const re = redisEnterprise();
  const emu = await startEmulator({
    modules: [re, redisCloud(), tencent(), alibaba({ realNow: () => Date.now() + aliSkewMs })],
    clock: 'manual',
    scenario,
  });
  const sources: TaskSource[] = [];
  const infos = () => emu.connections();
  for (const i of infos()) for (const f of secretForms(i)) secrets.add(f);
  const info = (provider: ProviderId) => {
    const i = infos().find(c => c.provider === provider);
    assert.ok(i, `the emulator serves ${provider}`);
    return i;
  };
  return {
    emu,
    re,
    info,
    source(provider, deps = {}, id = provider) {
      const i = info(provider);
      const config: ConnectionConfig = {
        id,
        name: i.name,
        provider,
        endpoint: i.endpoint,
        user: i.user,
        region: i.region,
        options: i.options,
        tls: { mode: 'pinned', fingerprint256: emu.certificate!.fingerprint256 },
      };
      const log = (e: RequestLogEntry) => record(`log ${provider}`, JSON.stringify(e));
      // Retry pauses are injected: a fault test proves the outcome, not that real time passed.
      const s = createSource(config, { secret: i.secret }, { log, sleep: async () => undefined, ...deps });
      sources.push(s);
      return s;
    },
    setAlibabaSkewMs(ms) {
      aliSkewMs = ms;
    },
    fault(mode, provider, pathPrefix) {
      emu.context.faults.set([{ mode, provider, pathPrefix }]);
    },
    async close() {
      await Promise.all(sources.map(s => s.close().catch(() => undefined)));
      await emu.close();
    },
  };
}

/** The promise rejects with a ProviderError of this kind, readable by a person; the error goes into the evidence. */
export async function expectProviderError(
  p: Promise<unknown>,
  kind: ProviderError['kind'] | ProviderError['kind'][],
  label: string,
): Promise<ProviderError> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught !== undefined, `${label}: expected a failure, got an answer`);
  assert.ok(caught instanceof ProviderError, `${label}: expected a ProviderError, got ${String(caught)}`);
  record(`error ${label}`, `${caught.message} | ${caught.describe()} | ${String(caught.code)}`);
  const kinds = Array.isArray(kind) ? kind : [kind];
  assert.ok(
    kinds.includes(caught.kind),
    `${label}: kind ${caught.kind}, expected ${kinds.join('/')}: ${caught.message}`,
  );
  assertReadable(caught.message, label);
  return caught;
}

/** One or two sentences a person can act on: no stack trace, no HTML page, no control characters, bounded length. */
export function assertReadable(message: string, label: string): void {
  assert.ok(message.trim().length > 10, `${label}: the message says something: ${JSON.stringify(message)}`);
  assert.ok(message.length < 600, `${label}: the message is short (${message.length} chars)`);
  assert.doesNotMatch(message, /\n\s+at /, `${label}: no stack trace`);
  assert.doesNotMatch(message, /<html|<body|<!doctype/i, `${label}: no HTML page dumped`);
  assert.doesNotMatch(message, /undefined|\[object Object\]/, `${label}: no placeholder leaked: ${message}`);
}
