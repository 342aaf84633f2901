import { accessSync, constants } from 'node:fs';
import type { Browser, LaunchOptions } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's chromium (STACK.md, "Browsers"); `npx playwright install` cannot download here. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** The flags STACK.md lists: headless, no sandbox (root in CI), nothing phoning home. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the browser is: `CHROMIUM_PATH` if set, else Debian's package. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
}

/**
 * Launches the machine's chromium through playwright-core for a web page's test; close the
 * browser in `afterAll`. Fails at once, saying how to install it, when chromium is missing.
 */
export async function openChromium(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = chromiumPath();
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    throw new Error(
      `chromium is not installed at ${executablePath}: install it with apt-get install -y chromium` +
        ' (or point CHROMIUM_PATH at a chromium or chrome binary)',
    );
  }
  return chromium.launch({
    ...options,
    executablePath,
    args: [...CHROMIUM_FLAGS, ...(options.args ?? [])],
  });
}
