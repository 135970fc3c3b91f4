import type { ErrorSpec } from '../../graph/errors.js';
import { GraphError } from '../../graph/graph-error.js';
import { TransportFaultSignal, type TransportFault } from '../../server/graph-hooks.js';
import type { FaultError, FaultRule } from './fault-rule.js';

/**
 * Plays a rule on the call it hit: waits its latency, then throws its error or transport
 * fault. A rule with only a latency returns, and the call goes on.
 */
export async function playFault(rule: FaultRule): Promise<void> {
  if (rule.latency_ms) await new Promise((resolve) => setTimeout(resolve, rule.latency_ms));
  if (rule.error) throw GraphError.fromSpec(specOf(rule.error));
  const fault = transportOf(rule);
  if (fault) throw new TransportFaultSignal(fault);
}

function specOf(error: FaultError): ErrorSpec {
  return {
    code: error.code,
    subcode: error.error_subcode,
    type: error.type,
    // Taken verbatim: GraphError fills {name} placeholders only from args, and a fault passes none.
    message: error.message,
    status: error.status,
    transient: error.is_transient,
    auth: error.code === 190 ? 'invalid_token' : error.status >= 500 ? 'unknown_error' : 'invalid_request',
    userTitle: error.error_user_title,
    userMessage: error.error_user_msg,
  };
}

function transportOf(rule: FaultRule): TransportFault | undefined {
  switch (rule.transport) {
    case undefined:
      return undefined;
    case 'html':
      return { kind: 'html', status: rule.status! };
    case 'stall':
      return { kind: 'stall', seconds: rule.stall_seconds! };
    default:
      return { kind: rule.transport };
  }
}
