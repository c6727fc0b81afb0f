/**
 * The extension's one {@link ConnectionPool}: every request the completion client sends (unless
 * its config names another pool) shares its connections, so a suggestion finds the connection
 * the previous one used. The editor wiring tells it when a proxy is configured.
 */
import { ConnectionPool } from './connectionPool';

export const sharedConnections = new ConnectionPool();
