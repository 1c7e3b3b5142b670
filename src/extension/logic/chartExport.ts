import type { ChartFormat } from '../../protocol/webview';

/** A chart export larger than this is refused (a webview message is untrusted input). */
export const MAX_CHART_BYTES = 20 * 1024 * 1024;
const PNG_DATA_URL = 'data:image/png;base64,';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The bytes to write for a chart the webview exported: SVG markup as UTF-8, or a PNG data URL
 * decoded. Anything that is not what it claims to be is an error, never written.
 */
export function decodeChartExport(format: ChartFormat, data: string): Buffer {
  if (typeof data !== 'string' || data.length > MAX_CHART_BYTES * 1.4) throw new Error('the chart export is too large or not text');
  if (format === 'svg') {
    if (!/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(data)) throw new Error('the chart export is not an SVG document');
    return Buffer.from(data, 'utf8');
  }
  if (format === 'png') {
    if (!data.startsWith(PNG_DATA_URL)) throw new Error('the chart export is not a PNG data URL');
    const bytes = Buffer.from(data.slice(PNG_DATA_URL.length), 'base64');
    if (bytes.length < PNG_SIGNATURE.length || !bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) throw new Error('the chart export is not a PNG image');
    return bytes;
  }
  throw new Error(`unknown chart format ${String(format)}`);
}

/** A file name for the save dialog from a chart name the webview sent: letters, digits, - and _ only. */
export function chartFileName(name: string, format: ChartFormat): string {
  const base = String(name).toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'chart';
  return `forgetlens-${base}.${format}`;
}
