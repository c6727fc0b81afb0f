import * as fs from 'fs';
import { sleep } from './poll';

const groups = new Set<number>();
let hooked = false;

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/**
 * Remembers a process group started with `detached: true` so that it is killed whatever
 * way this process ends. With COMET_E2E_PGID_FILE set, the group id is also appended
 * there, for the shell script's own trap.
 */
export function killGroupOnExit(pgid: number): void {
  groups.add(pgid);
  if (process.env.COMET_E2E_PGID_FILE) fs.appendFileSync(process.env.COMET_E2E_PGID_FILE, `${pgid}\n`);
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const g of groups) signalGroup(g, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const g of groups) signalGroup(g, 'SIGKILL');
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

/** SIGTERM to the whole group, SIGKILL after a grace period, and wait until it is gone. */
export async function stopProcessGroup(pgid: number, graceMs = 3000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(50);
  if (groupAlive(pgid)) {
    signalGroup(pgid, 'SIGKILL');
    const hardDeadline = Date.now() + 5000;
    while (groupAlive(pgid) && Date.now() < hardDeadline) await sleep(50);
    if (groupAlive(pgid)) console.error(`[e2e] process group ${pgid} still alive after SIGKILL`);
  }
  groups.delete(pgid);
}
