import * as fs from 'node:fs';
import { sha256File, sha256Files } from '../../core/data/hash';
import { listImageFolder } from '../../core/data/imageFolder';

/** The dataset's content hash, computed as the audit computes `dataset.sha256`. */
export async function datasetHash(datasetPath: string): Promise<string> {
  return fs.statSync(datasetPath).isDirectory() ? sha256Files(datasetPath, listImageFolder(datasetPath).map((f) => f.relative)) : sha256File(datasetPath);
}
