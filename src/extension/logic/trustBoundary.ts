import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Paths read from `.forgetlens/` come from files a cloned repository can ship, so each is checked
 * before use: it must lie inside one of the allowed roots once symlinks are resolved.
 */
export class OutsideWorkspaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutsideWorkspaceError';
  }
}

/** `child` is `parent` or below it (both absolute, already resolved). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The real path of `p`, symlinks resolved. A path that does not exist yet resolves through its
 * nearest existing ancestor, so a link to outside cannot hide behind a missing last part.
 */
export function realPath(p: string): string {
  const absolute = path.resolve(p);
  let existing = absolute;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  return path.join(fs.realpathSync.native(existing), ...rest);
}

/** The real path of `p` if it is inside one of `roots` (also resolved); otherwise an error naming both. */
export function requireInside(p: string, roots: readonly string[], what: string): string {
  const real = realPath(p);
  if (roots.some((root) => isInside(real, realPath(root)))) return real;
  const where = roots.length === 0 ? 'no workspace folder is open' : `it is outside ${roots.length === 1 ? 'the workspace folder' : 'every workspace folder'} (${roots.join(', ')})`;
  throw new OutsideWorkspaceError(`${what} ${p}${real !== path.resolve(p) ? ` (really ${real})` : ''} is refused: ${where}`);
}

export interface SampleSource {
  id: string;
  source: { file: string };
}

/**
 * Every sample's source resolved against the report's base folder (the dataset's parent), each
 * required inside the dataset: the file itself for a table, the folder for an image dataset.
 * Returns id → real path. Real paths are cached per folder and per file, so a 60k-row CSV costs one lookup.
 */
export function resolveSampleSources(samples: readonly SampleSource[], datasetPath: string, reportFile: string): Map<string, string> {
  const datasetReal = realPath(datasetPath);
  const baseDir = path.dirname(path.resolve(datasetPath));
  const realDirs = new Map<string, string>();
  // Samples of a table or an IDX file all name the same file: look each distinct name up once.
  const realFiles = new Map<string, string>();
  const realOf = (file: string): string => {
    let real = realFiles.get(file);
    if (real === undefined) realFiles.set(file, (real = lookUp(file)));
    return real;
  };
  const lookUp = (file: string): string => {
    const absolute = path.resolve(baseDir, file);
    const dir = path.dirname(absolute);
    let realDir = realDirs.get(dir);
    if (realDir === undefined) realDirs.set(dir, (realDir = realPath(dir)));
    const joined = path.join(realDir, path.basename(absolute));
    return fs.existsSync(joined) && fs.lstatSync(joined).isSymbolicLink() ? realPath(joined) : joined;
  };
  const out = new Map<string, string>();
  for (const sample of samples) {
    const real = realOf(sample.source.file);
    if (!isInside(real, datasetReal)) {
      throw new OutsideWorkspaceError(`${reportFile}: sample "${sample.id}" points at ${sample.source.file}${real !== path.resolve(baseDir, sample.source.file) ? ` (really ${real})` : ''}, outside its dataset ${datasetPath}; the result is refused`);
    }
    out.set(sample.id, real);
  }
  return out;
}
