import { sha256File, sha256Files } from '../../core/data/hash';
import { idxImagesPath } from '../../core/data/idx';
import { listImageFolder } from '../../core/data/imageFolder';
import { detectFormat } from '../../core/data/detectFormat';

/**
 * The dataset's content hash, computed as the audit computes `dataset.sha256` (without reading the
 * samples): a result is stale exactly when this differs from the one it recorded.
 */
export async function datasetHash(datasetPath: string): Promise<string> {
  switch (detectFormat(datasetPath)) {
    case 'images':
      return sha256Files(datasetPath, listImageFolder(datasetPath).map((f) => f.relative));
    case 'idx':
      return sha256File(idxImagesPath(datasetPath));
    default:
      return sha256File(datasetPath);
  }
}
