import * as vscode from 'vscode';

/** `contributes.walkthroughs[].id` in package.json. */
export const WALKTHROUGH_ID = 'cometComplete.gettingStarted';

/**
 * Opens the "Get Started with Comet Complete" walkthrough. (The first-run welcome that offers
 * it is the key prompt's: see missingKeyPrompt.ts.)
 */
export function openWalkthrough(extensionId: string): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${WALKTHROUGH_ID}`, false);
}
