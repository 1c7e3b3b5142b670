import type { ForgetSummary, PanelTab, ReportMeta, SampleDetail, SampleRow, WebviewToHost } from '../src/protocol/webview';
import { DEFAULT_VIEW, TableView } from './tableState';

declare function acquireVsCodeApi(): { postMessage(message: WebviewToHost): void; getState(): unknown; setState(state: unknown): void };

export const vscode = acquireVsCodeApi();

export type ColorBy = 'class' | 'verdict';

/** What survives hiding and reloading the panel (getState/setState). */
export interface PersistedState {
  view: TableView;
  selected: string | null;
  tab: PanelTab;
  colorBy: ColorBy;
  /** The dataset the view and selection belong to. */
  dataset: string | null;
}

const saved = (vscode.getState() ?? {}) as Partial<PersistedState>;
export const persisted: PersistedState = {
  view: { ...DEFAULT_VIEW, ...saved.view },
  selected: saved.selected ?? null,
  tab: saved.tab === 'forget' ? 'forget' : 'samples',
  colorBy: saved.colorBy === 'verdict' ? 'verdict' : 'class',
  dataset: saved.dataset ?? null,
};

/** What the host sent for the result on show. */
export const data: {
  meta: ReportMeta | null;
  rows: SampleRow[];
  rowsDone: boolean;
  detail: SampleDetail | null;
  forget: ForgetSummary | null;
  /** A 'select' that arrived before the rows did. */
  pendingSelect: string | null;
} = { meta: null, rows: [], rowsDone: false, detail: null, forget: null, pendingSelect: null };

export function save(): void {
  vscode.setState(persisted);
}

export function num(v: number | null): string {
  return v === null ? '—' : v.toFixed(2);
}
