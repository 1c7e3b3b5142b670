// The data sets of the near-duplicate benches, and planted pairs as dataset indices.
import * as path from 'node:path';
import { Dataset } from '../src/core/data/dataset';
import { PlantedPair } from '../test/helpers/plantedScore';

export const FASHION_TEST = '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz';

export type PlantedIndices = { type: string; s: number; c: number };

/** Planted folder pairs (named by file stem) as indices of `dataset` (which names samples by relative path). */
export function fashionPlanted(dataset: Dataset, pairs: PlantedPair[]): PlantedIndices[] {
  const stem = (id: string) => path.basename(id).replace(/\.(png|jpg)$/, '');
  const index = new Map(dataset.ids.map((id, i) => [stem(id), i]));
  return pairs.map((p) => ({ type: p.type, s: index.get(p.source)!, c: index.get(p.copy)! }));
}
