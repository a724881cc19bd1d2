// `redis-tasks`: a thin wrapper that hands process.argv, the environment and the terminal to runCli.
import { createInterface } from 'node:readline';
import { runCli } from './run';
import type { CliIo } from './io';

function readStdinLine(): Promise<string | undefined> {
  return new Promise(resolve => {
    const rl = createInterface({ input: process.stdin, terminal: false });
    let done = false;
    const finish = (line: string | undefined) => {
      if (done) return;
      done = true;
      rl.close();
      process.stdin.pause();
      resolve(line);
    };
    rl.once('line', finish);
    rl.once('close', () => finish(undefined));
  });
}

/** Asks on the terminal (stderr, so stdout stays clean); without echo, typed characters are not shown. */
function prompt(question: string, options: { echo: boolean }): Promise<string> {
  return new Promise(resolve => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    if (!options.echo) {
      // readline writes every keystroke through _writeToOutput; swallowing it hides the secret.
      const r = rl as unknown as { _writeToOutput: (s: string) => void };
      let asked = false;
      r._writeToOutput = (s: string) => {
        if (!asked) {
          process.stderr.write(s);
          asked = true;
        }
      };
    }
    rl.question(question, answer => {
      if (!options.echo) process.stderr.write('\n');
      rl.close();
      resolve(answer);
    });
  });
}

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdinIsTTY: Boolean(process.stdin.isTTY),
  readStdinLine,
  prompt,
};

runCli(process.argv.slice(2), io).then(
  code => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // runCli reports its own errors; reaching here is a bug, still shown without a stack trace.
    process.stderr.write(`redis-tasks: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 7;
  },
);
