/** A mistake on the command line: exit code 2 and a one-line message, never a stack trace. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
