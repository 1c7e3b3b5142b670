// Where bench/neardupCache.ts keeps the cached similarity stages (not committed).
import * as os from 'node:os';
import * as path from 'node:path';

export const CACHE_ROOT = process.env.NEARDUP_CACHE ?? path.join(os.tmpdir(), 'neardup-cache');
