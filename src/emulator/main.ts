// `npm run emulator`: every emulated API on one local HTTPS server, printing how to connect.
import { startEmulator, type RunningEmulator } from './server';
import { allModules } from './modules';

export { startEmulator, allModules };
export type { RunningEmulator };

interface Args {
  port: number;
  scenario: string;
  http: boolean;
  host: string;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { port: 0, scenario: 'demo', http: false, host: '127.0.0.1', json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a.startsWith('--port')) args.port = Number(value());
    else if (a.startsWith('--scenario')) args.scenario = value();
    else if (a.startsWith('--host')) args.host = value();
    else if (a === '--http') args.http = true;
    else if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'Usage: npm run emulator -- [--port N] [--scenario demo] [--http] [--host 127.0.0.1] [--json]\n',
      );
      process.exit(0);
    } else throw new Error(`Unknown option ${a}`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error('--port must be 0-65535');
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const emulator = await startEmulator({
    modules: allModules(),
    port: args.port,
    host: args.host,
    http: args.http,
    scenario: args.scenario,
  });
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ url: emulator.url, fingerprint256: emulator.certificate?.fingerprint256, connections: emulator.connections() })}\n`,
    );
  } else {
    const lines = [
      `Redis Task Browser emulator listening on ${emulator.url} (scenario "${args.scenario}")`,
      emulator.certificate
        ? `Certificate SHA-256 fingerprint: ${emulator.certificate.fingerprint256}`
        : 'Plain HTTP (no TLS)',
      '',
      'Demo connections (these credentials only work here):',
      ...emulator
        .connections()
        .map(
          c =>
            `  ${c.provider.padEnd(17)} endpoint ${c.endpoint}  user ${c.user}  secret ${c.secret}${c.region ? `  region ${c.region}` : ''}`,
        ),
      '',
      'Press Ctrl+C to stop.',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch(e => {
    process.stderr.write(`emulator: ${(e as Error).message}\n`);
    process.exit(2);
  });
}
