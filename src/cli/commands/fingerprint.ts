import type { CommandContext } from '../context';
import { EXIT, type ExitCode } from '../exitCodes';
import { UsageError } from '../usageError';

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
  io.stdout.write(`${info.fingerprint256}\n`);
  io.stderr.write(
    [
      `Subject:  ${info.subject}`,
      `Issuer:   ${info.issuer}`,
      `Valid to: ${info.validTo}`,
      info.trusted
        ? 'Trusted by the system CAs: no pin is needed.'
        : `Not trusted by the system CAs (${info.authorizationError ?? 'unknown reason'}). If this is your server's certificate, ` +
          `pin it: --fingerprint ${info.fingerprint256}`,
    ].join('\n') + '\n',
  );
  return EXIT.ok;
}
