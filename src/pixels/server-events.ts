import type { PixelEventRow } from '../store/pixel-types.js';
import { pixelError } from './pixel-errors.js';
import { hashedUserDataKeys, rawUserDataKeys } from './user-data.js';

/** What one request may carry (Conversions API: up to 1000 events per request). */
export const maxEventsPerRequest = 1000;
/** Events older than this are refused: they must be sent within 7 days. */
export const maxEventAgeSeconds = 7 * 86400;
/** Clock skew tolerated before an event_time counts as in the future. */
const futureToleranceSeconds = 60;

export const actionSources = ['email', 'website', 'app', 'phone_call', 'chat', 'physical_store', 'system_generated', 'business_messaging', 'other'];

const customerInformationKeys = [...Object.keys(hashedUserDataKeys), ...rawUserDataKeys];

/** A validated server event, with its user_data kept for matching. */
export interface ServerEvent extends Omit<PixelEventRow, 'pixel_id' | 'person_id' | 'received_time'> {
  user_data: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the events of `data` as the Conversions API does: the whole request fails on the first bad event
 * (nothing is stored), naming the event's index.
 */
export function readServerEvents(data: readonly string[], now: number): ServerEvent[] {
  if (data.length > maxEventsPerRequest) throw pixelError('tooManyEvents', { max: maxEventsPerRequest, count: data.length });
  return data.map((event, index) => readServerEvent(parse(event), index, now));
}

/** Each event of `data` is a JSON object, which the param arrives as text of (src/graph/params). */
function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readServerEvent(event: unknown, index: number, now: number): ServerEvent {
  if (!isObject(event)) throw pixelError('eventNotObject', { index });
  for (const field of ['event_name', 'event_time', 'action_source', 'user_data']) {
    if (event[field] === undefined || event[field] === null || event[field] === '') throw pixelError('missingField', { index, field });
  }
  const { event_name, action_source, user_data, custom_data } = event;
  if (typeof event_name !== 'string' || event_name.length > 50) throw pixelError('badEventName', { index });
  const eventTime = Number(event.event_time);
  if (!Number.isInteger(eventTime) || eventTime <= 0) throw pixelError('badEventTime', { index });
  if (eventTime < now - maxEventAgeSeconds) throw pixelError('eventTooOld', { index });
  if (eventTime > now + futureToleranceSeconds) throw pixelError('eventInFuture', { index });
  if (typeof action_source !== 'string' || !actionSources.includes(action_source)) throw pixelError('badActionSource', { index, values: actionSources.join(', ') });
  if (!isObject(user_data)) throw pixelError('noCustomerInformation', { index, keys: customerInformationKeys.join(', ') });
  for (const [key, value] of Object.entries(user_data)) {
    const list = Array.isArray(value) ? value : [value];
    if (list.some((item) => typeof item !== 'string')) throw pixelError('badUserData', { index, key });
  }
  if (!customerInformationKeys.some((key) => user_data[key] !== undefined && user_data[key] !== '')) {
    throw pixelError('noCustomerInformation', { index, keys: customerInformationKeys.join(', ') });
  }
  const url = typeof event.event_source_url === 'string' && event.event_source_url !== '' ? event.event_source_url : null;
  if (action_source === 'website') {
    if (url === null) throw pixelError('websiteNeeds', { index, field: 'event_source_url' });
    if (!user_data.client_user_agent) throw pixelError('websiteNeeds', { index, field: 'user_data.client_user_agent' });
  }
  if (custom_data !== undefined && !isObject(custom_data)) throw pixelError('badCustomData', { index });
  return {
    event_name,
    event_time: eventTime,
    event_id: typeof event.event_id === 'string' ? event.event_id : null,
    event_source_url: url,
    action_source,
    custom_data: custom_data ?? {},
    user_data,
  };
}
