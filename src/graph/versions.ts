import { GraphError } from './graph-error.js';

/** Graph API versions graphd serves, oldest to newest, and the one unversioned paths get. */
export interface VersionSettings {
  oldest: number;
  newest: number;
  /** The version of a path without one (--default-version); the newest when absent. */
  default?: number;
}

export const defaultVersions: VersionSettings = { oldest: 19, newest: 25 };

export interface VersionedPath {
  /** e.g. "v21.0" */
  version: string;
  major: number;
  /** Path segments after the version, URI-decoded, empty segments dropped. */
  segments: string[];
  /** Whether the request named its version (unversioned paths use the default). */
  explicit: boolean;
}

const versionPattern = /^v(\d+)\.(\d+)$/;

/**
 * Splits `/v21.0/me/permissions` into version and segments. A well-formed version
 * outside the served window answers as Meta does for a path it cannot route: 2500
 * "Unknown path components" (graph-protocol.md §10.1; documented in docs/differences.md).
 */
export function splitVersion(path: string, settings: VersionSettings): VersionedPath {
  const raw = path.split('/').filter((s) => s.length > 0);
  const segments = raw.map(decodeSegment);
  const match = segments.length > 0 ? versionPattern.exec(segments[0]) : null;
  if (!match) {
    const major = settings.default ?? settings.newest;
    return { version: `v${major}.0`, major, segments, explicit: false };
  }
  const major = Number(match[1]);
  if (match[2] !== '0' || major < settings.oldest || major > settings.newest) {
    throw GraphError.of('unknownVersion', { path: '/' + raw.join('/') });
  }
  return { version: `v${major}.0`, major, segments: segments.slice(1), explicit: true };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
