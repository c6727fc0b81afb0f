/**
 * Settings that were renamed, and how their users' values survive the rename: while the new name is
 * unset (in every scope), the value under the old name is used, and the user is told once where it
 * should move. Nothing is written to the user's settings files.
 */
import type { SettingName } from './settingRules';

export interface RenamedSetting {
  /** The old name, without the `cometComplete.` prefix. */
  oldName: string;
  newName: SettingName;
  /** Why it was renamed, for the notice. */
  why: string;
}

export const RENAMED_SETTINGS: readonly RenamedSetting[] = [
  {
    oldName: 'requestTimeoutSeconds',
    newName: 'firstByteTimeoutSeconds',
    why: 'it limits the time to the first byte of the answer, not the whole request',
  },
];

/** A renamed setting whose value is read from its old name. */
export interface OldNameInUse {
  setting: RenamedSetting;
  value: unknown;
}

export interface RenamedSettingsReader {
  /** Reads a setting by its current name, falling back to the old name's value as described above. */
  read: (name: SettingName) => unknown;
  /** The renamed settings whose value came from the old name (empty when there are none). */
  oldNamesInUse: OldNameInUse[];
}

/**
 * @param read the effective value of a setting (what the editor would use; the default when unset).
 * @param userValue the user's own value of a setting in any scope, or undefined where it is unset.
 */
export function readWithRenames(
  read: (name: string) => unknown,
  userValue: (name: string) => unknown,
  renames: readonly RenamedSetting[] = RENAMED_SETTINGS,
): RenamedSettingsReader {
  const fromOld = new Map<string, unknown>();
  const oldNamesInUse: OldNameInUse[] = [];
  for (const setting of renames) {
    if (userValue(setting.newName) !== undefined) continue;
    const value = userValue(setting.oldName);
    if (value === undefined) continue;
    fromOld.set(setting.newName, value);
    oldNamesInUse.push({ setting, value });
  }
  return {
    read: (name) => (fromOld.has(name) ? fromOld.get(name) : read(name)),
    oldNamesInUse,
  };
}

/** The one-time notice for a value still read from its old name. */
export function oldNameNotice({ setting, value }: OldNameInUse, section = 'cometComplete'): string {
  return (
    `The setting “${section}.${setting.oldName}” is now “${section}.${setting.newName}” (${setting.why}). ` +
    `Your value ${JSON.stringify(value)} is still used; move it to the new name, which wins once it is set.`
  );
}
