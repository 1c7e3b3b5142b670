import { InputError } from '../../core/errors';
import { SettingsError } from './settings';
import { OutsideWorkspaceError } from './trustBoundary';

export interface CommandFailure {
  /** One line for the notification, naming the command and what went wrong. */
  message: string;
  /** Everything, for the log (stack included when it is a bug rather than bad input). */
  detail: string;
  /** The user can fix it (bad file, setting, path): no need to read the log. */
  userError: boolean;
}

/** What to tell the user when a command throws, instead of VS Code's generic modal. */
export function describeCommandFailure(commandTitle: string, err: unknown): CommandFailure {
  const text = err instanceof Error ? err.message : String(err);
  const userError = err instanceof InputError || err instanceof SettingsError || err instanceof OutsideWorkspaceError;
  const firstLine = text.split('\n')[0];
  return {
    message: `ForgetLens: ${commandTitle} failed: ${firstLine}`,
    detail: `${commandTitle} failed: ${userError ? text : err instanceof Error && err.stack ? err.stack : text}`,
    userError,
  };
}
