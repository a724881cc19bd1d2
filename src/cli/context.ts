import type { TaskSource } from '../core/source';
import type { CliArgs } from './args';
import type { Paint } from './format';
import type { CliDeps, CliIo } from './io';

/** What every command gets: its arguments, the outside world, and a source opened only when it is needed. */
export interface CommandContext {
  args: CliArgs;
  io: CliIo;
  deps: CliDeps;
  paint: Paint;
  /** Reads the secret and connects; commands call it after their own checks so a refusal costs no request. */
  openSource(): Promise<TaskSource>;
  /** A line on stderr, for notes that must not pollute `--json` on stdout. */
  note(text: string): void;
}
