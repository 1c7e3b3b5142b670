import { byteChunks, compressionOf, Compression } from './compression';
import { SniffedBytes, decodeText, sniffBytes, TextEncoding } from './textDecode';

export interface TextSource {
  compression: Compression;
  encoding: TextEncoding;
  note?: string;
  chunks: AsyncGenerator<string>;
}

/** A text file's contents as decoded chunks, decompressed by its extension (.gz, .zst). */
export async function openText(file: string): Promise<TextSource> {
  const { compression } = compressionOf(file);
  const decoded = await decodeText(file, byteChunks(file, compression));
  return { compression, ...decoded };
}

/** A text file's bytes, decompressed, with its encoding sniffed but not yet decoded (readers with a byte-level fast path). */
export async function openBytes(file: string): Promise<SniffedBytes & { compression: Compression }> {
  const { compression } = compressionOf(file);
  return { compression, ...(await sniffBytes(byteChunks(file, compression))) };
}
