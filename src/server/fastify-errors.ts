import { GraphError } from '../graph/graph-error.js';
import { isStoreUnavailable } from '../store/unavailable.js';

/**
 * Maps what Fastify or a parser raised before the Graph handler to a Graph error: client
 * mistakes (malformed or oversized bodies, bad content types) are code 100, never a 500.
 * Also what escaped the handler: an unreachable store is transient (code 2, 503).
 */
export function toGraphError(error: unknown): GraphError {
  const { code, statusCode } = (error ?? {}) as { code?: string; statusCode?: number };
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return GraphError.of('bodyTooLarge');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return GraphError.of('malformedBody');
  }
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) return GraphError.of('malformedBody');
  // The database away for a moment is Meta's transient 2, which clients retry; not a bug's 1.
  if (isStoreUnavailable(error)) return GraphError.of('serviceUnavailable');
  return GraphError.of('unknown');
}
