import { yieldToEvents } from './yieldToEvents';

/** Samples parsed (and checked) per step: a 60k report is read in steps of tens of ms instead of one long block. */
export const SAMPLES_PER_STEP = 2000;

// The worker and the CLI write reports with JSON.stringify(report, null, 1): the samples array is
// a top-level key (indent 1) and each sample an element at indent 2. JSON strings hold no raw
// newline, so these markers can only be structure.
const SAMPLES_START = '\n "samples": [';
const ARRAY_END = '\n ]';
const ELEMENT_END = '\n  },';

/**
 * JSON.parse of an audit report's text, a step of samples at a time with other events run in
 * between. Text in any other layout (compact, hand-written) is parsed in one go; either way the
 * result is what JSON.parse gives, and a syntax error is JSON.parse's own.
 */
export async function parseReportText(text: string, step = SAMPLES_PER_STEP): Promise<unknown> {
  const start = text.indexOf(SAMPLES_START);
  const end = start < 0 ? -1 : text.indexOf(ARRAY_END, start);
  if (end < 0) return JSON.parse(text);
  try {
    const head = JSON.parse(text.slice(0, start + SAMPLES_START.length) + text.slice(end)) as { samples: unknown[] };
    const body = text.slice(start + SAMPLES_START.length, end);
    const samples: unknown[] = [];
    for (let from = 0; from < body.length; ) {
      let to = from;
      for (let n = 0; n < step && to < body.length; n++) {
        const next = body.indexOf(ELEMENT_END, to);
        to = next < 0 ? body.length : next + ELEMENT_END.length - 1;
      }
      const piece = body.slice(body[from] === ',' ? from + 1 : from, to);
      for (const sample of JSON.parse(`[${piece}]`) as unknown[]) samples.push(sample);
      from = to;
      await yieldToEvents();
    }
    head.samples = samples;
    return head;
  } catch {
    // Not the layout it looked like: JSON.parse of the whole text says what is wrong, or parses it.
    return JSON.parse(text);
  }
}
