import { Compression } from './compression';
import { DecimalMark, Delimiter } from './delimitedTokenizer';
import { TextEncoding } from './textDecode';

/** How the file was read; written to the report's dataset section so a reader can check the choices. */
export interface ReadingInfo {
  compression: Compression;
  /** Text files only. */
  encoding?: TextEncoding;
  /** CSV/TSV only. */
  delimiter?: Delimiter;
  delimiterSource?: 'forced' | 'sniffed';
  decimalMark?: DecimalMark;
  /** Numeric cells spelled inf/-inf/Infinity, read as missing (and counted in missingValues). */
  infiniteValues: number;
  /** A continuous label binned with --bins: the bin edges (the classes are bin indices). */
  labelBins?: { bins: number; edges: number[] };
  notes: string[];
}
