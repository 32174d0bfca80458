// Debian's chromium driven by playwright-core. Never download a browser (no `npx playwright install`).
import { chromium, type Browser } from 'playwright-core';
import type { Runtime } from './runtime';

/** Flags for a root user on a closed network: no sandbox (root), no GPU, no background connections. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless chromium with a fresh temporary profile (playwright creates and removes it). */
export function launchBrowser(rt: Pick<Runtime, 'chromium'>): Promise<Browser> {
  return chromium.launch({
    executablePath: rt.chromium,
    headless: process.env.SOURCEBOOK_HEADED !== '1',
    args: CHROMIUM_ARGS,
  });
}
