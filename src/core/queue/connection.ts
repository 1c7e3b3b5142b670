import * as net from 'node:net';
import { InputError } from '../errors';

/** The subset of ioredis options ForgetLens sets; both ioredis and BullMQ take it as is. */
export interface RedisSettings {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: { servername?: string };
  maxRetriesPerRequest: null;
  lazyConnect?: boolean;
}

export interface QueueConnection {
  options: RedisSettings;
  /** The URL without its password, for messages. */
  display: string;
}

/**
 * `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS). Anything else is refused before
 * a connection is tried, with the URL (password hidden) in the message.
 */
export function parseQueueUrl(text: string): QueueConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(`--queue ${redactQueueUrl(text)}: not a URL; expected redis://HOST:PORT or rediss://HOST:PORT`);
  }
  const display = redactQueueUrl(text);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new InputError(`--queue ${display}: the scheme must be redis:// or rediss:// (TLS), not ${url.protocol}//`);
  }
  if (!url.hostname) throw new InputError(`--queue ${display}: no host`);
  const port = url.port ? Number(url.port) : 6379;
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) throw new InputError(`--queue ${display}: the database number "${dbText}" is not a whole number`);
  const options: RedisSettings = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    db,
    // BullMQ's workers block on Redis; it requires unlimited retries per request.
    maxRetriesPerRequest: null,
  };
  if (url.username) options.username = decodeURIComponent(url.username);
  if (url.password) options.password = decodeURIComponent(url.password);
  // TLS trusts the system's CAs plus NODE_EXTRA_CA_CERTS (how a private CA is added); SNI only for names.
  if (url.protocol === 'rediss:') options.tls = net.isIP(options.host) ? {} : { servername: options.host };
  return { options, display };
}

/** The URL with its password replaced by ***, for messages and logs. */
export function redactQueueUrl(text: string): string {
  return text.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
