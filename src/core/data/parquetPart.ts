import { TableReadOptions } from './csv';
import { openParquet, readRowGroups } from './parquet';
import { PartResult, PartSetup, PartSlot, failedPart, finishedPart, partBuilder } from './tableParts';

export interface ParquetPartSetup extends PartSetup {
  format: 'parquet';
}

/** One part: row groups [groupStart, groupEnd), whose first row is the block's row `rowStart`. */
export interface ParquetPartJob extends PartSlot {
  groupStart: number;
  groupEnd: number;
}

/** Read one part's row groups through the dense path into its rows of the shared block, as readParquet reads them. */
export async function readParquetPart(setup: ParquetPartSetup, job: ParquetPartJob): Promise<PartResult> {
  const options: TableReadOptions = { label: setup.label, id: setup.id };
  const opened = await openParquet(setup.file, options);
  if (!opened.hp) return { kind: 'fallback', reason: 'feature columns outside the dense path' };
  const { builder, idIndex } = partBuilder(setup, job);
  try {
    await readRowGroups(opened, builder, job.groupStart, job.groupEnd, options);
  } catch (err) {
    return failedPart(err, builder);
  }
  return finishedPart(builder, idIndex, job);
}
