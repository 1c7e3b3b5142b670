import { Page } from 'playwright-core';
import { CspMonitor } from './security';
import { Workspace } from './workspace';

/** What every scenario gets: the browser page on the workbench and this run's files. */
export interface E2EContext {
  page: Page;
  workspace: Workspace;
  /** This run's extensions folder: its workers are told apart from other runs' by it. */
  extensionsDir: string;
  csp: CspMonitor;
  /** Save an extra screenshot under this run's artifacts (the final state is saved anyway). */
  screenshot(name: string): Promise<void>;
}

export interface Scenario {
  name: string;
  /** Upper bound for a stuck scenario; the run goes on with the next one. */
  timeoutMs: number;
  run(ctx: E2EContext): Promise<void>;
}
