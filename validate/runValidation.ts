import * as os from 'node:os';
import { ValidationConfig } from './config';
import { agreementClaim } from './claims/agreement';
import { ClaimSpec, Measurement } from './claims/claim';
import { copiesClaim } from './claims/copies';
import { difficultyClaim } from './claims/difficulty';
import { entanglementTowClaim } from './claims/entanglementTow';
import { memorizationProxyClaim } from './claims/memorizationProxy';
import { memorizationTowClaim } from './claims/memorizationTow';
import { rumClaim } from './claims/rum';
import { ClaimOutcome, judgeClaim } from './aggregate';
import { DatasetKey } from './data/sources';
import { RunRecord, Workbench, cpuSeconds } from './workbench';

export interface ValidationResult {
  config: ValidationConfig;
  claims: ClaimOutcome[];
  startedAt: string;
  seconds: number;
  /** CPU time of the whole run (both cores): what it would take on an idle machine lies between half of it and all of it. */
  cpuSeconds: number;
  /** One-minute load average when the run ended: how busy the machine was. */
  loadAverage: number;
  machine: string;
  runs: RunRecord[];
}

/** The claims in SCIENCE.md order, then ForgetLens's own; within a seed each reuses the audits earlier claims ran. */
export const CLAIMS: ClaimSpec[] = [memorizationProxyClaim, memorizationTowClaim, entanglementTowClaim, rumClaim, copiesClaim, agreementClaim, difficultyClaim];

/** Every claim on each of its datasets once per seed (one workbench per seed, so no audit is shared across seeds), then judged. */
export async function runValidation(config: ValidationConfig): Promise<ValidationResult> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const cpuStarted = cpuSeconds();
  const measured = new Map<string, Measurement[]>();
  const runs: RunRecord[] = [];
  for (const seed of config.seeds) {
    const bench = new Workbench({ ...config, seed });
    try {
      for (const claim of CLAIMS) {
        for (const key of claim.datasets(config)) {
          const id = `${claim.id}/${key}`;
          measured.set(id, [...(measured.get(id) ?? []), await claim.measure(bench, key)]);
        }
      }
      runs.push(...bench.runLog.map((r) => ({ ...r, what: `seed ${seed}: ${r.what}` })));
    } finally {
      bench.dispose();
    }
  }
  const claims = CLAIMS.map((claim) =>
    judgeClaim(
      claim,
      claim.datasets(config).map((key: DatasetKey) => ({ key, seeds: config.seeds, measurements: measured.get(`${claim.id}/${key}`)! })),
    ),
  );
  return { config, claims, startedAt, seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSeconds() - cpuStarted, loadAverage: os.loadavg()[0], machine: describeMachine(), runs };
}

function describeMachine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
}
