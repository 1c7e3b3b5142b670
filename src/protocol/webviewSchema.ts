import { z } from 'zod';
import type { WebviewToHost } from './webview';

/**
 * What the panel's webview may send. The webview renders dataset text, so its messages are checked
 * like any other input: a message that does not fit is dropped and logged.
 */
const WebviewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('reveal'), id: z.string().min(1) }),
  z.object({ type: z.literal('detail'), id: z.string().min(1) }),
  z.object({
    type: z.literal('exportChart'),
    format: z.enum(['svg', 'png']),
    name: z.string().min(1).max(200),
    data: z.string(),
  }),
  z.object({ type: z.literal('exportReport') }),
  z.object({ type: z.literal('runAudit') }),
]);

export function parseWebviewMessage(message: unknown): WebviewToHost | { invalid: string } {
  const parsed = WebviewToHostSchema.safeParse(message);
  if (parsed.success) return parsed.data;
  return { invalid: `the panel sent an unexpected message (${parsed.error.issues[0].message}): ${JSON.stringify(message)?.slice(0, 200)}` };
}
