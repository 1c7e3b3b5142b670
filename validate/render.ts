import { ClaimOutcome, TestRow } from './aggregate';
import { fmt } from './claims/claim';
import { DATASET_TITLES } from './data/sources';
import { EngineVersion } from './engine';
import { ValidationResult } from './runValidation';
import { VERDICT_RULES_TEXT, Verdict, ruleText } from './verdicts';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const VERDICT_WORDS: Record<Verdict, string> = { held: 'Held', 'not held': 'Not held', inconclusive: 'Inconclusive', 'not testable': 'Not testable' };

export function verdictCell(verdict: Verdict): string {
  return `**${VERDICT_WORDS[verdict]}**`;
}

export function intervalCell(row: TestRow): string {
  const { mean, low, high, n } = row.interval;
  return `${fmt(mean, 3)} [${fmt(low, 3)}, ${fmt(high, 3)}] (n = ${n})`;
}

function claimSummary(claims: ClaimOutcome[]): string {
  const rows = claims.map((c) => `| ${c.id} | ${cell(c.claim)} | ${c.perDataset.map((d) => `${d.dataset}: ${VERDICT_WORDS[d.verdict]}`).join('; ')} | ${verdictCell(c.verdict)} |`);
  return ['| # | claim | per dataset | verdict |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** Every test on every dataset, positive or negative, in one format: the interval, the rule, the values, the verdict. */
export function testsTable(claims: ClaimOutcome[]): string {
  const rows: string[] = [];
  for (const c of claims) {
    for (const d of c.perDataset) {
      for (const r of d.rows) {
        const role = r.test.role === 'claim' ? '' : ' *(reference, not in the verdict)*';
        const verdict = r.skipped ? `${verdictCell(r.verdict)} (${r.skipped})` : verdictCell(r.verdict);
        rows.push(`| ${c.id} | ${d.dataset} | ${cell(r.test.label)}${role} | ${intervalCell(r)} | ${ruleText(r.test.rule)} | ${r.values.map((v) => fmt(v, 3)).join(', ')} | ${verdict} |`);
      }
    }
  }
  return ['| # | dataset | statistic | mean [95 % CI] | rule | per seed | verdict |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

function notes(claims: ClaimOutcome[]): string {
  return claims.flatMap((c) => c.perDataset.map((d) => `- **${c.id}, ${d.dataset}**: ${d.notes.map((n) => `seed ${n.seed}: ${n.note}`).join(' · ')}`)).join('\n');
}

function counts(claims: ClaimOutcome[]): string {
  const by = (v: Verdict) => claims.filter((c) => c.verdict === v).map((c) => c.id);
  return (['held', 'not held', 'inconclusive', 'not testable'] as Verdict[]).map((v) => `${VERDICT_WORDS[v]}: ${by(v).join(', ') || 'none'}`).join(' · ');
}

/** One run's section of docs/VALIDATION.md. */
export function renderRun(result: ValidationResult, engine: EngineVersion): string {
  const { config } = result;
  const usedBy = Object.entries(config.datasets).map(([claim, keys]) => `${claim}: ${keys.map((k) => DATASET_TITLES[k]).join(', ') || 'none'}`).join('; ');
  return `## Run ${result.startedAt.slice(0, 16).replace('T', ' ')} UTC · engine ${engine.commit.slice(0, 10)}${engine.dirty ? ' (dirty)' : ''} · \`${config.name}\`

- **Engine**: commit ${engine.commit}${engine.dirty ? ', **dirty** (tracked files differed from it when the run started)' : ', clean'}
- **Configuration**: \`${config.name}\`; seeds ${config.seeds.join(', ')}; datasets per claim group: ${usedBy}
- **Settings**: thorough memorization K = ${config.k}; algorithms ${config.algorithms.join(', ')}; θ_r averaged over ${config.retrainSeeds} retrained model(s); epochs ${config.epochs ?? 'sized from the data by the audit'}; forget-set sizes ${Object.entries(config.forgetSetSize).map(([k, n]) => `${k} ${n}`).join(', ')}; claim 5: ${config.copiesGroup} samples per group, ${config.copiesPerSample} near-copies each; Fashion-MNIST rows ${config.fashionRows}
- **Intervals**: two-sided 95 % Student-t intervals of the mean over the ${config.seeds.length} seeds (each seed redraws the test split, the forget sets and every model's initialisation)
- **Machine**: ${result.machine}; ${result.seconds.toFixed(0)} s wall (${(result.seconds / 60).toFixed(1)} min), ${result.cpuSeconds.toFixed(0)} s CPU; load average at the end ${result.loadAverage.toFixed(1)}
- **Verdicts**: ${counts(result.claims)}

### Claims

${claimSummary(result.claims)}

### Every test

${testsTable(result.claims)}

Rules: ${VERDICT_RULES_TEXT}

<details><summary>Per-seed context (not judged)</summary>

${notes(result.claims)}

</details>

<details><summary>Audit runs (${result.runs.length})</summary>

| run | wall s | CPU s |
| --- | --- | --- |
${result.runs.map((r) => `| ${cell(r.what)} | ${r.seconds.toFixed(1)} | ${r.cpuSeconds.toFixed(1)} |`).join('\n')}

</details>
`;
}

export const STANDALONE_INTRO = '# Validation run\n\nWritten by `npm run validate`; the project\'s history of full runs is docs/VALIDATION.md.';
