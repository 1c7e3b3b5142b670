import * as fs from 'node:fs';
import { InputError } from '../errors';

/** A dense row-major matrix read from a .npy or .csv file. */
export interface Matrix {
  rows: number;
  cols: number;
  values: Float32Array;
}

/** Read an N x D float matrix: NumPy .npy (float32/float64, C order, 2-D) or CSV (numbers only; an optional header line). */
export function readMatrixFile(file: string): Matrix {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new InputError(`cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, file);
  }
  return file.toLowerCase().endsWith('.npy') ? readNpy(bytes, file) : readCsvMatrix(bytes.toString('utf8'), file);
}

function readNpy(bytes: Buffer, file: string): Matrix {
  if (bytes.length < 10 || bytes.toString('latin1', 0, 6) !== '\x93NUMPY') throw new InputError('not a NumPy .npy file (no \\x93NUMPY magic)', file);
  const major = bytes[6];
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  const header = bytes.toString('latin1', headerStart, headerStart + headerLength);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*True/.test(header);
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (!shape || shape.length !== 2) throw new InputError(`expected a 2-D array, got shape (${shape?.join(', ') ?? '?'})`, file);
  if (fortran) throw new InputError('the array is in Fortran order; save it with np.ascontiguousarray first', file);
  const [rows, cols] = shape;
  const data = bytes.subarray(headerStart + headerLength);
  const values = new Float32Array(rows * cols);
  const size = descr === '<f4' ? 4 : descr === '<f8' ? 8 : 0;
  if (!size) throw new InputError(`unsupported dtype ${descr ?? '?'}: use float32 or float64 (little-endian)`, file);
  if (data.length < rows * cols * size) throw new InputError(`truncated: shape (${rows}, ${cols}) needs ${rows * cols * size} data bytes, found ${data.length}`, file);
  for (let i = 0; i < values.length; i++) values[i] = size === 4 ? data.readFloatLE(i * 4) : data.readDoubleLE(i * 8);
  return { rows, cols, values };
}

function readCsvMatrix(text: string, file: string): Matrix {
  const lines = text.split(/\r?\n/);
  const out: number[] = [];
  let cols = 0;
  let rows = 0;
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const cells = line.split(/[,;\t]/).map((c) => c.trim());
    const numbers = cells.map(Number);
    if (rows === 0 && cols === 0 && numbers.some((v, j) => !Number.isFinite(v) || cells[j] === '')) {
      if (index === 0) return; // a header line
    }
    const bad = numbers.findIndex((v, j) => !Number.isFinite(v) || cells[j] === '');
    if (bad >= 0) throw new InputError(`value ${bad + 1} "${cells[bad]}" is not a number`, file, index + 1);
    if (cols && numbers.length !== cols) throw new InputError(`${numbers.length} values, but the first row has ${cols}`, file, index + 1);
    cols = numbers.length;
    rows++;
    out.push(...numbers);
  });
  if (!rows) throw new InputError('no rows of numbers', file);
  return { rows, cols, values: Float32Array.from(out) };
}
