// Name-only, so that code that only classifies paths (the extension) does not bundle the decoders.
export type Compression = 'none' | 'gzip' | 'zstd';

const SUFFIXES: Array<[string, Compression]> = [
  ['.gz', 'gzip'],
  ['.gzip', 'gzip'],
  ['.zst', 'zstd'],
  ['.zstd', 'zstd'],
];

/** The compression a file name announces, and the name without that suffix (data.csv.gz -> data.csv). */
export function compressionOf(name: string): { compression: Compression; inner: string } {
  const lower = name.toLowerCase();
  for (const [suffix, compression] of SUFFIXES) if (lower.endsWith(suffix)) return { compression, inner: lower.slice(0, -suffix.length) };
  return { compression: 'none', inner: lower };
}
