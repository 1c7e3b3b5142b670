import { ProgressEvent } from '../core/progress';

/**
 * Progress on stderr: a redrawn bar on a terminal, one line per phase otherwise (CI logs),
 * so stdout stays clean for the results.
 */
export function createProgressPrinter(stream: NodeJS.WriteStream = process.stderr): { update(e: ProgressEvent): void; done(): void } {
  const interactive = Boolean(stream.isTTY);
  let lastPhase = '';
  let lastDraw = 0;
  return {
    update(event) {
      if (!interactive) {
        if (event.phase !== lastPhase) stream.write(`forgetlens: ${event.phase}…\n`);
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
