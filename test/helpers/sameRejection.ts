import assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors';

/** Every read rejects with an InputError, all with the same message; returns it. */
export async function sameInputError(reads: Array<() => Promise<unknown>>): Promise<string> {
  const messages: string[] = [];
  for (const read of reads) {
    await assert.rejects(read(), (err: unknown) => {
      assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
      messages.push(err.message);
      return true;
    });
  }
  for (const message of messages) assert.equal(message, messages[0]);
  return messages[0];
}
