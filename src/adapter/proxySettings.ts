/**
 * The editor's proxy settings for the transport: while `http.proxy` or a proxy environment
 * variable is set, requests go through `https.request`, which VS Code patches to use it.
 */
import * as vscode from 'vscode';
import { proxyInUse } from '../core/transport/proxyInUse';

/** Whether VS Code would send a request to `url` through a proxy the user configured. */
export function editorProxyInUse(url: URL): boolean {
  const http = vscode.workspace.getConfiguration('http');
  return proxyInUse(url, {
    httpProxy: http.get<string>('proxy') ?? '',
    proxySupport: http.get<string>('proxySupport'),
    env: process.env,
  });
}
