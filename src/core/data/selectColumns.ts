import { InputError } from '../errors';

export interface ColumnSelection {
  labelIndex: number;
  /** −1: no id column, ids are 1-based row numbers. */
  idIndex: number;
}

/** Column names taken as the label without asking (the extension asks when none is present). */
export const LABEL_NAMES = ['label', 'target', 'class', 'y'];

/** Label: --label, else a column named label/target/class/y, else the last. Id: --id, else "id", else none. */
export function selectColumns(names: string[], options: { label?: string; id?: string }, file: string): ColumnSelection {
  const lower = names.map((n) => n.toLowerCase());
  const find = (wanted: string, what: string) => {
    const at = names.indexOf(wanted);
    if (at < 0) throw new InputError(`${what} column "${wanted}" is not in the header (columns: ${names.join(', ')})`, file, 1);
    return at;
  };
  const idIndex = options.id !== undefined ? find(options.id, 'id') : lower.indexOf('id');
  const lastNonId = idIndex === names.length - 1 ? names.length - 2 : names.length - 1;
  const labelIndex = options.label !== undefined
    ? find(options.label, 'label')
    : firstFound(LABEL_NAMES.map((n) => lower.indexOf(n))) ?? lastNonId;
  if (idIndex === labelIndex) throw new InputError(`the id column and the label column are the same ("${names[labelIndex]}")`, file, 1);
  if (names.length < 2) throw new InputError('need at least two columns: features and a label', file, 1);
  return { labelIndex, idIndex };
}

function firstFound(indices: number[]): number | undefined {
  return indices.find((i) => i >= 0);
}
