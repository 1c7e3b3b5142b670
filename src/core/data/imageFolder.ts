import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

export interface ImageFile {
  /** Relative to the root, forward slashes: the sample id. */
  relative: string;
  label: string;
}

/** root/<class>/<file>.(png|jpg|jpeg), sorted; hidden files and other files ignored. */
export function listImageFolder(root: string): ImageFile[] {
  const files: ImageFile[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    for (const file of fs.readdirSync(path.join(root, entry.name)).sort()) {
      if (file.startsWith('.') || !IMAGE_EXTENSIONS.has(path.extname(file).toLowerCase())) continue;
      files.push({ relative: `${entry.name}/${file}`, label: entry.name });
    }
  }
  const classes = new Set(files.map((f) => f.label));
  if (classes.size < 2) {
    throw new InputError(`an image dataset needs at least two class folders with images (root/<class>/<image>.png|jpg); found ${classes.size}`, root);
  }
  return files;
}
