import type { TaskStatus } from '../../core/task';

/** `TaskStateUpdate.status` (OpenAPI enum) to our status. Anything else is `unknown`, its word kept in `providerStatus`. */
export const STATUS_MAP: Readonly<Record<string, TaskStatus>> = {
  initialized: 'pending',
  received: 'pending',
  'processing-in-progress': 'running',
  'processing-completed': 'succeeded',
  'processing-error': 'failed',
};

export function mapStatus(status: string): TaskStatus {
  return Object.prototype.hasOwnProperty.call(STATUS_MAP, status) ? STATUS_MAP[status] : 'unknown';
}

/** The provider words that map to each of our statuses (to explain a filter). */
export function providerStatusesFor(status: TaskStatus): string[] {
  return Object.entries(STATUS_MAP)
    .filter(([, s]) => s === status)
    .map(([word]) => word);
}
