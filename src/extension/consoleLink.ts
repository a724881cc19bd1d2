import type { ConnectionConfig } from '../core/connection';
import type { Task } from '../core/task';
import { providerById } from '../providers/registry';
import { isDemo } from './connections/model';
import { isLoopbackEndpoint } from '../core/loopback';

/** A loopback address is this machine: the emulator, or a tunnel to a self-hosted cluster. */
export const isLoopback = isLoopbackEndpoint;

/**
 * Whether the connection talks to the emulator rather than the real service: its console links would open the real
 * cloud console on ids that do not exist there, or a page the emulator does not serve, so none is offered. A cloud
 * API on this machine can only be the emulator; a self-hosted cluster on loopback may be a tunnel to a real one,
 * whose console the same tunnel reaches, so only the demo flag says so for it.
 */
export function isEmulated(config: ConnectionConfig | undefined): boolean {
  if (!config) return false;
  if (isDemo(config)) return true;
  const selfHosted = providerById(config.provider)?.endpoint.alwaysAskTls ?? false;
  return !selfHosted && isLoopback(config.endpoint);
}

/**
 * The one decision of "Open in Console": the task's own page where the provider links one (a Redis Cloud database,
 * a Tencent or Alibaba instance), else the connection's console; nothing for an emulated connection. The tree's
 * `hasConsole` token and the command both ask this.
 */
export function consoleLink(
  config: ConnectionConfig | undefined,
  task: Pick<Task, 'capabilities'> | undefined,
  connectionUrl: string | undefined,
): string | undefined {
  if (isEmulated(config)) return undefined;
  return task?.capabilities.consoleUrl ?? connectionUrl;
}
