import { ProviderError } from '../../core/errors';
import type { CommandContext } from '../context';
import { EXIT, type ExitCode } from '../exitCodes';
import { UsageError } from '../usageError';
import { terminalLine } from '../format';
import type { TaskSource } from '../../core/source';
import { descriptorOf } from '../../providers/registry';

const FORCE_RISK =
  'A forced cancel stops the task even in its commit phase. This can break the Active-Active database (CRDB) in ' +
  'the cluster configuration store (CCS), which may then need manual repair.';

/** Sends the cancel once: the HTTP layer never retries a POST, and neither does this. */
export async function cancelCommand(ctx: CommandContext): Promise<ExitCode> {
  const { args, io } = ctx;
  const id = args.positionals[0];
  if (args.force && !args.yesIKnow) {
    if (!io.stdinIsTTY) {
      throw new UsageError(
        `Refusing --force without confirmation. ${FORCE_RISK} Add --yes-i-know to proceed anyway.`,
        'cancel',
      );
    }
    io.stderr.write(`WARNING: ${FORCE_RISK}\n`);
    const typed = await io.prompt(`Type the task id (${id}) to force its cancel: `, { echo: true });
    if (typed.trim() !== id) throw new UsageError('The typed id does not match; nothing was sent.', 'cancel');
  }
  const source = await ctx.openSource();
  if (!source.cancelTask) {
    throw new ProviderError('unsupported', `${source.provider} has no API to cancel a task.`);
  }
  await refuseWhatCannotBeCanceled(ctx, source, id);
  try {
    await source.cancelTask(id, { force: args.force });
  } catch (e) {
    if (e instanceof ProviderError && e.kind === 'not-cancelable' && !args.force) {
      ctx.note(
        `hint: the task may be in its commit phase. "redis-tasks cancel ${id} --force" cancels it anyway, at a risk: ${FORCE_RISK}`,
      );
    }
    throw e;
  }
  const what = args.force ? 'Forced cancel' : 'Cancel';
  if (args.json) io.stdout.write(`${JSON.stringify({ id, cancel: 'requested', force: args.force })}\n`);
  else {
    const shown = terminalLine(id);
    io.stdout.write(`${what} requested for task ${shown}. Run "redis-tasks get ${shown}" to follow it.\n`);
  }
  return EXIT.ok;
}

/**
 * Only some kinds of task can be canceled (on Redis Enterprise, Active-Active tasks): asking first (a read) turns the
 * server's answer to a cancel of anything else ("no longer exists") into the reason. A task the read cannot find is
 * left to the cancel itself, which says so in the provider's words.
 */
async function refuseWhatCannotBeCanceled(ctx: CommandContext, source: TaskSource, id: string): Promise<void> {
  const d = descriptorOf(ctx.args.provider);
  if (!d.cli.cancels) return;
  const task = await source.getTask(id, { group: ctx.args.instance }).catch((e: unknown) => {
    if (e instanceof ProviderError && e.kind === 'not-found') return undefined;
    throw e;
  });
  if (!task || d.cli.cancels.kinds.includes(task.kind)) return;
  throw new ProviderError(
    'unsupported',
    `Task ${terminalLine(id)} is a ${task.kind}: ${d.label} can cancel ${d.cli.cancels.what} only.`,
  );
}
