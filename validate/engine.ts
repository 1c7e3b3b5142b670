import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/** The engine commit a run measured, and whether tracked files differed from it when the run started. */
export interface EngineVersion {
  commit: string;
  dirty: boolean;
}

export function engineVersion(root = path.join(__dirname, '..')): EngineVersion {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  try {
    // The history file itself changes with every run; it is not part of the engine.
    const changed = git('status', '--porcelain', '--untracked-files=no').split('\n').filter((line) => line && !line.endsWith('docs/VALIDATION.md'));
    return { commit: git('rev-parse', 'HEAD'), dirty: changed.length > 0 };
  } catch (err) {
    throw new Error(`validate: cannot read the engine commit with git in ${root}: ${(err as Error).message}`, { cause: err });
  }
}
