// What the extension host pays for a 60k audit: activation, loading the report, the first hover.
// "Before" is the path the host used to take (synchronous read + parse + check of every indexed
// report at activation, rows, badges and the annotation plan re-derived per event and per hover);
// "after" is LoadedAudit built by ResultsStore's asynchronous load.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditReport, validateAuditReport } from '../src/core/report/auditSchema';
import { writeFileAtomic } from '../src/core/util/atomicWrite';
import { planLineAnnotations } from '../src/extension/logic/annotationPlan';
import { LoadedAudit } from '../src/extension/logic/loadedAudit';
import { readResultFiles } from '../src/extension/logic/readResult';
import { MODERATE_FROM } from '../src/extension/logic/reasonText';
import { toRows } from '../src/extension/logic/reportViews';
import { checkIndexEntries, parseIndex } from '../src/extension/logic/resultIndex';
import { resolveSampleSources } from '../src/extension/logic/trustBoundary';
import { table } from './format';

const TOP_N = 50;
const CSV_NAME = 'fashion-mnist_train.csv';

export interface ExtensionLoadTimes {
  rows: number;
  megabytes: number;
  before: { activation: number; activationCpu: number; firstHover: number; nextHover: number; panelRows: number };
  after: { activation: number; load: number; longestBlock: number; longestBlockCpu: number; firstHover: number; nextHover: number; panelRows: number };
}

const timed = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const value = work();
  return [value, performance.now() - start];
};

/**
 * The Fashion-MNIST audit as if it came from the Kaggle CSV layout (one row per line, header on
 * line 1), so hovers have lines to land on; written to `scratch` with an index.json naming it.
 */
function csvLayout(auditFile: string, scratch: string): { datasetPath: string; dir: string; indexFile: string } {
  const report = JSON.parse(fs.readFileSync(auditFile, 'utf8')) as AuditReport;
  const dir = path.join(scratch, '.forgetlens', 'fashion');
  for (const sample of report.samples) sample.source = { file: CSV_NAME, line: Number(sample.id) + 1 };
  report.dataset.format = 'csv';
  fs.mkdirSync(dir, { recursive: true });
  writeFileAtomic(path.join(dir, 'audit.json'), JSON.stringify(report, null, 1));
  const datasetPath = path.join(scratch, CSV_NAME);
  fs.writeFileSync(datasetPath, '');
  const indexFile = path.join(scratch, '.forgetlens', 'index.json');
  writeFileAtomic(indexFile, JSON.stringify({ [datasetPath]: { dir } }));
  return { datasetPath, dir, indexFile };
}

/** The line of the hardest sample: the one a user hovers first. */
const hoverLine = (report: AuditReport) => report.samples[0].source.line! - 1;

function before(datasetPath: string, dir: string): ExtensionLoadTimes['before'] {
  const file = path.join(dir, 'audit.json');
  const cpuBefore = process.cpuUsage();
  const [report, activation] = timed(() => {
    const r = validateAuditReport(JSON.parse(fs.readFileSync(file, 'utf8')));
    resolveSampleSources(r.samples, datasetPath, file);
    return r;
  });
  const cpu = process.cpuUsage(cpuBefore);
  const activationCpu = (cpu.user + cpu.system) / 1000;
  const [, panelRows] = timed(() => toRows(report, null));
  const hover = () => planLineAnnotations(report, path.dirname(datasetPath), datasetPath, TOP_N, null).find((a) => a.line === hoverLine(report));
  // The image badges were rebuilt on every store event too; for a table they find nothing.
  const [, firstHover] = timed(() => (report.samples.filter((s) => s.source.line === undefined && s.difficulty >= MODERATE_FROM), hover()));
  const [, nextHover] = timed(hover);
  return { activation, activationCpu, firstHover, nextHover, panelRows };
}

/**
 * The longest stretch the event loop could not run a 1 ms timer while `work` ran: in wall time,
 * and in this process's CPU time (which other processes on a loaded machine do not inflate).
 */
