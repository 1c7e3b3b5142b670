import { ProgressEvent } from '../core/progress';

const LOG_EVERY_MS = 2000;

/**
 * Progress on stderr: a redrawn bar on a terminal; otherwise (CI logs, a coordinator in a pod) a
 * line per phase and a line when a phase's message changes, at most every few seconds. stdout
 * stays clean for the results.
 */
export function createProgressPrinter(stream: NodeJS.WriteStream = process.stderr): { update(e: ProgressEvent): void; done(): void } {
  const interactive = Boolean(stream.isTTY);
  let lastPhase = '';
  let lastDraw = 0;
  let lastMessage = '';
  return {
    update(event) {
      if (!interactive) {
        const now = Date.now();
        if (event.phase !== lastPhase) stream.write(`forgetlens: ${event.phase}…\n`);
        else if (event.message && event.message !== lastMessage && (event.fraction >= 1 || now - lastDraw >= LOG_EVERY_MS)) {
          stream.write(`forgetlens: ${event.phase}: ${event.message}\n`);
          lastMessage = event.message;
          lastDraw = now;
        }
        lastPhase = event.phase;
        return;
      }
      const now = Date.now();
      if (event.phase === lastPhase && now - lastDraw < 100 && event.fraction < 1) return;
      lastPhase = event.phase;
      lastDraw = now;
      const width = 28;
      const filled = Math.round(event.fraction * width);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      const label = `${event.phase}${event.message ? ` (${event.message})` : ''}`;
      stream.write(`\r\x1b[2K${bar} ${String(Math.round(event.fraction * 100)).padStart(3)}%  ${label}`);
    },
    done() {
      if (interactive && lastPhase) stream.write('\r\x1b[2K');
    },
  };
}
