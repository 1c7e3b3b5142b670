import * as vscode from 'vscode';
import type { Annotations } from './annotations';
import type { ConfiguredSettings } from './configuredSettings';
import type { JobRunner } from './jobRunner';
import type { ResultsStore } from './resultsStore';

/** What commands and views share, built once in activate(). */
export interface ExtensionContext {
  extensionUri: vscode.Uri;
  workspaceRoot: string;
  store: ResultsStore;
  jobs: JobRunner;
  annotations: Annotations;
  log: vscode.LogOutputChannel;
  settings: ConfiguredSettings;
}
