import { byteChunks, compressionOf, Compression } from './compression';
import { decodeText, TextEncoding } from './textDecode';

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
