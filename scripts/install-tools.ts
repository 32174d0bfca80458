// `tsx scripts/install-tools.ts`: installs the command-line tools the unit tests run as real clients of our
// output (pdflatex and pdftotext for test/unit/formatRoundTrip.test.ts) from Debian, once. Does nothing when
// both are already on PATH, so it costs nothing on every later `npm test`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { log, run, seconds } from './lib/proc';

/** The TeX Live subset the round-trip test's preamble needs (T1, lmodern, textcomp, url) and poppler's pdftotext. */
const APT_PACKAGES = ['texlive-latex-base', 'texlive-latex-recommended', 'texlive-fonts-recommended', 'lmodern', 'poppler-utils'];
const COMMANDS = ['pdflatex', 'pdftotext'];

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

async function main(): Promise<void> {
  const missing = COMMANDS.filter((command) => !onPath(command));
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${APT_PACKAGES.join(' ')}`;
  if (!isRoot() || !fs.existsSync('/usr/bin/apt-get')) {
    throw new Error(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing and this process cannot install ${missing.length > 1 ? 'them' : 'it'} `
      + `(${isRoot() ? 'no apt-get here' : 'not root'}). The unit tests compile real LaTeX; install the tools once as root:\n\n    ${command}\n`,
    );
  }
  const started = Date.now();
  log(`installing ${APT_PACKAGES.join(', ')} with apt-get (once, for ${missing.join(' and ')})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['-q', 'update'], { env });
  await run('apt-get', ['-q', 'install', '-y', '--no-install-recommends', ...APT_PACKAGES], { env });
  const still = COMMANDS.filter((c) => !onPath(c));
  if (still.length > 0) throw new Error(`apt-get finished but ${still.join(' and ')} ${still.length > 1 ? 'are' : 'is'} still missing`);
  log(`LaTeX and pdftotext installed in ${seconds(started)}`);
}

main().catch((error: unknown) => {
  console.error(`[sourcebook] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
