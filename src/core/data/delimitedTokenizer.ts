import { InputError } from '../errors';

export type Delimiter = ',' | ';' | '\t' | '|';
export type DecimalMark = '.' | ',';

/** Receives each record: its fields, their values where a field is a plain number (else NaN), its first line. */
export type RecordSink = (cells: string[], numbers: Float64Array, count: number, line: number) => void;

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);
/** Interned strings for small whole numbers: pixel and count columns then allocate nothing per cell. */
const SMALL_INTS = Array.from({ length: 10000 }, (_, k) => String(k));
const MAX_EXACT_DIGITS = 15;

/**
 * A streaming CSV/TSV tokenizer written for speed: fields that are plain decimal numbers are
 * converted while scanning (exact: at most 15 digits, divided once by a power of ten), so numeric
 * files need no per-cell string parsing. Quotes follow RFC 4180 ("" inside quotes, newlines
 * allowed); a record's line is the line where it starts; blank lines are skipped.
 */
export class DelimitedTokenizer {
  private rest = '';
  private line = 1;
  private cells: string[] = [];
  private numbers = new Float64Array(64);
  private readonly delim: number;
  private readonly mark: number;
  private readonly kind: string;

  constructor(
    private readonly file: string,
    delimiter: Delimiter,
    decimalMark: DecimalMark,
    private readonly sink: RecordSink,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.mark = decimalMark.charCodeAt(0);
    this.kind = delimiter === '\t' ? 'TSV' : 'CSV';
  }

  /** Feed the next piece of text; `final` on the last one. */
  push(text: string, final: boolean): void {
    const buf = this.rest ? this.rest + text : text;
    const end = this.records(buf, final);
    this.rest = buf.slice(end);
    if (final && this.rest.length > 0) throw new InputError(`not valid ${this.kind}: a quoted field is never closed`, this.file, this.line);
  }

  /** Parse every complete record of buf; returns where the first incomplete one starts. */
  private records(buf: string, final: boolean): number {
    const n = buf.length;
    const delim = this.delim;
    const mark = this.mark;
    const cells = this.cells;
    let numbers = this.numbers;
    let i = 0;
    while (i < n) {
      const recordStart = i;
      const startLine = this.line;
      let count = 0;
      let complete = false;
      for (;;) {
        if (count === numbers.length) {
          this.grow();
          numbers = this.numbers;
        }
        let j = i;
        let c = j < n ? buf.charCodeAt(j) : -1;
        if (c === 34) {
          j = this.quoted(buf, i, final, count);
          if (j < 0) break;
          c = j < n ? buf.charCodeAt(j) : -1;
          if (c !== delim && c !== 10 && c !== 13 && c !== -1) {
            throw new InputError(`not valid ${this.kind}: text after the closing quote of field ${count + 1}`, this.file, this.line);
          }
        } else {
          let neg = false;
          if (c === 45 || c === 43) {
            neg = c === 45;
            j++;
          }
          let mantissa = 0;
          let digits = 0;
          let scale = 0;
          let seenMark = false;
          let plain = true;
          for (; j < n; j++) {
            c = buf.charCodeAt(j);
            if (c === delim || c === 10 || c === 13) break;
            if (c >= 48 && c <= 57) {
              mantissa = mantissa * 10 + (c - 48);
              digits++;
              if (seenMark) scale++;
            } else if (c === mark && !seenMark) seenMark = true;
            else plain = false;
          }
          if (j === n) c = -1;
          if (j === n && !final) break;
          const number = plain && digits > 0 && digits <= MAX_EXACT_DIGITS;
          numbers[count] = number ? (neg ? -1 : 1) * (scale ? mantissa / POW10[scale] : mantissa) : NaN;
          cells[count] =
            number && !seenMark && !neg && digits === j - i && digits <= 4 && (digits === 1 || buf.charCodeAt(i) !== 48)
              ? SMALL_INTS[mantissa]
              : number && seenMark && mark !== 46
                ? buf.slice(i, j).replace(',', '.')
                : buf.slice(i, j);
        }
        count++;
        if (c === delim) {
          i = j + 1;
          continue;
        }
        // End of record: \n, \r\n, a lone \r, or the end of the text.
        if (c === 13 && j + 1 < n && buf.charCodeAt(j + 1) === 10) j++;
        else if (c === 13 && j + 1 === n && !final) break;
        if (c !== -1) this.line++;
        i = j + 1;
        complete = true;
        break;
      }
      if (!complete) {
        this.line = startLine;
        return recordStart;
      }
      if (count === 1 && cells[0] === '') continue;
      this.sink(cells, numbers, count, startLine);
    }
    return n;
  }

  /** A quoted field from the quote at `i`: stores it and returns the index after its closing quote, or −1 if it is cut off. */
  private quoted(buf: string, i: number, final: boolean, count: number): number {
    let value = '';
    let from = i + 1;
    for (;;) {
      const close = buf.indexOf('"', from);
      if (close < 0 || (close + 1 === buf.length && !final)) return -1;
      value += buf.slice(from, close);
      if (buf.charCodeAt(close + 1) === 34) {
        value += '"';
        from = close + 2;
        continue;
      }
      for (let k = buf.indexOf('\n', i); k >= 0 && k < close; k = buf.indexOf('\n', k + 1)) this.line++;
      this.cells[count] = value;
      this.numbers[count] = NaN;
      return close + 1;
    }
  }

  private grow(): void {
    const bigger = new Float64Array(this.numbers.length * 2);
    bigger.set(this.numbers);
    this.numbers = bigger;
  }
}
