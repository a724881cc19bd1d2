// Preloaded into a child process by test/bench/hostile.ts: reports the process's peak resident memory at exit.
process.on('exit', () => {
  require('node:fs').writeSync(2, `\nmaxrss-kb ${process.resourceUsage().maxRSS}\n`);
});
