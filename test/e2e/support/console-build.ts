import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './paths.ts';

export interface ConsoleBuild {
  dir: string;
  remove(): Promise<void>;
}

/**
 * Builds the console from the working tree into a folder of this run's own. Always building costs about
 * two seconds and never tests a stale bundle; building outside `packages/console/dist` leaves the bundle a
 * developer's `pnpm start` serves alone.
 */
export async function buildConsole(): Promise<ConsoleBuild> {
  // A console built elsewhere (CI's build step, or a known-good bundle while the sources are mid-edit).
  const prebuilt = process.env.E2E_CONSOLE_DIST;
  if (prebuilt) return { dir: path.resolve(REPO_ROOT, prebuilt), remove: async () => {} };

  const dir = await mkdtemp(path.join(os.tmpdir(), 'recupera-e2e-console-'));
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('pnpm', ['--filter', '@recupera/console', 'build', '--outDir', dir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const remove = () => rm(dir, { recursive: true, force: true });
  if (code !== 0) {
    await remove();
    throw new Error(`the console build failed (exit ${code}):\n${output.join('')}`);
  }
  return { dir, remove };
}
