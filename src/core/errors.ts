/**
 * Bad input from the user: the CLI maps it to exit code 2 and the extension shows it as is.
 * The message always names the file and, where there is one, the line and column.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: string,
  ) {
    super(formatLocation(file, line, column) + message);
    this.name = 'InputError';
  }
}

/** The user (or the extension) cancelled the job. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

function formatLocation(file?: string, line?: number, column?: string): string {
  if (!file) return '';
  let where = file;
  if (line !== undefined) where += `:${line}`;
  if (column !== undefined) where += ` (column "${column}")`;
  return `${where}: `;
}

/** The job queue (Redis) failed the run: unreachable, refused us, or a job failed there. Not the user's data. */
export class QueueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueError';
  }
}
