import * as os from 'node:os';
import { ValidationConfig } from './config';
import { agreementClaim } from './claims/agreement';
import { ClaimResult } from './claims/claim';
import { copiesClaim } from './claims/copies';
import { difficultyClaim } from './claims/difficulty';
import { entanglementTowClaim } from './claims/entanglementTow';
import { memorizationProxyClaim } from './claims/memorizationProxy';
import { memorizationTowClaim } from './claims/memorizationTow';
import { rumClaim } from './claims/rum';
import { RunRecord, Workbench, cpuSeconds } from './workbench';

export interface ValidationResult {
  config: ValidationConfig;
  claims: ClaimResult[];
  startedAt: string;
  seconds: number;
  /** CPU time of the whole run (both cores): what it would take on an idle machine lies between half of it and all of it. */
  cpuSeconds: number;
  /** One-minute load average when the run ended: how busy the machine was. */
  loadAverage: number;
  machine: string;
  runs: RunRecord[];
}

/** The claims in SCIENCE.md order, then ForgetLens's own; each reuses the audits earlier claims ran. */
const CLAIMS = [memorizationProxyClaim, memorizationTowClaim, entanglementTowClaim, rumClaim, copiesClaim, agreementClaim, difficultyClaim];

export async function runValidation(config: ValidationConfig): Promise<ValidationResult> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const cpuStarted = cpuSeconds();
  const bench = new Workbench(config);
  try {
    const claims: ClaimResult[] = [];
    for (const claim of CLAIMS) claims.push(await claim(bench));
    return { config, claims, startedAt, seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSeconds() - cpuStarted, loadAverage: os.loadavg()[0], machine: describeMachine(), runs: bench.runLog };
  } finally {
    bench.dispose();
  }
}

function describeMachine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
}
