/**
 * Local SES: aws-ses-v2-local (SESv2 API with stored Handlebars templates) run in this process. Its
 * inbox page at `/` shows each email's rendered HTML, its text and a download of the raw message; `/store`
 * lists them as JSON. Memory only: the archived copies under the emails folder are what survives.
 */
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalSes {
  readonly endpoint: string;
  /** The inbox page. */
  readonly mailboxUrl: string;
  close(): Promise<void>;
}

type StartSes = (config: { host: string; port: number }) => Promise<Server>;

export interface MailboxEmail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
  /** Epoch seconds. */
  readonly at: number;
}

export async function startLocalSes(options: { host: string; port?: number }): Promise<LocalSes> {
  const require = createRequire(import.meta.url);
  const start = (require('aws-ses-v2-local') as { default: StartSes }).default;
  const server = await start({ host: options.host, port: options.port ?? 0 });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${options.host}:${port}`;
  return {
    endpoint,
    mailboxUrl: `${endpoint}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The emails in a local SES mailbox (optionally only those received since an epoch second). */
export async function readMailbox(sesEndpoint: string, sinceSeconds?: number): Promise<MailboxEmail[]> {
  const url = `${sesEndpoint}/store${sinceSeconds === undefined ? '' : `?since=${Math.floor(sinceSeconds)}`}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Local SES store answered ${response.status}`);
  return ((await response.json()) as { emails: MailboxEmail[] }).emails;
}

export function headerOf(email: MailboxEmail, name: string): string | undefined {
  return email.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}
