import * as fs from 'node:fs';

const WINE = '/usr/lib/python3/dist-packages/sklearn/datasets/data/wine_data.csv';

/** The global every payload would set if it ever ran. */
export const PWNED_FLAG = '__forgetlensPwned';

/** Ids that would run script if the panel, hover or tree rendered them as HTML or links. */
export const HOSTILE_IDS = [
  `<script>window.${PWNED_FLAG}='id-script'</script>`,
  `<img src=x onerror="window.${PWNED_FLAG}='id-img'">`,
  `javascript:window.${PWNED_FLAG}='id-link'`,
];

const HOSTILE_NOTES = [
  `<script>window.${PWNED_FLAG}='note-script'</script> tasted of oak`,
  `<img src=x onerror="window.${PWNED_FLAG}='note-img'"> deep red colour`,
  `<a href="javascript:window.${PWNED_FLAG}='note-a'">see the label</a> for details`,
  `[open the cellar](javascript:window.${PWNED_FLAG}='note-md') after tasting`,
  `"><svg onload="window.${PWNED_FLAG}='note-svg'"> light and fruity`,
];

const BENIGN_NOTES = ['light and fruity on the nose', 'deep red colour with oak', 'bright acidity and a long finish', 'soft tannins, dark fruit'];

export interface HostileDataset {
  file: string;
  rows: number;
  /** Rows (ids) whose label was changed, so they are hard to forget and get annotations. */
  flipped: string[];
}

/**
 * scikit-learn's wine data (178 rows, 13 measurements, 3 cultivars) as a CSV with an id column
 * and a free-text note column whose cells carry script, event-handler and javascript: payloads.
 * The rows with hostile ids get another label, so they rank high in the panel and are annotated.
 */
export function writeHostileCsv(file: string): HostileDataset {
  const [, ...lines] = fs.readFileSync(WINE, 'utf8').trim().split('\n');
  const hostileAt = new Map([10, 80, 150].map((row, k) => [row, HOSTILE_IDS[k]]));
  const header = ['id', 'note', ...Array.from({ length: 13 }, (_, j) => `m${j}`), 'label'];
  const flipped: string[] = [];
  const rows = lines.map((line, i) => {
    const cells = line.split(',');
    const id = hostileAt.get(i) ?? `w${i + 1}`;
    let label = Number(cells[13]);
    if (hostileAt.has(i)) {
      label = (label + 1) % 3;
      flipped.push(id);
    }
    const note = i % 7 === 0 || hostileAt.has(i) ? HOSTILE_NOTES[i % HOSTILE_NOTES.length] : BENIGN_NOTES[i % BENIGN_NOTES.length];
    return [id, note, ...cells.slice(0, 13), `cultivar_${label}`];
  });
  fs.writeFileSync(file, [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n');
  return { file, rows: rows.length, flipped };
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
