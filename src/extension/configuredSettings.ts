import * as vscode from 'vscode';
import { SETTING_NAMES, Settings, SettingsError, parseSettings } from './logic/settings';

/**
 * The `forgetlens.*` settings, read through one typed, validated view. Watches
 * onDidChangeConfiguration: a change fires `onDidChange`, and an invalid value is reported at once
 * rather than when an audit starts.
 */
export class ConfiguredSettings implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly watcher: vscode.Disposable;

  constructor() {
    this.watcher = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('forgetlens')) return;
      const problem = this.problem();
      if (problem) void vscode.window.showWarningMessage(`ForgetLens: ${problem}`);
      this.changed.fire();
    });
  }

  /** The settings, or a SettingsError naming each invalid one (thrown before any work starts). */
  current(): Settings {
    const config = vscode.workspace.getConfiguration('forgetlens');
    return parseSettings(Object.fromEntries(SETTING_NAMES.map((name) => [name, config.get(name)])));
  }

  /** For views that must go on showing something: invalid settings fall back to the defaults. */
  currentOrDefaults(): Settings {
    try {
      return this.current();
    } catch {
      return parseSettings({});
    }
  }

  private problem(): string | undefined {
    try {
      this.current();
      return undefined;
    } catch (err) {
      return err instanceof SettingsError ? err.message : String(err);
    }
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
