import type { CommandContext } from '../context';
import { taskDetails, taskJson } from '../format';
import { EXIT, type ExitCode } from '../exitCodes';

export async function getCommand(ctx: CommandContext): Promise<ExitCode> {
  const { args } = ctx;
  const source = await ctx.openSource();
  const task = await source.getTask(args.positionals[0], { resultTtlSeconds: args.ttlSeconds, group: args.instance });
  ctx.io.stdout.write(
    args.json ? `${JSON.stringify(taskJson(task, args.raw), null, 2)}\n` : `${taskDetails(task, ctx.paint)}\n`,
  );
  return EXIT.ok;
}
