import { assertAccount } from '../audiences/access.js';
import { refreshPixelAudiences } from '../audiences/rule-membership.js';
import { newTraceId } from '../graph/graph-error.js';
import type { Viewer } from '../identity/viewer.js';
import type { PixelRow } from '../store/pixel-types.js';
import type { Store } from '../store/types.js';
import { readServerEvents } from './server-events.js';
import { userDataMatchKeys } from './user-data.js';

/** The base code a site installs: the loader with the pixel's id, as Events Manager shows it. */
const baseCode = (id: string) =>
  `<!-- Meta Pixel Code -->\n<script>\n!function(f,b,e,v,n,t,s){/* loader */}(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');\nfbq('init', '${id}');\nfbq('track', 'PageView');\n</script>\n<!-- End Meta Pixel Code -->`;

export async function createPixel(store: Store, viewer: Viewer, adAccountId: string, name: string, now: number): Promise<PixelRow> {
  await assertAccount(store, viewer, adAccountId, 'write');
  return store.pixels.create({ ad_account_id: adAccountId, name, creation_time: now }, baseCode);
}

export interface EventsResponse {
  events_received: number;
  messages: string[];
  fbtrace_id: string;
}

/**
 * POST /{pixel_id}/events. Each event is matched to a person by its user_data (the customer
 * lists' keys and rule) and stored with the person or none; the pixel's rule audiences then
 * take the new events in. With test_event_code the events are checked and answered alike
 * but kept nowhere: they are for the Test Events tool, not for audiences.
 */
export async function postServerEvents(store: Store, viewer: Viewer, pixel: PixelRow, params: Record<string, any>, now: number): Promise<EventsResponse> {
  await assertAccount(store, viewer, pixel.ad_account_id, 'write');
  const events = readServerEvents(params.data, now);
  if (params.test_event_code === undefined || params.test_event_code === '') {
    const rows = [];
    for (const { user_data, ...event } of events) {
      const person_id = (await store.pixels.personByMatchKeys(userDataMatchKeys(user_data))) ?? null;
      rows.push({ ...event, pixel_id: pixel.id, person_id, received_time: now });
    }
    await store.pixels.record(pixel.id, rows, now);
    await refreshPixelAudiences(store, pixel, now);
  }
  return { events_received: events.length, messages: [], fbtrace_id: newTraceId() };
}
