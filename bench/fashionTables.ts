// Kaggle-style Fashion-MNIST tables built from Debian's IDX files: label first, then pixel1..pixel784.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { FASHION } from './benchData';

function idx(file: string): Buffer {
  return zlib.gunzipSync(fs.readFileSync(file));
}

function fashionArrays(): { labels: Buffer; pixels: Buffer; count: number; width: number } {
  const images = idx(FASHION);
  const labels = idx(FASHION.replace('images-idx3', 'labels-idx1'));
  const count = images.readUInt32BE(4);
  const width = images.readUInt32BE(8) * images.readUInt32BE(12);
  return { labels: labels.subarray(8), pixels: images.subarray(16), count, width };
}

/** The CSV as Kaggle ships it (about 133 MB for the 60k training images). */
export function writeFashionCsv(file: string): void {
  const { labels, pixels, count, width } = fashionArrays();
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, ['label', ...Array.from({ length: width }, (_, j) => `pixel${j + 1}`)].join(',') + '\n');
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(`${labels[i]},${Array.from(pixels.subarray(i * width, (i + 1) * width)).join(',')}`);
    if (lines.length === 1000 || i === count - 1) fs.writeSync(out, lines.splice(0).join('\n') + '\n');
  }
  fs.closeSync(out);
}

/** The same table as Parquet: INT32 label and pixel columns (snappy pages, row groups of 10k). */
export async function writeFashionParquet(file: string): Promise<void> {
  const { parquetWriteFile } = await import('hyparquet-writer');
  const { labels, pixels, count, width } = fashionArrays();
  const columnData = [{ name: 'label', data: Int32Array.from(labels.subarray(0, count)), type: 'INT32' }];
  for (let j = 0; j < width; j++) {
    const column = new Int32Array(count);
    for (let i = 0; i < count; i++) column[i] = pixels[i * width + j];
    columnData.push({ name: `pixel${j + 1}`, data: column, type: 'INT32' });
  }
  parquetWriteFile({ filename: file, columnData, rowGroupSize: 10_000 } as never);
}
