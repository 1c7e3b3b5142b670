import type { SampleDetail } from '../src/protocol/webview';

/** The breakdown chart's subtitle: it says what difficulty is for this sample, never more than the report does. */
export function breakdownSubtitle(predictions: SampleDetail['predictions']): string {
  if (!predictions) return 'weighted pressure per factor';
  if (predictions.setsDifficulty) return 'difficulty = the larger calibrated prediction; below, each factor’s weighted pressure';
  return 'predictions not used for the ranking; difficulty = the factor composite';
}
