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
  for (const d of datasets) {
    const torchRun = settings.torchMissing ? undefined : torchReference(d);
    try {
      // Interleaved, best of two each, so load from other processes hits both alike.
      const torchFirst = torchRun?.throughput(1);
      const wasmFirst = await trainingThroughput(d, 'wasm', false);
      const torchSecond = torchRun?.throughput(1);
      const wasmSecond = await trainingThroughput(d, 'wasm', false);
      const wasm = wasmFirst.samplesPerSecond >= wasmSecond.samplesPerSecond ? wasmFirst : wasmSecond;
      const wasmRecorded = await trainingThroughput(d, 'wasm', true);
      const cpu = await trainingThroughput(d, 'cpu', false, CPU_BACKEND_EPOCHS);
      const torchRate = torchFirst && torchSecond ? Math.max(torchFirst.samplesPerSecond, torchSecond.samplesPerSecond) : undefined;
      const rel = (v: number) => (torchRate ? fixed(v / torchRate, 3) : '–');
      rows.push([d.label, 'ForgetLens, TF.js wasm (best of 2)', String(wasm.epochs), wasm.samplesPerSecond.toFixed(0), rel(wasm.samplesPerSecond)]);
      rows.push([d.label, 'ForgetLens, TF.js wasm, per-sample statistics recorded (the audit\'s original model)', String(wasmRecorded.epochs), wasmRecorded.samplesPerSecond.toFixed(0), rel(wasmRecorded.samplesPerSecond)]);
      rows.push([d.label, 'ForgetLens, TF.js cpu', String(cpu.epochs), cpu.samplesPerSecond.toFixed(0), rel(cpu.samplesPerSecond)]);
      rows.push([d.label, torchFirst ? `PyTorch ${torchFirst.torch}, 1 thread (best of 2)` : `PyTorch: skipped (${settings.torchMissing}; install: ${INSTALL_HINT})`, String(d.train.epochs), torchRate ? torchRate.toFixed(0) : '–', torchRate ? '1' : '–']);
      if (torchRate) {
        const times = torchRate / wasm.samplesPerSecond;
        ratios.push(`${d.label}: ForgetLens (wasm) / PyTorch = ${(wasm.samplesPerSecond / torchRate).toFixed(3)}, i.e. PyTorch is ${times.toFixed(1)}× faster (target ≤ 5×: ${times <= 5 ? 'met' : 'missed'})`);
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
    'Target: ForgetLens within 5× of PyTorch on one core.\n\n' +
    table(['data', 'implementation', 'epochs', 'samples/s', 'ForgetLens / PyTorch'], rows) +
    (ratios.length ? '\n\n' + ratios.map((r) => `- ${r}`).join('\n') : '')
  );
}
