import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Write a file so that readers see either the old content or the whole new content, never a
 * partial file: write a temporary sibling, flush it, then rename over the target.
 */
export function writeFileAtomic(target: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = fs.openSync(temp, 'w');
    try {
      if (typeof content === 'string') fs.writeSync(fd, content);
      else fs.writeSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}
