import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { compressionOf } from '../../core/data/compressionName';
import { LabelChoice, labelChoice, labelChoiceOf } from './labelColumn';

/** Enough decompressed text for any header line a person would make. */
const HEAD_BYTES = 256 * 1024;

/**
 * The label choice of a table file, read from its first line (decompressed first when the name
 * ends in .gz/.zst) or its Parquet schema; undefined for folders and other formats.
 */
export async function datasetLabelChoice(file: string): Promise<LabelChoice | undefined> {
  if (fs.statSync(file).isDirectory()) return undefined;
  const { compression, inner } = compressionOf(path.basename(file));
  if (compression === 'none' && /\.(parquet|pq)$/.test(inner)) return labelChoiceOf(await parquetColumns(file));
  const format = /\.(tsv|tab)$/.test(inner) ? 'tsv' : /\.(jsonl|ndjson)$/.test(inner) ? 'jsonl' : /\.csv$/.test(inner) ? 'csv' : undefined;
  if (!format) return undefined;
  const head = readHead(file);
  const text = compression === 'gzip' ? gunzipHead(head) : compression === 'zstd' ? await unzstdHead(head) : head;
  return labelChoice(text.toString('utf8').split(/\r?\n/, 1)[0], format);
}

function readHead(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    return buffer.subarray(0, fs.readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

// A sync flush decodes a truncated stream as far as it goes instead of failing at its end.
function gunzipHead(head: Buffer): Buffer {
  try {
    return zlib.gunzipSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch {
    // Not gzip after all: the audit itself reports that, with the file's name.
    return Buffer.alloc(0);
  }
}

async function unzstdHead(head: Buffer): Promise<Buffer> {
  const { Decompress } = await import('fzstd');
  const out: Buffer[] = [];
  try {
    new Decompress((data) => out.push(Buffer.from(data))).push(head);
  } catch {
    // As for gzip: a bad file is the audit's to report.
  }
  return Buffer.concat(out);
}

async function parquetColumns(file: string): Promise<string[]> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetSchema } = await import('hyparquet');
  try {
    const schema = parquetSchema(await parquetMetadataAsync(await asyncBufferFromFile(file)));
    return schema.children.map((c) => c.element.name);
  } catch {
    return [];
  }
}
