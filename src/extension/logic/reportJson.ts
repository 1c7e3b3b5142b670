import { yieldToEvents } from './yieldToEvents';

/** Samples parsed (and checked) per step: a 60k report is read in steps of tens of ms instead of one long block. */
export const SAMPLES_PER_STEP = 1000;

// The worker and the CLI write reports with JSON.stringify(report, null, 1): the samples array is
// a top-level key (indent 1) and each sample an element at indent 2. JSON strings hold no raw
// newline, so these markers can only be structure; being ASCII, they never cut a UTF-8 character.
const SAMPLES_START = '\n "samples": [';
const ARRAY_END = '\n ]';
const ELEMENT_END = '\n  },';
const COMMA = 0x2c;

/**
 * JSON.parse of an audit report's bytes, a step of samples at a time with other events run in
 * between (decoding the text too: 70 MB of UTF-8 is itself a long block). Text in any other layout
 * (compact, hand-written) is parsed in one go; either way the result is what JSON.parse gives, and
 * a syntax error is JSON.parse's own.
 */
export async function parseReportBytes(bytes: Buffer, step = SAMPLES_PER_STEP): Promise<unknown> {
  const start = bytes.indexOf(SAMPLES_START);
  const end = start < 0 ? -1 : bytes.indexOf(ARRAY_END, start);
  if (end < 0) return JSON.parse(bytes.toString('utf8'));
  try {
    const bodyStart = start + SAMPLES_START.length;
    const head = JSON.parse(bytes.toString('utf8', 0, bodyStart) + bytes.toString('utf8', end)) as { samples: unknown[] };
    const samples: unknown[] = [];
    for (let from = bodyStart; from < end; ) {
      let to = from;
      for (let n = 0; n < step && to < end; n++) {
        const next = bytes.indexOf(ELEMENT_END, to);
        to = next < 0 || next >= end ? end : next + ELEMENT_END.length - 1;
      }
      const piece = bytes.toString('utf8', bytes[from] === COMMA ? from + 1 : from, to);
      for (const sample of JSON.parse(`[${piece}]`) as unknown[]) samples.push(sample);
      from = to;
      await yieldToEvents();
    }
    head.samples = samples;
    return head;
  } catch {
    // Not the layout it looked like: JSON.parse of the whole text says what is wrong, or parses it.
    return JSON.parse(bytes.toString('utf8'));
  }
}
