// The emulator in its own process, so that its CPU time is never counted as the client's (2 cores: one each).
// Argument: the scenario. Prints one JSON line with the URL and the demo connections, then serves until killed.
import { startEmulator } from '../../src/emulator/server';
import { createModule as redisEnterprise } from '../../src/emulator/redis-enterprise';
import { createModule as redisCloud } from '../../src/emulator/redis-cloud';
import { createModule as tencent } from '../../src/emulator/tencent';
import { createModule as alibaba } from '../../src/emulator/alibaba';
import type { EmulatorModule } from '../../src/emulator/types';

async function main(): Promise<void> {
  const scenario = process.argv[2] ?? 'demo';
  const scale = /^scale:(\d+)$/.exec(scenario);
  const modules = [
    redisEnterprise(),
    redisCloud(),
    tencent(),
    // Alibaba has no `scale:N` scenario; its bulk option gives the first instance N finished tasks.
    alibaba(scale ? { bulkTasks: Number(scale[1]) } : {}),
  ].filter((m): m is EmulatorModule => m !== undefined);
  const emu = await startEmulator({ modules, http: true, clock: 'manual', scenario });
  process.stdout.write(`${JSON.stringify({ url: emu.url, connections: emu.connections() })}\n`);
  const stop = () => {
    void emu.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
}

main().catch(e => {
  process.stderr.write(`bench emulator: ${(e as Error).stack}\n`);
  process.exit(2);
});
