import { expect, it } from 'vitest';
import { parseRecencyKey, recencyKey, type PhotoRow } from '../../src/store/social-types.js';
import type { ListRequest, Page, PersonRow, Store } from '../../src/store/types.js';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { ID_FORMAT, appAndPerson, newPerson } from './fixtures.js';

/** Every row of a newest-first list, read `limit` at a time forwards. */
async function readAll<R extends { id: string }>(list: (request: ListRequest) => Promise<Page<R>>, keyOf: (row: R) => string, limit = 2): Promise<R[]> {
  const rows: R[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await list({ limit, after });
    rows.push(...page.rows);
    if (!page.more) return rows;
    after = keyOf(page.rows.at(-1)!);
  }
}

const photoFields = (person: PersonRow, created_time: number, album_id: string | null = null) => ({
  person_id: person.id,
  album_id,
  name: `Photo at ${created_time}`,
  alt_text: null,
  width: 800,
  height: 600,
  created_time,
});

describeEachStore('social store', (open) => {
  const store = useStore(open);

  it('orders recency keys newest first and reads them back', () => {
    expect(recencyKey(200, '15') < recencyKey(100, '15')).toBe(true);
    expect(recencyKey(100, '123') < recencyKey(100, '124')).toBe(true);
    expect(parseRecencyKey(recencyKey(1_700_000_000, '987654321098765'))).toEqual({ time: 1_700_000_000, id: '987654321098765' });
    expect(parseRecencyKey('not a key')).toBeUndefined();
  });

  it('creates albums and photos as nodes, counts photos and sets the cover', async () => {
    const s = store();
    const person = await s.people.create(newPerson());
    const album = await s.social.createAlbum({ person_id: person.id, name: 'Trip', description: null, type: 'normal', privacy: 'friends', location: 'Rainier', created_time: 100 });
    expect(album).toEqual({ id: expect.stringMatching(ID_FORMAT), person_id: person.id, name: 'Trip', description: null, type: 'normal', privacy: 'friends', location: 'Rainier', cover_photo_id: null, created_time: 100, updated_time: 100 });
    expect(await s.nodes.typeOf(album.id)).toBe('Album');
    const photo = await s.social.createPhoto(photoFields(person, 110, album.id));
    await s.social.createPhoto(photoFields(person, 120, album.id));
    expect(await s.nodes.typeOf(photo.id)).toBe('Photo');
    expect(await s.social.getPhoto(photo.id)).toEqual({ ...photoFields(person, 110, album.id), id: photo.id, updated_time: 110 });
    await s.social.setAlbumCover(album.id, photo.id);
    expect((await s.social.getAlbum(album.id))?.cover_photo_id).toBe(photo.id);
    expect(await s.social.albumCounts([album.id, '121212121212121'])).toEqual(new Map([[album.id, { photos: 2 }]]));
    expect(await s.social.albumCounts([])).toEqual(new Map());
  });

  it('pages a person’s photos newest first, forwards and backwards, uploaded or tagged', async () => {
    const s = store();
    const [owner, friend] = [await s.people.create(newPerson()), await s.people.create(newPerson({ first_name: 'Grace' }))];
    const photos: PhotoRow[] = [];
    // Two photos share a time: the id breaks the tie.
    for (const time of [100, 300, 200, 300, 50]) photos.push(await s.social.createPhoto(photoFields(owner, time)));
    const key = (photo: PhotoRow) => recencyKey(photo.created_time, photo.id);
    const expected = [...photos].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    const all = await readAll((request) => s.social.photosOf(owner.id, 'uploaded', request), key);
    expect(all.map((photo) => photo.id)).toEqual(expected.map((photo) => photo.id));
    expect(all.map((photo) => photo.created_time)).toEqual([300, 300, 200, 100, 50]);

    const before = await s.social.photosOf(owner.id, 'uploaded', { limit: 2, before: key(expected[3]) });
    expect(before).toEqual({ rows: [expected[1], expected[2]], more: true });
    expect(await s.social.photosOf(owner.id, 'uploaded', { limit: 2, after: 'forged' })).toEqual({ rows: [], more: false });

    await s.social.tag({ object_id: photos[0].id, person_id: friend.id, created_time: 400 });
    await s.social.tag({ object_id: photos[0].id, person_id: friend.id, created_time: 500 });
    await s.social.tag({ object_id: photos[2].id, person_id: friend.id, created_time: 400 });
    expect((await s.social.photosOf(friend.id, 'tagged', { limit: 10 })).rows.map((photo) => photo.id)).toEqual([photos[2].id, photos[0].id]);
    expect(await s.social.photosOf(friend.id, 'uploaded', { limit: 10 })).toEqual({ rows: [], more: false });
    expect(await s.social.tagsOf(photos[0].id)).toEqual([{ object_id: photos[0].id, person_id: friend.id, created_time: 400 }]);
  });

  it('keeps videos and live videos, filtering live videos by status', async () => {
    const s = store();
    const person = await s.people.create(newPerson());
    const video = await s.social.createVideo({ person_id: person.id, title: 'Clip', description: null, length: 12.5, embeddable: false, published: true, created_time: 10 });
    expect(await s.social.getVideo(video.id)).toEqual({ ...video, updated_time: 10 });
    expect(await s.nodes.typeOf(video.id)).toBe('AdVideo');
    expect((await s.social.videosOf(person.id, 'uploaded', { limit: 5 })).rows).toEqual([video]);
    const live = { person_id: person.id, title: 'Live', description: null, broadcast_start_time: 20, planned_start_time: null, live_views: 3 };
    const vod = await s.social.createLiveVideo({ ...live, video_id: video.id, status: 'VOD', creation_time: 20 });
    const scheduled = await s.social.createLiveVideo({ ...live, video_id: null, status: 'SCHEDULED_UNPUBLISHED', creation_time: 30 });
    expect(await s.nodes.typeOf(vod.id)).toBe('LiveVideo');
    expect(await s.social.getLiveVideo(vod.id)).toEqual(vod);
    expect((await s.social.liveVideosOf(person.id, undefined, { limit: 5 })).rows).toEqual([scheduled, vod]);
    expect((await s.social.liveVideosOf(person.id, ['VOD', 'LIVE'], { limit: 5 })).rows).toEqual([vod]);
    expect(await s.social.liveVideosOf(person.id, [], { limit: 5 })).toEqual({ rows: [], more: false });
  });

  it('filters the feed by time and hidden posts', async () => {
    const s = store();
    const person = await s.people.create(newPerson());
    const post = (created_time: number, is_hidden = false) =>
      s.social.createPost({ person_id: person.id, from_person_id: person.id, from_page_id: null, message: `at ${created_time}`, story: null, link: null, status_type: 'mobile_status_update', object_id: null, privacy: 'SELF', is_hidden, created_time });
    const [a, b, c] = [await post(100), await post(200), await post(300, true)];
    expect(await s.nodes.typeOf(a.id)).toBe('Post');
    expect(await s.social.getPost(c.id)).toEqual({ ...c, updated_time: 300 });
    expect((await s.social.feedOf(person.id, {}, { limit: 10 })).rows).toEqual([b, a]);
    expect((await s.social.feedOf(person.id, { includeHidden: true }, { limit: 10 })).rows).toEqual([c, b, a]);
    expect((await s.social.feedOf(person.id, { since: 200, until: 300, includeHidden: true }, { limit: 10 })).rows).toEqual([b]);
  });

  it('lists page likes newest first, by page and by category', async () => {
    const s = store();
    const person = await s.people.create(newPerson());
    const band = await s.pages.create({ name: 'Band', category: 'Musician/Band', business_id: null });
    const shop = await s.pages.create({ name: 'Shop', category: 'Retail Company', business_id: null });
    await s.social.likePage({ person_id: person.id, page_id: band.id, created_time: 10 });
    await s.social.likePage({ person_id: person.id, page_id: shop.id, created_time: 20 });
    await s.social.likePage({ person_id: person.id, page_id: shop.id, created_time: 30 });
    const likes = await s.social.likesOf(person.id, {}, { limit: 10 });
    expect(likes.rows).toEqual([
      { person_id: person.id, page_id: shop.id, created_time: 20 },
      { person_id: person.id, page_id: band.id, created_time: 10 },
    ]);
    expect((await s.social.likesOf(person.id, { categories: ['Musician/Band'] }, { limit: 10 })).rows.map((like) => like.page_id)).toEqual([band.id]);
    expect((await s.social.likesOf(person.id, { pageId: band.id, categories: ['Retail Company'] }, { limit: 10 })).rows).toEqual([]);
    expect(await s.social.likesOf(person.id, { categories: [] }, { limit: 10 })).toEqual({ rows: [], more: false });
  });

  it('keeps app requests pending until answered, then lists their senders’ former recipients', async () => {
    const s = store();
    const { app, person } = await appAndPerson(s);
    const friend = await s.people.create(newPerson({ first_name: 'Grace' }));
    const request = (sender: string | null, recipient: string, created_time: number, deleted_time?: number) =>
      s.social.createAppRequest({ app_id: app.id, sender_person_id: sender, recipient_person_id: recipient, message: 'Play', data: null, action_type: null, created_time, deleted_time });
    const pending = await request(friend.id, person.id, 10);
    const fromApp = await request(null, person.id, 20);
    const answered = await request(friend.id, person.id, 5, 15);
    expect(await s.nodes.typeOf(pending.id)).toBe('AppRequest');
    expect(await s.social.getAppRequest(answered.id)).toEqual(answered);
    expect((await s.social.appRequestsTo(app.id, person.id, { limit: 10 })).rows).toEqual([fromApp, pending]);
    expect((await s.social.formerRequestsFrom(app.id, friend.id, { limit: 10 })).rows).toEqual([answered]);
    expect((await s.social.formerRequestsFrom(app.id, person.id, { limit: 10 })).rows).toEqual([]);
  });

  it('keeps payment subscriptions per app and person', async () => {
    const s = store();
    const { app, person } = await appAndPerson(s);
    const fields = { app_id: app.id, person_id: person.id, product: 'https://example.com/og/pro.html', amount: '9.99', currency: 'USD', billing_period: 'MONTH', status: 'active', pending_cancel: false, period_start_time: 1, next_bill_time: 2, test: true };
    const older = await s.social.createPaymentSubscription({ ...fields, created_time: 10 });
    const newer = await s.social.createPaymentSubscription({ ...fields, pending_cancel: true, created_time: 20 });
    expect(await s.nodes.typeOf(older.id)).toBe('PaymentSubscription');
    expect(await s.social.getPaymentSubscription(newer.id)).toEqual({ ...newer, updated_time: 20 });
    expect((await s.social.paymentSubscriptionsOf(app.id, person.id, { limit: 1 })).rows).toEqual([newer]);
    expect((await s.social.paymentSubscriptionsOf(app.id, '121212121212121', { limit: 1 })).rows).toEqual([]);
  });

  it('keeps Messenger threads, labels and Instant Experiences of pages', async () => {
    const s = store();
    const person = await s.people.create(newPerson());
    const page = await s.pages.create({ name: 'Acme', category: 'Brand', business_id: null });
    const thread = (platform: string, folder: string, updated_time: number) =>
      s.social.createThread({ page_id: page.id, person_id: person.id, platform, folder, snippet: 'Hi', message_count: 2, unread_count: 1, last_sender: 'page', can_reply: true, updated_time });
    const inbox = await thread('MESSENGER', 'inbox', 30);
    const spam = await thread('MESSENGER', 'spam', 40);
    const instagram = await thread('INSTAGRAM', 'inbox', 50);
    expect(await s.nodes.typeOf(inbox.id)).toBe('UnifiedThread');
    expect(await s.social.getThread(inbox.id)).toEqual(inbox);
    expect((await s.social.threadsOf(person.id, {}, { limit: 10 })).rows).toEqual([instagram, spam, inbox]);
    expect((await s.social.threadsOf(person.id, { platform: 'MESSENGER', folder: 'inbox' }, { limit: 10 })).rows).toEqual([inbox]);

    const vip = await s.social.createThreadLabel({ page_id: page.id, name: 'VIP', created_time: 5 });
    const news = await s.social.createThreadLabel({ page_id: page.id, name: 'News', created_time: 6 });
    expect(await s.nodes.typeOf(vip.id)).toBe('PageUserMessageThreadLabel');
    await s.social.labelPerson(vip.id, person.id, 7);
    await s.social.labelPerson(vip.id, person.id, 8);
    await s.social.labelPerson(news.id, person.id, 9);
    expect(await s.social.getThreadLabel(vip.id)).toEqual(vip);
    expect((await s.social.labelsOf(person.id, { limit: 10 })).rows).toEqual([news, vip]);

    const canvas = await s.social.createCanvas({ page_id: page.id, name: 'Spring', is_published: true, is_hidden: false, background_color: 'FFFFFFFF', last_editor_person_id: person.id, created_time: 1, update_time: 2 });
    expect(await s.nodes.typeOf(canvas.id)).toBe('Canvas');
    expect(await s.social.getCanvas(canvas.id)).toEqual(canvas);
    expect((await s.social.canvasesOf([page.id], { limit: 10 })).rows).toEqual([canvas]);
    expect(await s.social.canvasesOf([], { limit: 10 })).toEqual({ rows: [], more: false });
  });

  it('keeps ad studies, catalogs and asset groups of businesses, and assigns them to business users', async () => {
    const s: Store = store();
    const person = await s.people.create(newPerson());
    const business = await s.businesses.create({ name: 'Acme', created_time: 1 });
    const other = await s.businesses.create({ name: 'Agency', created_time: 2 });
    const user = await s.businessUsers.create({ business_id: business.id, person_id: person.id, role: 'ADMIN', first_name: 'Ada', last_name: 'Lovelace', email: null, title: null, created_time: 3 });
    const agencyUser = await s.businessUsers.create({ business_id: other.id, person_id: person.id, role: 'EMPLOYEE', first_name: 'Ada', last_name: 'Lovelace', email: null, title: null, created_time: 4 });
    expect(await s.social.businessUserIdsOf(person.id)).toEqual([
      { id: user.id, business_id: business.id },
      { id: agencyUser.id, business_id: other.id },
    ]);

    const study = { name: 'Lift', description: null, type: 'LIFT', start_time: 10, end_time: 20, observation_end_time: null, cooldown_start_time: null, canceled_time: null, results_first_available_date: '2026-01-01', created_by_person_id: person.id };
    const mine = await s.social.createAdStudy({ ...study, business_id: business.id, created_time: 5 });
    const theirs = await s.social.createAdStudy({ ...study, business_id: other.id, created_time: 6 });
    expect(await s.nodes.typeOf(mine.id)).toBe('AdStudy');
    expect(await s.social.getAdStudy(mine.id)).toEqual({ ...mine, updated_time: 5 });
    expect((await s.social.adStudiesOf([business.id, other.id], { limit: 10 })).rows).toEqual([theirs, mine]);
    expect(await s.social.adStudiesOf([], { limit: 10 })).toEqual({ rows: [], more: false });

    const catalog = await s.social.createProductCatalog({ business_id: business.id, name: 'Products', vertical: 'commerce', product_count: 3, feed_count: 1, created_time: 7 });
    const group = await s.social.createAssetGroup({ business_id: business.id, name: 'Brand', created_time: 8 });
    expect(await s.nodes.typeOf(catalog.id)).toBe('ProductCatalog');
    expect(await s.nodes.typeOf(group.id)).toBe('BusinessAssetGroup');
    expect(await s.social.getProductCatalog(catalog.id)).toEqual(catalog);
    expect(await s.social.getAssetGroup(group.id)).toEqual(group);

    await s.social.assignAsset({ business_user_id: user.id, asset_type: 'ProductCatalog', asset_id: catalog.id, tasks: ['MANAGE'], created_time: 9 });
    await s.social.assignAsset({ business_user_id: user.id, asset_type: 'ProductCatalog', asset_id: catalog.id, tasks: ['ADVERTISE'], created_time: 10 });
    await s.social.assignAsset({ business_user_id: agencyUser.id, asset_type: 'BusinessAssetGroup', asset_id: group.id, tasks: ['MANAGE'], created_time: 11 });
    expect(await s.social.assignedAssets([user.id, agencyUser.id], 'ProductCatalog')).toEqual([
      { business_user_id: user.id, asset_type: 'ProductCatalog', asset_id: catalog.id, tasks: ['ADVERTISE'], created_time: 9 },
    ]);
    expect((await s.social.assignedAssets([user.id], 'BusinessAssetGroup')).length).toBe(0);
    expect(await s.social.assignedAssets([], 'Page')).toEqual([]);
  });

  it('deletes a person’s content with the person', async () => {
    const s = store();
    const person = await s.people.create(newPerson());
    const album = await s.social.createAlbum({ person_id: person.id, name: 'Trip', description: null, type: 'normal', privacy: 'friends', location: null, created_time: 1 });
    const photo = await s.social.createPhoto(photoFields(person, 2, album.id));
    await s.people.delete(person.id);
    expect(await s.social.getAlbum(album.id)).toBeUndefined();
    expect(await s.social.getPhoto(photo.id)).toBeUndefined();
  });
});
