import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { pack, unpack } from './packed';
import type { DecodedResult } from './queueRun';

/** Stand-ins for the worker's private file paths inside a simulated deletion's report. */
export const PLACEHOLDERS = { data: '<forgetlens:data-file>', request: '<forgetlens:request-file>', audit: '<forgetlens:audit-file>' } as const;

/** Replace every occurrence of a path inside JSON text (as JSON escapes it) by another. */
export function replacePathInJson(json: string, from: string, to: string): string {
  const escaped = (p: string) => JSON.stringify(p).slice(1, -1);
  return json.split(escaped(from)).join(escaped(to));
}

/** A simulated deletion's result: the forget report as gzipped JSON, and who computed it. */
export function encodeDeletionResult(reportGzip: Buffer, backend: string, workerId: string): Buffer {
  return pack({ backend, workerId }, { report: new Uint8Array(reportGzip.buffer, reportGzip.byteOffset, reportGzip.byteLength) });
}

const Header = z.strictObject({ backend: z.string(), workerId: z.string() });

/** The report's JSON text with the coordinator's own paths put back in. */
export function decodeDeletionResult(body: Buffer, paths: { data: string; request: string; audit?: string }): DecodedResult<string> {
  const { header, arrays } = unpack(body, 'simulated deletion result');
  const h = Header.parse(header);
  if (!(arrays.report instanceof Uint8Array)) throw new Error('malformed simulated deletion result from the queue: no report');
  let json = gunzipSync(arrays.report).toString('utf8');
  json = replacePathInJson(json, PLACEHOLDERS.data, paths.data);
  json = replacePathInJson(json, PLACEHOLDERS.request, paths.request);
  if (paths.audit) json = replacePathInJson(json, PLACEHOLDERS.audit, paths.audit);
  return { value: json, backend: h.backend, workerId: h.workerId };
}
