import * as crypto from 'node:crypto';
import * as fs from 'node:fs';

/** sha256 of a file's bytes, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** sha256 over "relative path NUL file sha256" lines of a folder's files, in sorted order. */
export async function sha256Files(root: string, relativePaths: string[]): Promise<string> {
  const hash = crypto.createHash('sha256');
  for (const rel of [...relativePaths].sort()) hash.update(`${rel}\u0000${await sha256File(`${root}/${rel}`)}\n`);
  return hash.digest('hex');
}

/** Short content hash used to find exact duplicate samples. */
export function contentHash(content: string | Uint8Array): string {
  return crypto.createHash('sha1').update(content).digest('hex').slice(0, 20);
}
