import { oauth, type ErrorSpec } from '../graph/errors.js';
import { GraphError, type ErrorArgs } from '../graph/graph-error.js';

/**
 * Errors of pixels and server events, in the Conversions API's shape: code 100 "Invalid
 * parameter" with a user title and message saying which event and why. Meta's subcodes for
 * these are not recorded in ../shared/reference, so none is invented (docs/rules.md).
 */
const invalid = (userTitle: string, userMessage: string): ErrorSpec => oauth(100, 'Invalid parameter', { userTitle, userMessage });

export const pixelErrors = {
  tooManyEvents: invalid('Too Many Events', 'A request can carry at most {max} events; {count} were sent.'),
  eventNotObject: invalid('Invalid Event', 'Event {index} must be a JSON object.'),
  missingField: invalid('Missing Event Parameter', 'Event {index} is missing the required parameter {field}.'),
  badEventName: invalid('Invalid Event Name', 'Event {index}: event_name must be a non-empty string of at most 50 characters.'),
  badEventTime: invalid('Invalid Event Time', 'Event {index}: event_time must be a Unix timestamp in seconds.'),
  eventTooOld: invalid('Event Timestamp Too Old', 'Event {index}: the timestamp is too far in the past. Events must be sent within 7 days of when they occurred.'),
  eventInFuture: invalid('Event Timestamp In Future', 'Event {index}: the timestamp is in the future. Send events after they occur.'),
  badActionSource: invalid('Invalid Action Source', 'Event {index}: action_source must be one of {values}.'),
  websiteNeeds: invalid('Missing Website Event Parameter', 'Event {index}: events with action_source website need {field}.'),
  noCustomerInformation: invalid('Missing Customer Information', 'Event {index}: user_data must hold at least one customer information parameter ({keys}).'),
  badUserData: invalid('Invalid Customer Information', 'Event {index}: user_data.{key} must be a string or a list of strings.'),
  badCustomData: invalid('Invalid Custom Data', 'Event {index}: custom_data must be a JSON object.'),
} satisfies Record<string, ErrorSpec>;

export type PixelErrorName = keyof typeof pixelErrors;

export function pixelError(name: PixelErrorName, args: ErrorArgs = {}): GraphError {
  const spec: ErrorSpec = pixelErrors[name];
  const fill = (text: string | undefined) => text?.replace(/\{(\w+)\}/g, (whole, key: string) => (key in args ? String(args[key]) : whole));
  return GraphError.fromSpec(spec, args, { userTitle: fill(spec.userTitle), userMessage: fill(spec.userMessage) });
}
