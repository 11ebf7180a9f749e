import { createServer } from 'node:net';

/**
 * Where free ports are looked for: below the range the kernel picks the local port of an outgoing connection
 * from (Linux's default 32768–60999; macOS and Windows start at 49152). A port found free there can be taken
 * in the moment before its server listens on it only by someone choosing it on purpose, while one from the
 * kernel's own range (what `listen(0)` gives) can go to any connection this process or another opens
 * meanwhile: a fresh-clone CI run lost a test file to EADDRINUSE that way.
 */
const PORT_RANGE = { from: 20_000, to: 32_000 } as const;
/** Ports handed out by this process: the stack's servers are started together, after all their ports are found. */
const handedOut = new Set<number>();

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A TCP port on the host that nothing listens on right now, and not handed out before by this process. */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await canListen(port, host)) return port;
  }
  throw new Error(`No free port found on ${host} between ${PORT_RANGE.from} and ${PORT_RANGE.to}`);
}

/** Resolves once `probe` succeeds, polling until the deadline; rejects with the last failure after it. */
export async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