async function longestBlock<T>(work: () => Promise<T>): Promise<[T, number, { wall: number; cpu: number }]> {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const longest = { wall: 0, cpu: 0 };
  const tick = () => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    longest.wall = Math.max(longest.wall, now - last);
    longest.cpu = Math.max(longest.cpu, (cpu.user + cpu.system) / 1000);
    last = now;
    lastCpu = process.cpuUsage();
  };
  const timer = setInterval(tick, 1);
  const start = performance.now();
  const value = await work();
  const total = performance.now() - start;
  clearInterval(timer);
  tick();
  return [value, total, longest];
}

async function after(datasetPath: string, dir: string, indexFile: string): Promise<ExtensionLoadTimes['after']> {
  const [, activation] = timed(() => checkIndexEntries(parseIndex(fs.readFileSync(indexFile, 'utf8'), indexFile), path.dirname(path.dirname(indexFile)), [path.dirname(datasetPath)]));
  const [audit, load, block] = await longestBlock(async () => {
    const { report, forget } = await readResultFiles(dir);
    await new Promise((resolve) => setImmediate(resolve));
    const sources = resolveSampleSources(report.samples, datasetPath, path.join(dir, 'audit.json'));
    await new Promise((resolve) => setImmediate(resolve));
    return await LoadedAudit.build({ datasetPath, dir, report, forget, sources, isFolder: false });
  });
  const line = hoverLine(audit.report);
  const [found, firstHover] = timed(() => audit.annotationAt(datasetPath, TOP_N, line));
  if (!found) throw new Error('bench: the hardest sample has no annotation; the CSV layout is wrong');
  const [, nextHover] = timed(() => audit.annotationAt(datasetPath, TOP_N, line));
  const [, panelRows] = timed(() => audit.rows.length);
  return { activation, load, longestBlock: block.wall, longestBlockCpu: block.cpu, firstHover, nextHover, panelRows };
}

export async function measureExtensionLoad(auditFile: string, scratch: string): Promise<ExtensionLoadTimes> {
  const { datasetPath, dir, indexFile } = csvLayout(auditFile, scratch);
  const b = before(datasetPath, dir);
  const a = await after(datasetPath, dir, indexFile);
  const report = validateAuditReport(JSON.parse(fs.readFileSync(path.join(dir, 'audit.json'), 'utf8')));
  return { rows: report.samples.length, megabytes: fs.statSync(path.join(dir, 'audit.json')).size / 2 ** 20, before: b, after: a };
}

export function extensionLoadSection(t: ExtensionLoadTimes): string {
  const ms = (v: number) => v.toFixed(v < 10 ? 2 : 0);
  return (
    `## Extension host: activation and first hover on a ${t.rows / 1000}k audit\n\n` +
    `The Fashion-MNIST fast audit (${t.megabytes.toFixed(0)} MB of audit.json) laid out as the Kaggle CSV, so every sample has a line; one result in the index; top ${TOP_N} rows annotated. ` +
    'Before: activation read, parsed and checked every indexed report synchronously, and each hover re-derived the annotation plan from all samples. ' +
    'After: activation reads only index.json; the report is read when a dataset file or the panel is first shown, asynchronously, into one LoadedAudit (id → sample, file → lines, panel rows, badges), and a plan is computed once per file. ' +
    '"longest block" is the longest time a 1 ms timer could not run during that load, in wall time and in the CPU time of the process (the bench machine is shared, so wall time includes waiting for a core); before, the whole load is one block. ' +
    `Milliseconds, one run (\`node --import tsx bench/extensionLoad.ts [audit.json]\`), load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores.\n\n` +
    table(
      ['', 'activation ms', 'report load ms', 'longest block ms (wall / CPU)', 'first hover ms', 'next hover ms', 'panel rows ms'],
      [
        ['before', ms(t.before.activation), '(in activation)', `${ms(t.before.activation)} / ${ms(t.before.activationCpu)}`, ms(t.before.firstHover), ms(t.before.nextHover), ms(t.before.panelRows)],
        ['after', ms(t.after.activation), ms(t.after.load), `${ms(t.after.longestBlock)} / ${ms(t.after.longestBlockCpu)}`, ms(t.after.firstHover), ms(t.after.nextHover), ms(t.after.panelRows)],
      ],
    )
  );
}
