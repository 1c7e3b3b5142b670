import { InputError } from '../errors';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin-1';

export interface DecodedText {
  encoding: TextEncoding;
  /** Set when the encoding was a fallback the user should know about. */
  note?: string;
  chunks: AsyncGenerator<string>;
}

/**
 * Decode a byte stream: a UTF-8 or UTF-16 byte-order mark decides; without one the text is UTF-8
 * if its first chunk (about 1 MB) is valid UTF-8, else Latin-1 (ISO-8859-1), and the fallback is
 * reported. A file that starts as valid UTF-8 and breaks later is an error naming the line.
 */
export async function decodeText(file: string, bytes: AsyncGenerator<Buffer>): Promise<DecodedText> {
  const first = await bytes.next();
  const head = first.done ? Buffer.alloc(0) : first.value;
  const { encoding, bomLength, note } = sniffEncoding(head);
  return { encoding, note, chunks: decodeAll(file, encoding, head.subarray(bomLength), bytes) };
}

function sniffEncoding(head: Buffer): { encoding: TextEncoding; bomLength: number; note?: string } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    const line = lineOfFirstInvalidUtf8(head);
    return { encoding: 'latin-1', bomLength: 0, note: `not valid UTF-8 (first at line ${line}): read as Latin-1 (ISO-8859-1)` };
  }
}

async function* decodeAll(file: string, encoding: TextEncoding, head: Buffer, rest: AsyncGenerator<Buffer>): AsyncGenerator<string> {
  if (encoding === 'latin-1') {
    yield head.toString('latin1');
    for await (const chunk of rest) yield chunk.toString('latin1');
    return;
  }
  const decoder = new TextDecoder(encoding, { fatal: true });
  let linesBefore = 0;
  const decode = (chunk: Buffer, final: boolean): string => {
    try {
      const text = decoder.decode(chunk, { stream: !final });
      linesBefore += countLines(text);
      return text;
    } catch {
      const line = encoding === 'utf-8' ? linesBefore + lineOfFirstInvalidUtf8(chunk) : linesBefore + 1;
      throw new InputError(`not valid ${encoding.toUpperCase()} text (the start of the file was); save it as UTF-8`, file, line);
    }
  };
  yield decode(head, false);
  for await (const chunk of rest) yield decode(chunk, false);
  const tail = decode(Buffer.alloc(0), true);
  if (tail) yield tail;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** 1-based line, within this buffer, of its first byte sequence that is not UTF-8. */
function lineOfFirstInvalidUtf8(bytes: Buffer): number {
  let line = 1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return line;
    if (i + need >= bytes.length) return line; // cut at the chunk end: counted where it starts
    for (let k = 1; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return line;
    if (b === 0x0a) line++;
    i += need + 1;
  }
  return line;
}
