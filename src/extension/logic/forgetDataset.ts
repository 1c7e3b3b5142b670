/** An audited dataset the forget-set audit could run against, with the ids its audit holds. */
export interface AuditedDataset {
  datasetPath: string;
  /** The ids its audit holds (a set, or the id → sample map of a loaded audit). */
  ids: { has(id: string): boolean };
}

export type ForgetDatasetChoice =
  | { kind: 'match'; datasetPath: string }
  /** No single audited dataset holds every requested id: the user picks, best matches first. */
  | { kind: 'ask'; candidates: Array<{ datasetPath: string; found: number }> };

/**
 * Which audited dataset a deletion request is about: the one whose audit holds every requested
 * id. When several do (or none does), the user is asked, with the datasets ranked by how many of
 * the requested ids each holds; the active result breaks ties (it is what the user looked at last).
 */
export function chooseForgetDataset(requested: readonly string[], audited: readonly AuditedDataset[], activePath?: string): ForgetDatasetChoice {
  const scored = audited.map((d) => ({ datasetPath: d.datasetPath, found: requested.filter((id) => d.ids.has(id)).length }));
  const complete = scored.filter((d) => requested.length > 0 && d.found === requested.length);
  if (complete.length === 1) return { kind: 'match', datasetPath: complete[0].datasetPath };
  const candidates = (complete.length > 1 ? complete : scored).sort((a, b) => b.found - a.found || Number(b.datasetPath === activePath) - Number(a.datasetPath === activePath) || a.datasetPath.localeCompare(b.datasetPath));
  return { kind: 'ask', candidates };
}
