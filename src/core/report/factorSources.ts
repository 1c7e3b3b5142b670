import { OutputSources } from '../audit/externalOutputs';

/** Which factors each source of model outputs drives (see computeFactors and instanceFactors). */
export function factorSources(sources: OutputSources & { trainingRun: string | null; memorization: string }): Array<{ factors: string[]; source: string }> {
  const out = [
    { factors: ['loss', 'margin', 'gradNorm', 'predictedLabel'], source: sources.predictions },
    { factors: ['entanglement', 'entanglementKnnShare', 'similarCount (embedding threshold)'], source: sources.embeddings },
    { factors: ['similarCount (input threshold)', 'exactDuplicates', 'labelDisagreement'], source: 'the dataset\'s encoded inputs' },
    { factors: ['memorization'], source: sources.memorization },
  ];
  if (sources.trainingRun) {
    out.push({ factors: ['confidence', 'fractionCorrect', 'forgettingEvents', 'firstLearnedEpoch', 'variability', 'cumulativeGradNormSq'], source: sources.trainingRun });
  }
  return out;
}
