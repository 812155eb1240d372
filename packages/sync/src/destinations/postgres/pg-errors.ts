import { isSdkError } from '@x/core';
import { DestinationError, type DestinationFailure } from '../../errors/sync-errors.js';

const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'ECONNABORTED']);

const UNREACHABLE = 'check that it is running and that the host and port (or socket folder) in the URL are right; nothing was written';
const ROLLED_BACK = 'the unit in progress was rolled back; a rerun resumes from the last committed unit';
const HINTS: Record<DestinationFailure, string> = {
  authentication: 'check the user and password (in the URL or PGPASSWORD); nothing was written',
  'permission-denied': `the role lacks a privilege x-sync needs (CONNECT and TEMPORARY on the database, and owning or CREATE and USAGE on the schema; see docs/sync-postgres.md); ${'nothing of the unit in progress was written'}`,
  'connection-lost': `the connection was lost (a server restart, or the session was ended); ${ROLLED_BACK} once the server is back`,
  'statement-timeout': `a statement ran longer than statement_timeout allows; ${ROLLED_BACK} (raise the timeout for this role if it repeats)`,
  'disk-full': `the server is out of disk space or over a quota; ${ROLLED_BACK} once space is freed`,
  failed: `${ROLLED_BACK}; if it fails the same way, look the SQLSTATE up in the PostgreSQL documentation`,
};

/** The failure kind of a pg error: SQLSTATE class first, then socket errors and pg's own messages. */
export function failureOf(error: unknown): { reason: DestinationFailure; code: string | undefined } {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
  const message = error instanceof Error ? error.message : '';
  if (code === '28P01' || code === '28000') return { reason: 'authentication', code };
  if (code === '57014') return { reason: 'statement-timeout', code };
  if (code === '42501') return { reason: 'permission-denied', code };
  if (code?.startsWith('53')) return { reason: 'disk-full', code };
  if (code?.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || (code !== undefined && SOCKET_CODES.has(code))) {
    return { reason: 'connection-lost', code };
  }
  if (/Connection terminated|Client was closed|Client has encountered a connection error|not queryable/i.test(message)) return { reason: 'connection-lost', code };
  return { reason: 'failed', code };
}

/**
 * Why a connection was never made, and what to do, for the cases a user meets setting up a job:
 * before any session exists there is no unit to roll back, so none of these speaks of one.
 */
function connectRefusal(error: unknown, reason: DestinationFailure, code: string | undefined): { reason: DestinationFailure; what: string; then: string } | undefined {
  const message = error instanceof Error ? error.message : '';
  // A server that is down or a wrong host, port or socket folder, not a connection that was lost.
  if (code !== undefined && (SOCKET_CODES.has(code) || code === 'ENOENT')) return { reason: 'connection-lost', what: 'the server could not be reached', then: UNREACHABLE };
  // pg's own words when the server asks for a password (SCRAM or md5) and the client has none: a job run without its PGPASSWORD.
  if (/password must be a string/.test(message)) {
    return { reason: 'authentication', what: 'the server asks for a password and none was given', then: 'set PGPASSWORD (or put the password in the URL); nothing was written' };
  }
  if (code === '3D000') return { reason: 'failed', what: 'the database named in the URL does not exist', then: 'create it, or fix the database name at the end of the URL; nothing was written' };
  if (/server does not support SSL/.test(message)) {
    return { reason: 'failed', what: 'the URL asks for SSL (sslmode) and the server does not offer it', then: 'enable SSL on the server, or drop sslmode from the URL where the network is trusted; nothing was written' };
  }
  // Node's codes for a certificate it cannot trust: pg verifies it under sslmode=require too.
  if (code !== undefined && /CERT|SIGNATURE|ISSUER/.test(code)) {
    return {
      reason: 'failed',
      what: "the server's TLS certificate could not be verified",
      then: 'give the certificate of the authority that signed it as sslrootcert=/path/to/ca.pem in the URL (managed services publish theirs), and check that the host name is the one in the certificate; nothing was written',
    };
  }
  if (reason === 'failed') return { reason, what: 'the server refused the connection', then: 'nothing was written; if it fails the same way, look the SQLSTATE up in the PostgreSQL documentation' };
  return undefined;
}

/**
 * A pg error as a {@link DestinationError}: the database, what was being done and the SQLSTATE,
 * never the server's text (it may quote a value). The original stays as `cause`. SDK errors pass
 * through unchanged.
 */
export function toDestinationError(error: unknown, context: { readonly location: string; readonly doing: string }): Error {
  if (isSdkError(error)) return error;
  const { reason, code } = failureOf(error);
  const sqlstate = code ? ` (${/^[0-9A-Z]{5}$/.test(code) ? 'SQLSTATE ' : ''}${code})` : '';
  if (context.doing === 'connecting') {
    const refused = connectRefusal(error, reason, code);
    if (refused) {
      return new DestinationError(`PostgreSQL at ${context.location}: connecting failed: ${refused.what}${sqlstate}; ${refused.then}`, {
        reason: refused.reason,
        code,
        location: context.location,
        cause: error,
      });
    }
  }
  const what = reason === 'failed' ? 'failed' : reason === 'disk-full' ? 'failed: insufficient resources (disk full or quota)' : `failed: ${reason.replace('-', ' ')}`;
  return new DestinationError(`PostgreSQL at ${context.location}: ${context.doing} ${what}${sqlstate}; ${HINTS[reason]}`, {
    reason,
    code,
    location: context.location,
    cause: error,
  });
}
