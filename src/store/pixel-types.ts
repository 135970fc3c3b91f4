/**
 * The pixel store's port: an ad account's pixels (AdsPixel nodes) and the server events
 * posted to them (POST /{pixel_id}/events), each kept with the person it matched, if any.
 * What rule audiences are computed from (src/audiences/rule-membership.ts).
 */
import type { ListRequest, Page } from './types.js';

export interface PixelRow {
  /** The Graph id (a node of type AdsPixel). */
  id: string;
  ad_account_id: string;
  name: string;
  /** The base code snippet a site would install. */
  code: string;
  creation_time: number;
  /** Unix seconds of the last event received; 0 = never fired. */
  last_fired_time: number;
}

export interface PixelEventRow {
  pixel_id: string;
  /** The matched person; null when the event's user_data matched nobody. */
  person_id: string | null;
  event_name: string;
  event_time: number;
  event_id: string | null;
  event_source_url: string | null;
  action_source: string;
  custom_data: Record<string, unknown>;
  received_time: number;
}

export interface PixelsStore {
  /** Allocates the id (an AdsPixel node) and stores the pixel. */
  create(pixel: Pick<PixelRow, 'ad_account_id' | 'name' | 'creation_time'>, code: (id: string) => string): Promise<PixelRow>;
  get(id: string): Promise<PixelRow | undefined>;
  /** The ad account's pixels, keyset-paged by id. */
  list(adAccountId: string, request: ListRequest): Promise<Page<PixelRow>>;
  /** Stores the events and marks the pixel fired at `now`. */
  record(pixelId: string, events: readonly PixelEventRow[], now: number): Promise<void>;
  /** The pixels' matched events (person_id set) with event_time >= since, oldest first. */
  matchedEvents(pixelIds: readonly string[], since: number): Promise<PixelEventRow[]>;
  /** The person holding any of these match keys (src/audiences/matching), if one does. */
  personByMatchKeys(keys: readonly Buffer[]): Promise<string | undefined>;
}
