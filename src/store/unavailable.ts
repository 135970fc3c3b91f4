/**
 * Whether an error means the database could not be reached or is busy for now, so the same
 * call may succeed when retried: a lost or refused PostgreSQL connection (the server
 * restarting, a network cut, too many connections) or SQLite's lock held past its timeout.
 * Anything else (a constraint, a bad query) is a real failure and stays one.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) || code === 'SQLITE_BUSY') return true;
    // PostgreSQL SQLSTATE: class 08 (connection exception), 57P01-57P03 (shutting down,
    // crashed, starting up), 53300 (too many connections).
    if (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return true;
  }
  return LOST_CONNECTION_MESSAGES.some((message) => error.message.startsWith(message));
}

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** What node-postgres throws, without a code, when its connection ends or cannot be made. */
const LOST_CONNECTION_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
];
