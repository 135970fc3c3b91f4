import { accountAccess } from '../../audiences/access.js';
import { createPixel, postServerEvents } from '../../pixels/pixels.js';
import type { PixelRow } from '../../store/pixel-types.js';
import type { Context, EdgeDef, TypeDef } from '../types.js';
import type { AdAccountNode } from './ad-account.js';
import { field, time } from './social-fields.js';

/** A pixel is seen by whoever may read its ad account. */
async function loadPixel(id: string, ctx: Context): Promise<PixelRow | undefined> {
  const pixel = await ctx.store.pixels.get(id);
  return pixel && (await accountAccess(ctx.store, ctx.viewer, pixel.ad_account_id)) !== 'none' ? pixel : undefined;
}

const eventsEdge: EdgeDef<PixelRow> = {
  type: 'AdsPixel',
  description: 'Server events of the pixel (Conversions API). Write-only here.',
  post: {
    description: 'Send server events: each is matched to a person by its user_data and feeds the rule audiences of the pixel.',
    params: {
      data: { type: 'list<string>', required: true, description: 'The events (at most 1000), each a JSON object: {event_name, event_time, event_source_url, action_source, user_data, custom_data, event_id}.' },
      test_event_code: { type: 'string', description: 'Checks and answers the events without keeping them (Test Events).' },
      namespace_id: { type: 'string', description: 'namespace_id' },
      partner_agent: { type: 'string', description: 'The platform sending the events.' },
      upload_id: { type: 'string', description: 'upload_id' },
      upload_source: { type: 'string', description: 'upload_source' },
      upload_tag: { type: 'string', description: 'upload_tag' },
    },
    returns: 'Struct {events_received: int32, messages: list<string>, fbtrace_id: string}',
    async run(pixel, params, ctx) {
      return { body: { ...(await postServerEvents(ctx.store, ctx.viewer, pixel, params, ctx.now)) } };
    },
  },
};

export const adsPixelType: TypeDef<PixelRow> = {
  name: 'AdsPixel',
  description: "An ad account's pixel: the events a site (or its server) sends, which website audiences are made of.",
  defaultFields: ['id'],
  load: loadPixel,
  adAccountOf: (pixel) => pixel.ad_account_id,
  fields: {
    id: field('numeric string', 'The ID of the pixel.'),
    name: field('string', 'The name of the pixel.'),
    code: field('string', 'The base code to install on a website.'),
    creation_time: time('When the pixel was created.', (pixel) => pixel.creation_time),
    last_fired_time: time('When the pixel last received an event; absent when it never did.', (pixel) => pixel.last_fired_time || null),
    is_unavailable: field('bool', 'Whether the pixel can no longer be used.', () => false),
    is_created_by_business: field('bool', 'Whether a business created the pixel.', async (pixel, ctx) => (await ctx.store.adAccounts.get(pixel.ad_account_id))?.business_id != null),
    owner_ad_account: field('AdAccount', 'The ad account that owns the pixel.', async (pixel, ctx) => {
      const account = await ctx.store.adAccounts.get(pixel.ad_account_id);
      return account && { ...account, id: `act_${account.id}`, account_id: account.id };
    }),
    owner_business: field('Business', 'The business of the ad account that owns the pixel.', async (pixel, ctx) => {
      const account = await ctx.store.adAccounts.get(pixel.ad_account_id);
      return account?.business_id ? ctx.store.businesses.get(account.business_id) : undefined;
    }),
  },
  edges: { events: eventsEdge },
};

/** GET/POST /act_{id}/adspixels. */
export const adsPixelsEdge: EdgeDef<AdAccountNode> = {
  type: 'AdsPixel',
  description: 'The pixels of the ad account.',
  async list(account, page, _params, ctx) {
    if ((await accountAccess(ctx.store, ctx.viewer, account.account_id)) === 'none') return { items: [], more: false };
    const result = await ctx.store.pixels.list(account.account_id, page);
    return { items: result.rows.map((row) => ({ key: row.id, value: row })), more: result.more };
  },
  post: {
    description: 'Create a pixel for the ad account.',
    params: { name: { type: 'string', required: true, description: 'Name of the pixel' } },
    returns: 'Struct {id: numeric string}',
    async run(account, params, ctx) {
      const pixel = await createPixel(ctx.store, ctx.viewer, account.account_id, params.name, ctx.now);
      return { body: { id: pixel.id }, readBack: { type: 'AdsPixel', id: pixel.id } };
    },
  },
};
