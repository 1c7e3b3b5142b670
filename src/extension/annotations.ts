import * as vscode from 'vscode';
import type { AuditSample } from '../core/report/auditSchema';
import { LineAnnotation, codeLensTitle } from './logic/annotationPlan';
import { difficultyLevel, reasonsInWords } from './logic/reasonText';
import { breakdownLines } from './logic/reportViews';
import type { ConfiguredSettings } from './configuredSettings';
import { ResultsStore } from './resultsStore';

/**
 * End-of-line annotations on the hardest rows of an audited CSV/TSV/JSONL file, a hover with the
 * factor breakdown and a link to the sample in the panel, one CodeLens summary at the top, and
 * (when the setting asks) Problems entries. Edits mark them stale; Clear removes them.
 */
export class Annotations implements vscode.HoverProvider, vscode.CodeLensProvider, vscode.Disposable {
  private readonly decoration: vscode.TextEditorDecorationType;
  private readonly staleDecoration: vscode.TextEditorDecorationType;
  private readonly problems = vscode.languages.createDiagnosticCollection('forgetlens');
  private readonly lensChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensChanged.event;
  private readonly disposables: vscode.Disposable[] = [];
  private cleared = false;

  constructor(
    private readonly store: ResultsStore,
    extensionUri: vscode.Uri,
    private readonly settings: ConfiguredSettings,
  ) {
    // Rows of a CSV are often wider than the editor, so the end-of-line text can be off-screen: a
    // gutter icon and an overview-ruler mark show which rows are flagged without scrolling right.
    const flagged = (text: string, ruler: string, icon: string): vscode.DecorationRenderOptions => ({
      after: { margin: '0 0 0 2em', color: new vscode.ThemeColor(text), fontStyle: 'italic' },
      isWholeLine: true,
      gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', icon),
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor(ruler),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
    });
    this.decoration = vscode.window.createTextEditorDecorationType(flagged('editorCodeLens.foreground', 'editorOverviewRuler.warningForeground', 'gutter-hard.svg'));
    this.staleDecoration = vscode.window.createTextEditorDecorationType(flagged('disabledForeground', 'disabledForeground', 'gutter-stale.svg'));
    const selector: vscode.DocumentSelector = [{ scheme: 'file', pattern: '**/*.{csv,tsv,jsonl,ndjson}' }];
    this.disposables.push(
      vscode.languages.registerHoverProvider(selector, this),
      vscode.languages.registerCodeLensProvider(selector, this),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        this.refresh();
        // A restored result is read when its dataset is first shown; its load event refreshes again.
        for (const editor of editors) void store.ensureFor(editor.document.uri.fsPath);
      }),
      settings.onDidChange(() => this.refresh()),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && store.markStale(e.document.uri.fsPath)),
      store.onDidChange(() => {
        this.cleared = false;
        this.refresh();
      }),
    );
  }

  clear(): void {
    this.cleared = true;
    this.refresh();
  }

  refresh(): void {
    this.lensChanged.fire();
    this.problems.clear();
    for (const editor of vscode.window.visibleTextEditors) {
      const plan = this.cleared ? [] : this.planFor(editor.document);
      const stale = this.store.forFile(editor.document.uri.fsPath)?.stale ?? false;
      const options = plan.map((a) => ({ range: new vscode.Range(a.line, 0, a.line, 0), renderOptions: { after: { contentText: stale ? `${a.text} (stale)` : a.text } } }));
      editor.setDecorations(stale ? this.staleDecoration : this.decoration, options);
      editor.setDecorations(stale ? this.decoration : this.staleDecoration, []);
      if (!stale && this.settings.currentOrDefaults().problems) this.publishProblems(editor.document, plan);
    }
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.cleared ? undefined : this.store.forFile(document.uri.fsPath);
    const found = result?.annotationAt(document.uri.fsPath, this.settings.currentOrDefaults().annotateTopN, position.line);
    return found ? new vscode.Hover(hoverMarkdown(found.sample)) : undefined;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const result = this.cleared ? undefined : this.store.forFile(document.uri.fsPath);
    if (!result) return [];
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: codeLensTitle(result.report, result.stale), command: 'forgetlens.openResults' })];
  }

  private planFor(document: vscode.TextDocument): LineAnnotation[] {
    const result = this.store.forFile(document.uri.fsPath);
    if (!result || this.cleared) return [];
    return result.annotationPlan(document.uri.fsPath, this.settings.currentOrDefaults().annotateTopN);
  }

  private publishProblems(document: vscode.TextDocument, plan: LineAnnotation[]): void {
    this.problems.set(
      document.uri,
      plan.map((a) => {
        const d = new vscode.Diagnostic(new vscode.Range(a.line, 0, a.line, 0), `${difficultyLevel(a.sample.difficulty)} (${a.sample.difficulty.toFixed(2)}): ${reasonsInWords(a.sample)[0]}`, vscode.DiagnosticSeverity.Information);
        d.source = 'ForgetLens';
        return d;
      }),
    );
  }

  dispose(): void {
    this.decoration.dispose();
    this.staleDecoration.dispose();
    this.problems.dispose();
    this.lensChanged.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Dataset text is untrusted: it goes into the hover as escaped text, never as Markdown. */
function hoverMarkdown(sample: AuditSample): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**ForgetLens** — ');
  for (const line of breakdownLines(sample)) {
    md.appendText(line);
    md.appendMarkdown('  \n');
  }
  const args = encodeURIComponent(JSON.stringify([sample.id]));
  md.appendMarkdown(`[Open in ForgetLens panel](command:forgetlens.openSample?${args})`);
  md.isTrusted = { enabledCommands: ['forgetlens.openSample'] };
  return md;
}
