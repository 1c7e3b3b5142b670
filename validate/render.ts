import { RULES, Verdict } from './verdicts';
import { ValidationResult } from './runValidation';
import { ClaimResult } from './claims/claim';
import { DATASET_TITLES } from './data/sources';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function bold(verdict: Verdict): string {
  return `**${verdict}**`;
}

/** The results table: one row per claim, the per-dataset measurements in the middle cell. */
export function resultsTable(claims: ClaimResult[]): string {
  const rows = claims.map((c) => {
    const measured = c.perDataset.map((d) => `*${d.dataset}* (${d.verdict}): ${d.measured}`).join('<br>');
    return `| ${c.id} | ${cell(c.claim)} | ${cell(measured)} | ${bold(c.verdict)} |`;
  });
  return ['| # | claim | measured (per dataset) | verdict |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function renderMarkdown(result: ValidationResult): string {
  const { config } = result;
  const held = result.claims.filter((c) => c.verdict === 'held').map((c) => c.id);
  const minutes = (result.seconds / 60).toFixed(1);
  const datasetsUsed = [...new Set(Object.values(config.datasets).flat())];
  return `# Validation: the papers' claims on real data

Regenerate with \`npm run validate\` (this file is written by it; \`npm run validate -- --smoke --out FILE\` runs the tiny CI configuration).
The claims are those of [SCIENCE.md](../../shared/docs/SCIENCE.md) ("Claims a small replication can check", 1–6) plus ForgetLens's own.

- **Date**: ${result.startedAt.slice(0, 19).replace('T', ' ')} UTC
- **Machine**: ${result.machine}
- **Run time**: ${result.seconds.toFixed(0)} s (${minutes} min) wall, ${result.cpuSeconds.toFixed(0)} s CPU (all threads), configuration \`${config.name}\`; load average at the end ${result.loadAverage.toFixed(1)} (other jobs on the machine slow the wall time, not the results)
- **Seeds**: ${config.seed} for everything (data choices, forget sets, models; the audits derive per-model seeds from it)
- **Settings**: thorough memorization with K = ${config.k} subsample models; unlearning algorithms ${config.algorithms.join(', ')}; θ_r averaged over ${config.retrainSeeds} retrained model(s); training epochs ${config.epochs ?? 'sized from the data by the audit (default)'}; the default MLP everywhere
- **Verdicts**: ${result.claims.map((c) => `${c.id}: ${c.verdict}`).join(' · ')} (held: ${held.length ? held.join(', ') : 'none'})

## Results

${resultsTable(result.claims)}

## Rules (written before the first run, not tuned to it)

${result.claims.map((c) => `- **${c.id}**: ${c.rule}`).join('\n')}
- **combined**: ${RULES.combined}

ToW = (1−|a_u(F)−a_r(F)|)·(1−|a_u(R)−a_r(R)|)·(1−|a_u(T)−a_r(T)|), from each forget audit. Residual of a forget sample
for an algorithm = p_u(y|x) − p_r(y|x) (θ_r averaged over the retrained models).

How to read 6 and FL: an algorithm that leaves F where the original model had it (mean |Δp| near 0 in claim 6's
row) has residual p_o(y|x) − p_r(y|x), the gap between the original and the retrained model, the same for every such
algorithm. Claim 6 therefore counts only the algorithms that moved F; FL keeps them all, and for the ones that did not
move, what the difficulty predicts is that gap. All residuals share the −p_r term, which adds some agreement by itself.
The "by > 0.01" counts in claims 2 and 3 are context (differences too small to mean much), not part of the rules.

## Data and forget sets

- Datasets: ${datasetsUsed.map((k) => DATASET_TITLES[k]).join(', ')}. digits = scikit-learn's 1797 8×8 digits (examples/digits.csv); breast cancer = scikit-learn's 569 samples × 30 features (Debian's python3-sklearn); Fashion-MNIST = the first ${config.fashionRows} training images, read with ForgetLens's IDX reader and written back as an IDX pair.
- Nothing is planted for claims 1–4, 6 and FL: the data are used as published. A 10% stratified test split is held out (the audits' own, seed ${config.seed}).
- Claims 2, 4, 6, FL: forget sets chosen by the thorough memorization estimate (ties by its soft version) over the training samples: *low* = drawn at random from the lowest third, *high* = the highest; *mixed* = a third each of low, a random draw from the middle third, and high. Sizes: ${Object.entries(config.forgetSetSize).filter(([k]) => datasetsUsed.includes(k as never)).map(([k, n]) => `${DATASET_TITLES[k as keyof typeof DATASET_TITLES]} ${n}`).join(', ')}.
- Claim 3: three forget sets of the same size: *one-class-core* = the least entangled samples (the audit's per-sample entanglement) of the largest class; *random* = drawn at random over all classes; *boundary* = the most entangled samples. Their set-level ES is measured by each forget audit in its own original model's embedding; the verdict compares the highest- and lowest-ES sets, whatever their names.
- Claim 5: ${config.copiesGroup} random samples get a wrong label and ${config.copiesPerSample} near-copies each (same wrong label, one feature moved by 1–${config.copiesPerSample}% of its range) appended to the data, which stay in R; ${config.copiesGroup} other random samples get a wrong label and no copy. The forget set is both groups.

## Runs

| run | wall s | CPU s |
| --- | --- | --- |
${result.runs.map((r) => `| ${cell(r.what)} | ${r.seconds.toFixed(1)} | ${r.cpuSeconds.toFixed(1)} |`).join('\n')}
`;
}
