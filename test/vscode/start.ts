// `npm start`: the demo. Builds, then opens VS Code with this repository as the extension under development and
// REDIS_TASKS_DEMO=1 (the extension then starts its demo emulator and connects to it).
// With VS Code desktop (`code` on PATH) it opens a new window. Without it, it serves a real VS Code in the browser
// (code-server on 127.0.0.1:$PORT, default 8080), installing it first if needed, until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT, codeServerInstalled, startCodeServer } from './codeServer';
import { installFromRepository } from './demoExtension';

const DEMO_ENV = { REDIS_TASKS_DEMO: '1' };

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`\`${command} ${args.join(' ')}\` failed${r.error ? `: ${r.error.message}` : ''}`);
    process.exit(r.status ?? 1);
  }
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<void> {
  run(process.execPath, ['esbuild.mjs']);

  if (onPath('code') && process.env.REDIS_TASKS_VSCODE !== 'code-server') {
    const child = spawn('code', [`--extensionDevelopmentPath=${REPO_ROOT}`, '--new-window'], {
      stdio: 'inherit',
      env: { ...process.env, ...DEMO_ENV },
    });
    child.on('exit', code => process.exit(code ?? 0));
    return;
  }

  if (!codeServerInstalled()) {
    console.log('No VS Code here: installing code-server to serve it in the browser (once, about 4 minutes).');
    run('bash', [path.join(REPO_ROOT, 'test', 'vscode', 'setup.sh')]);
  }
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`PORT must be 1-65535, not ${process.env.PORT}`);
  // Kept between runs (settings, connections); DEMO_PROFILE_DIR gives the end-to-end test one of its own.
  const profileDir = process.env.DEMO_PROFILE_DIR || path.join(REPO_ROOT, '.cache', 'demo-profile');
  installFromRepository(profileDir, REPO_ROOT);
  // REDIS_TASKS_DEMO reaches the extension host through code-server's environment, so the URL carries nothing.
  const server = await startCodeServer({ port, profileDir, env: DEMO_ENV, smokeTestDriver: false }).catch(
    (e: Error) => {
      throw new Error(`${e.message}\nIs port ${port} in use? Choose another with PORT=<port> npm start`);
    },
  );
  const url = server.url;
  console.log(
    [
      '',
      'Redis Task Browser demo is running in VS Code (code-server). Open:',
      '',
      `  ${url}`,
      '',
      'Click the Redis Tasks icon in the activity bar. After `npm run build`, run "Developer: Reload Window".',
      `Press Ctrl+C to stop. (code-server log: ${server.logFile})`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping code-server...');
    void server.stop().then(() => process.exit(code));
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  void server.exited.then(code => {
    if (stopping) return;
    console.error(`code-server stopped by itself (exit code ${code}); see ${server.logFile}`);
    stop(1);
  });
}

main().catch(e => {
  console.error((e as Error).message);
  process.exit(1);
});
