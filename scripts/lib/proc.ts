// Small process helpers shared by the scripts: run a command and fail loudly, log with a prefix.
import { spawn, type SpawnOptions } from 'node:child_process';

export function log(message: string): void {
  console.log(`[sourcebook] ${message}`);
}

/**
 * The environment for a child `npm` that must act on another folder (the runtime cache).
 * `npm run` exports its own project (`npm_config_local_prefix`, `npm_package_*`, `npm_lifecycle_*`);
 * a nested `npm install` would otherwise treat the repository as its project.
 */
export function cleanNpmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'npm_config_local_prefix' || key.startsWith('npm_package_') || key.startsWith('npm_lifecycle_')) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs a command with inherited stdio; resolves on exit code 0, rejects otherwise. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** Runs a command and returns its exit code (never rejects on a non-zero exit). */
export function runStatus(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
