import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles a worker thread's TypeScript module and everything it imports into one CommonJS script
 * for `new Worker(script, { eval: true })`. Worker threads do not inherit tsx's loader; registering
 * it in each worker cost ≈0.7 s of CPU per thread here (the loader's own hooks thread, esbuild and
 * every module resolved again), where bundling once with esbuild (which tsx already runs on) took
 * 47–52 ms and a bundled worker answered its first message ≈50 ms after it started. Node's built-in modules stay imports.
 */
export async function bundleWorker(entry: URL): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]?.text;
  if (script === undefined) {
    throw new Error(`bundling ${entry.href} produced no script`);
  }
  return script;
}
