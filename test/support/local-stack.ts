/**
 * The whole local stack (`npm start`) for a test: its settings on free ports with the data in a folder of the
 * test's own, and whether something accepts connections on a port (what the stack tests check of it).
 */
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLocalStackSettings, type LocalStackSettings } from '../../config/settings';
import { findFreePort } from '../../local/free-port';

export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The settings of a whole local stack with its data in `dataDir`, each port free (those of `environment`
 * excepted: it may set any setting, e.g. `FARMACRUZ_DEMO_PRODUCTS`, or a port of its own choice).
 */
export async function localStackSettingsOnFreePorts(dataDir: string, environment: Readonly<Record<string, string>> = {}): Promise<LocalStackSettings> {
  const [api, dynamodb, cognito, web, mail] = await Promise.all([findFreePort(), findFreePort(), findFreePort(), findFreePort(), findFreePort()]);
  return loadLocalStackSettings({
    FARMACRUZ_DATA_DIR: dataDir,
    FARMACRUZ_API_PORT: String(api),
    FARMACRUZ_DYNAMODB_PORT: String(dynamodb),
    FARMACRUZ_COGNITO_PORT: String(cognito),
    FARMACRUZ_WEB_PORT: String(web),
    FARMACRUZ_MAIL_PORT: String(mail),
    ...environment,
  });
}

/** Whether a TCP connection to host:port is accepted within 2 s. */
export function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
