import type { CommandContext } from '../context';
import { jsonText, taskDetails, taskJson } from '../format';
import { EXIT, type ExitCode } from '../exitCodes';

export async function getCommand(ctx: CommandContext): Promise<ExitCode> {
  const { args } = ctx;
  const source = await ctx.openSource();
  const task = await source.getTask(args.positionals[0], { resultTtlSeconds: args.ttlSeconds, group: args.instance });
  ctx.io.stdout.write(args.json ? `${jsonText(taskJson(task, args.raw))}\n` : `${taskDetails(task, ctx.paint)}\n`);
  return EXIT.ok;
}
