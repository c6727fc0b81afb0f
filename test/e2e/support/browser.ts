import * as path from 'path';
import { BrowserContext, chromium } from 'playwright-core';
import { IsolatedDirs } from './isolatedDirs';
import { chromiumPath } from './paths';

/** Debian's Chromium, headless, with a fresh profile (and so fresh secret storage) inside dirs. */
export async function launchChromium(dirs: IsolatedDirs, viewport = { width: 1400, height: 900 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(path.join(dirs.root, 'chromium-profile'), {
    executablePath: chromiumPath(),
    headless: true,
    env: dirs.env,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
