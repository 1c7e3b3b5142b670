import { ForgetReport } from '../../src/core/forget/schema';
import { DatasetKey } from '../data/sources';
import { memorizationSets } from '../forgetSets';
import { Workbench } from '../workbench';

/** The mixed forget set (a third each of low, middle and high memorization), audited once with RUM; claims 4, 6 and 7 read it. */
export async function mixedForgetAudit(bench: Workbench, key: DatasetKey): Promise<ForgetReport> {
  const audit = await bench.thoroughAudit(key);
  const { mixed } = memorizationSets(audit, bench.config.forgetSetSize[key], bench.config.seed);
  return bench.forgetAudit(bench.dataset(key), mixed.name, mixed.ids, { rum: true });
}
