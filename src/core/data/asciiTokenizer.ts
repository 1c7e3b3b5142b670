import { DecimalMark, Delimiter, MAX_EXACT_DIGITS, POW10, RecordSink, SMALL_INTS } from './delimitedTokenizer';

/**
 * The fast path of the delimited reader: records straight from the file's bytes, without decoding
 * them to text, for the common case of plain ASCII without quotes. Fields and numbers come out as
 * DelimitedTokenizer gives them. At the first record holding a quote or a byte outside ASCII it
 * stops (push returns false) and hands the rest, from that record's start, to the general path.
 */
export class AsciiTokenizer {
  /** 1-based line where the next record starts. */
  line = 1;
  /** Records passed to the sink so far. */
  records = 0;
  /** After push returned false: the bytes from the start of the record it could not read. */
  leftover: Buffer = Buffer.alloc(0);
  private rest: Buffer = Buffer.alloc(0);
  private readonly cells: string[] = [];
  private numbers: Float64Array = new Float64Array(64);
  private readonly delim: number;
  private readonly mark: number;

  constructor(
    delimiter: Delimiter,
    decimalMark: DecimalMark,
    private readonly sink: RecordSink,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.mark = decimalMark.charCodeAt(0);
  }

  /** Feed the next bytes (`final` on the last, possibly empty, piece); false: the general path must take over from `leftover`. */
  push(bytes: Buffer, final: boolean): boolean {
    const buf = this.rest.length > 0 ? Buffer.concat([this.rest, bytes]) : bytes;
    const end = this.parse(buf, final);
    if (end < 0) {
      this.leftover = buf.subarray(-end - 1);
      return false;
    }
    // A copy: the stream may reuse the chunk's memory.
    this.rest = Buffer.from(buf.subarray(end));
    return true;
  }

  /** Parse every complete record; returns where the first incomplete one starts, or −(start + 1) of one it cannot read. */
  private parse(buf: Buffer, final: boolean): number {
    // Module imports are getters once compiled: read once, not per field.
    const [pow10, smallInts, maxDigits] = [POW10, SMALL_INTS, MAX_EXACT_DIGITS];
    const { delim, mark, cells } = this;
    let numbers = this.numbers;
    const n = buf.length;
    for (let i = 0; i < n; ) {
      const recordStart = i;
      let count = 0;
      let complete = false;
      let endsLine = false;
      for (;;) {
        if (count === numbers.length) numbers = this.grow();
        let j = i;
        let c = j < n ? buf[j] : -1;
        let neg = false;
        if (c === 45 || c === 43) {
          neg = c === 45;
          j++;
        }
        // A plain number is digits, at most one decimal mark, digits: scanned in that order.
        const start = j;
        let mantissa = 0;
        while (j < n && (c = buf[j]) >= 48 && c <= 57) {
          mantissa = mantissa * 10 + (c - 48);
          j++;
        }
        const whole = j - start;
        const seenMark = j < n && buf[j] === mark;
        if (seenMark) j++;
        const fraction = j;
        while (seenMark && j < n && (c = buf[j]) >= 48 && c <= 57) {
          mantissa = mantissa * 10 + (c - 48);
          j++;
        }
        const scale = j - fraction;
        let plain = true;
        for (; j < n; j++) {
          c = buf[j];
          if (c === delim || c === 10 || c === 13) break;
          plain = false;
          if (c === 34 || c >= 128) return -recordStart - 1;
        }
        if (j === n) {
          if (!final) break;
          c = -1;
        }
        const digits = whole + scale;
        const isNumber = plain && digits > 0 && digits <= maxDigits;
        numbers[count] = isNumber ? (neg ? -1 : 1) * (scale ? mantissa / pow10[scale] : mantissa) : NaN;
        if (isNumber && !seenMark && !neg && whole === j - i && whole <= 4 && (whole === 1 || buf[i] !== 48)) cells[count] = smallInts[mantissa];
        else {
          const spelled = buf.toString('latin1', i, j);
          cells[count] = isNumber && seenMark && mark !== 46 ? spelled.replace(',', '.') : spelled;
        }
        count++;
        if (c === delim) {
          i = j + 1;
          continue;
        }
        // End of record: \n, \r\n, a lone \r, or the end of the bytes.
        if (c === 13 && j + 1 < n && buf[j + 1] === 10) j++;
        else if (c === 13 && j + 1 === n && !final) break;
        endsLine = c !== -1;
        i = j + 1;
        complete = true;
        break;
      }
      if (!complete) return recordStart;
      const startLine = this.line;
      if (endsLine) this.line++;
      if (count === 1 && cells[0] === '') continue;
      this.records++;
      this.sink(cells, numbers, count, startLine);
    }
    return n;
  }

  private grow(): Float64Array {
    const bigger = new Float64Array(this.numbers.length * 2);
    bigger.set(this.numbers);
    this.numbers = bigger;
    return bigger;
  }
}
