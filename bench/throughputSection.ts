import { BenchData } from './benchData';
import { fixed, table } from './format';
import type { BenchSettings } from './run';
import { trainingThroughput } from './trainingThroughput';
import { INSTALL_HINT, torchReference } from './torchReference';

/** The cpu backend is ~25x slower than wasm: a few epochs give its rate without minutes of waiting. */
const CPU_BACKEND_EPOCHS = 1;

/**
 * Training throughput of the default MLP per TF.js backend and in PyTorch on one thread, on the
 * same rows with the same architecture, optimiser, batch size and schedule.
 */
export async function throughputSection(datasets: BenchData[], settings: BenchSettings): Promise<string> {
  const rows: string[][] = [];
  const ratios: string[] = [];
  const best = <T extends { samplesPerCpuSecond: number }>(a: T, b: T) => (a.samplesPerCpuSecond >= b.samplesPerCpuSecond ? a : b);
  for (const d of datasets) {
    const torchRun = settings.torchMissing ? undefined : torchReference(d);
    try {
      // Interleaved, best of two each, so load from other processes hits both alike.
      const torchFirst = torchRun?.throughput(1);
      const wasmFirst = await trainingThroughput(d, 'wasm', false);
      const torchSecond = torchRun?.throughput(1);
      const wasm = best(wasmFirst, await trainingThroughput(d, 'wasm', false));
      const wasmRecorded = await trainingThroughput(d, 'wasm', true);
      const cpu = await trainingThroughput(d, 'cpu', false, CPU_BACKEND_EPOCHS);
      const torch = torchFirst && torchSecond ? best(torchFirst, torchSecond) : undefined;
      const rel = (v: number) => (torch ? fixed(v / torch.samplesPerCpuSecond, 3) : '–');
      const row = (name: string, r: { epochs: number; samplesPerCpuSecond: number; samplesPerSecond: number }) =>
        rows.push([d.label, name, String(r.epochs), r.samplesPerCpuSecond.toFixed(0), r.samplesPerSecond.toFixed(0), rel(r.samplesPerCpuSecond)]);
      row('ForgetLens, TF.js wasm (best of 2)', wasm);
      row("ForgetLens, TF.js wasm, per-sample statistics recorded (the audit's original model)", wasmRecorded);
      row('ForgetLens, TF.js cpu', cpu);
      if (torch) row(`PyTorch ${torch.torch}, 1 thread (best of 2)`, { ...torch, epochs: d.train.epochs });
      else rows.push([d.label, `PyTorch: skipped (${settings.torchMissing}; install: ${INSTALL_HINT})`, '–', '–', '–', '–']);
      if (torch) {
        const times = torch.samplesPerCpuSecond / wasm.samplesPerCpuSecond;
        ratios.push(`${d.label}: ForgetLens (wasm) / PyTorch = ${(1 / times).toFixed(3)}, i.e. PyTorch is ${times.toFixed(1)}× faster per core (target ≤ 5×: ${times <= 5 ? 'met' : 'missed'})`);
      }
      console.log(rows.slice(-4).map((r) => r.join('  ')).join('\n'));
    } finally {
      torchRun?.dispose();
    }
  }
  return (
    '## Training throughput of the default MLP, one core\n\n' +
    'Samples per second on the training rows, same architecture, initialisation, optimiser (Adam, ε 1e-7), batch size and schedule, side by side in one run. ' +
    `PyTorch is pinned to one thread (torch.set_num_threads(1)); the wasm backend is single-threaded. The cpu backend runs ${CPU_BACKEND_EPOCHS} epoch only (it is slow). ` +
    '"per CPU-second" divides by the CPU time the training used (what one core does when nothing else shares it); "per wall-second" by elapsed time, which other processes on the machine inflate. ' +
    'The ratio uses CPU time. Target: ForgetLens within 5× of PyTorch on one core.\n\n' +
    table(['data', 'implementation', 'epochs', 'samples per CPU-second', 'samples per wall-second', 'ForgetLens / PyTorch'], rows) +
    (ratios.length ? '\n\n' + ratios.map((r) => `- ${r}`).join('\n') : '')
  );
}
