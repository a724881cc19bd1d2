import type { CommandContext } from '../context';
import { EXIT, type ExitCode } from '../exitCodes';
import { UsageError } from '../usageError';
import { terminalLine } from '../format';

/** Shows the certificate a server presents, so the user can check it and pin it with --fingerprint. */
export async function fingerprintCommand(ctx: CommandContext): Promise<ExitCode> {
  const { args, io, deps } = ctx;
  if (!args.endpoint)
    throw new UsageError('fingerprint needs --endpoint https://host:port (or REDIS_TASKS_ENDPOINT).', 'fingerprint');
  if (!args.endpoint.startsWith('https:'))
    throw new UsageError('fingerprint needs an https:// endpoint: plain HTTP has no certificate.', 'fingerprint');
  const info = await deps.probeCertificate(args.endpoint, args.timeoutMs);
  if (args.json) {
    io.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
    return EXIT.ok;
  }
  // Every field is the server's text, shown exactly where the person decides whether to trust it: one line each,
  // so a subject with a line break cannot forge a "Trusted by the system CAs" line.
  const fp = terminalLine(info.fingerprint256);
  io.stdout.write(`${fp}\n`);
  io.stderr.write(
    [
      `Subject:  ${terminalLine(info.subject)}`,
      `Issuer:   ${terminalLine(info.issuer)}`,
      `Valid to: ${terminalLine(info.validTo)}`,
      info.trusted
        ? 'Trusted by the system CAs: no pin is needed.'
        : `Not trusted by the system CAs (${terminalLine(info.authorizationError ?? 'unknown reason')}). If this is your server's certificate, ` +
          `pin it: --fingerprint ${fp}`,
    ].join('\n') + '\n',
  );
  return EXIT.ok;
}
