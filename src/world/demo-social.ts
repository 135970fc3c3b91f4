import { addBusinessUser } from '../business/business-users.js';
import type { BusinessUserRow } from '../store/business-user-types.js';
import type { AlbumRow, PhotoRow, VideoRow } from '../store/social-types.js';
import type { AppRow, BusinessRow, PageRow, PersonRow, Store } from '../store/types.js';

export interface DemoSocialWorld {
  business: BusinessRow;
  app: AppRow;
  otherApp: AppRow;
  /** The business's page, on which the developer has every task. */
  page: PageRow;
  /** people[0] is the developer; the next few appear in their photos, feed and requests. */
  people: PersonRow[];
  now: number;
}

const hour = 3600;
const day = 24 * hour;

/** Pages people like: brands, a park, and music (the `music` edge's categories). */
const likedPages = [
  { name: 'Patagonia', category: 'Outdoor & Sporting Goods Company' },
  { name: 'REI', category: 'Retail Company' },
  { name: 'Mount Rainier National Park', category: 'National Park' },
  { name: 'Fleet Foxes', category: 'Musician/Band' },
  { name: 'Bon Iver', category: 'Musician/Band' },
  { name: 'KEXP 90.3 FM', category: 'Radio Station' },
  { name: 'Sub Pop Records', category: 'Record Label' },
];

/**
 * The developer's life on Facebook, so that every User edge answers something for the demo
 * user token: pages liked and managed, albums, photos and videos (uploaded and tagged in),
 * live videos, a feed, app requests and subscriptions in the demo app, Messenger threads and
 * labels with pages, Instant Experiences, and business assets in two businesses. A few other
 * people get content too (they tag the developer, write on their profile, send requests).
 * Runs inside the demo world's transaction, after the business users exist.
 */
export async function seedDemoSocial(store: Store, world: DemoSocialWorld): Promise<void> {
  const { people, now } = world;
  const developer = people[0];
  const friends = people.slice(1, 6);
  const pages = await seedPages(store, world);
  await seedLikes(store, developer, friends, [world.page, ...pages.liked], now);
  await seedMedia(store, developer, friends, now);
  await seedApps(store, world, developer, friends);
  await seedMessaging(store, world, developer, friends, pages.liked[0]);
  await seedBusinessAssets(store, world, developer, pages.deals);
}

async function seedPages(store: Store, world: DemoSocialWorld) {
  const { business, page, people, now } = world;
  const developer = people[0];
  // A second page of the business, which the developer may advertise for but not manage.
  const deals = await store.pages.create({ name: 'Acme Outdoor Deals', category: 'Shopping & Retail', business_id: business.id, created_time: now - 200 * day });
  await store.pages.setRole(deals.id, developer.id, ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT']);
  const liked: PageRow[] = [];
  for (const [index, { name, category }] of likedPages.entries()) {
    liked.push(await store.pages.create({ name, category, business_id: null, created_time: now - (900 - index) * day }));
  }
  // Page content the developer can advertise with.
  const canvases: [name: string, published: boolean, color: string, daysAgo: number][] = [
    ['Spring Collection', true, 'FFFFFFFF', 40],
    ['Trail Running Guide', true, 'FF1D3B2A', 12],
    ['Winter Sale (draft)', false, 'FFE8F1F8', 2],
  ];
  for (const [name, is_published, background_color, daysAgo] of canvases) {
    const update_time = now - daysAgo * day;
    await store.social.createCanvas({ name, is_published, background_color, page_id: page.id, is_hidden: false, last_editor_person_id: developer.id, created_time: update_time - 5 * day, update_time });
  }
  return { deals, liked };
}

async function seedLikes(store: Store, developer: PersonRow, friends: PersonRow[], pages: PageRow[], now: number): Promise<void> {
  for (const [index, page] of pages.entries()) {
    await store.social.likePage({ person_id: developer.id, page_id: page.id, created_time: now - (index + 1) * 17 * day });
  }
  for (const [index, friend] of friends.entries()) {
    for (const page of pages.filter((_, p) => (p + index) % 3 === 0)) {
      await store.social.likePage({ person_id: friend.id, page_id: page.id, created_time: now - (index + 3) * 11 * day });
    }
  }
}

async function seedMedia(store: Store, developer: PersonRow, friends: PersonRow[], now: number): Promise<void> {
  const social = store.social;
  const album = (person: PersonRow, name: string, type: AlbumRow['type'], daysAgo: number, extra: Partial<AlbumRow> = {}) =>
    social.createAlbum({ person_id: person.id, name, type, description: null, privacy: 'friends', location: null, created_time: now - daysAgo * day, ...extra });
  const photo = async (person: PersonRow, target: AlbumRow | null, name: string | null, hoursAgo: number, size: [number, number] = [2048, 1365]) => {
    const row = await social.createPhoto({ person_id: person.id, album_id: target?.id ?? null, name, alt_text: null, width: size[0], height: size[1], created_time: now - hoursAgo * hour });
    if (target && !target.cover_photo_id) {
      await social.setAlbumCover(target.id, row.id);
      target.cover_photo_id = row.id;
    }
    return row;
  };
  const tag = (object: PhotoRow | VideoRow, person: PersonRow, hoursAgo: number) => social.tag({ object_id: object.id, person_id: person.id, created_time: now - hoursAgo * hour });

  const profile = await album(developer, 'Profile Pictures', 'profile', 700, { privacy: 'everyone' });
  const cover = await album(developer, 'Cover Photos', 'cover', 650, { privacy: 'everyone' });
  const rainier = await album(developer, 'Mount Rainier, July', 'normal', 30, {
    description: 'Four days on the Wonderland Trail.',
    location: 'Mount Rainier National Park',
  });
  const firstPicture = await photo(developer, profile, null, 700 * 24, [960, 960]);
  const profilePicture = await photo(developer, profile, null, 320 * 24, [960, 960]);
  await photo(developer, cover, 'Home range', 650 * 24, [1640, 624]);
  const rainierPhotos = [];
  for (const [index, caption] of ['Reflection Lakes at dawn', 'Camp at Summerland', 'Crossing the Carbon River', 'Wildflowers on Spray Park'].entries()) {
    rainierPhotos.push(await photo(developer, rainier, caption, 30 * 24 - index * 20));
  }
  await tag(firstPicture, developer, 700 * 24);
  await tag(rainierPhotos[0], developer, 30 * 24);

  const trailVideo = await social.createVideo({
    person_id: developer.id,
    title: 'Glacier crossing',
    description: 'Roped up on the Emmons.',
    length: 84.5,
    embeddable: true,
    published: true,
    created_time: now - 29 * day,
  });
  const gearVideo = await social.createVideo({
    person_id: developer.id,
    title: 'Gear review: ultralight tents',
    description: 'Three tents, one rainy weekend.',
    length: 312,
    embeddable: true,
    published: true,
    created_time: now - 9 * day,
  });
  await tag(trailVideo, developer, 29 * 24);
  await social.createLiveVideo({
    person_id: developer.id,
    video_id: gearVideo.id,
    title: 'Live from the trailhead',
    description: 'Answering your gear questions.',
    status: 'VOD',
    broadcast_start_time: now - 9 * day,
    planned_start_time: null,
    live_views: 0,
    creation_time: now - 9 * day - hour,
  });
  await social.createLiveVideo({
    person_id: developer.id,
    video_id: null,
    title: 'Q&A: packing for a thru-hike',
    description: null,
    status: 'SCHEDULED_UNPUBLISHED',
    broadcast_start_time: null,
    planned_start_time: now + 3 * day,
    live_views: 0,
    creation_time: now - day,
  });

  const posts = [
    { status_type: 'added_photos', message: 'Back from four days on the Wonderland Trail.', object_id: rainierPhotos[0].id, hoursAgo: 30 * 24 - 2 },
    { status_type: 'added_video', message: 'New video: which ultralight tent survived the rain?', object_id: gearVideo.id, hoursAgo: 9 * 24 - 1 },
    { status_type: 'shared_story', message: 'Good read before your next permit lottery.', link: 'https://www.nps.gov/mora/planyourvisit/wilderness-permit.htm', hoursAgo: 5 * 24 },
    { status_type: 'mobile_status_update', message: 'Trailhead parking full by 6am. Plan accordingly.', hoursAgo: 2 * 24 },
    { status_type: 'mobile_status_update', message: 'Testing the new stove. Dinner was… crunchy.', hoursAgo: 20, is_hidden: true },
  ];
  for (const { hoursAgo, ...post } of posts) {
    await social.createPost({
      person_id: developer.id,
      from_person_id: developer.id,
      from_page_id: null,
      story: null,
      link: null,
      object_id: null,
      privacy: 'ALL_FRIENDS',
      is_hidden: false,
      ...post,
      created_time: now - hoursAgo * hour,
    });
  }
  await social.createPost({
    person_id: developer.id,
    from_person_id: developer.id,
    from_page_id: null,
    message: null,
    story: `${developer.first_name} ${developer.last_name} updated their profile picture.`,
    link: null,
    status_type: 'added_photos',
    object_id: profilePicture.id,
    privacy: 'EVERYONE',
    is_hidden: false,
    created_time: now - 320 * day,
  });

  // Friends' photos and videos the developer is tagged in, and notes on the developer's profile.
  for (const [index, friend] of friends.slice(0, 2).entries()) {
    const summit = await album(friend, index === 0 ? 'Summit day' : 'Weekend in the Cascades', 'normal', 40 + index);
    const shot = await photo(friend, summit, index === 0 ? 'Summit!' : 'Group photo at the lake', (40 + index) * 24);
    await tag(shot, friend, (40 + index) * 24);
    await tag(shot, developer, (40 + index) * 24 - 1);
    const clip = await social.createVideo({
      person_id: friend.id,
      title: index === 0 ? 'Trail run with friends' : 'Switchbacks timelapse',
      description: null,
      length: 45 + index * 30,
      embeddable: index === 0,
      published: true,
      created_time: now - (20 + index) * day,
    });
    await tag(clip, developer, (20 + index) * 24);
    await social.createPost({
      person_id: developer.id,
      from_person_id: friend.id,
      from_page_id: null,
      message: index === 0 ? 'Great hiking with you last weekend!' : 'Send me that tent link?',
      story: null,
      link: null,
      status_type: 'wall_post',
      object_id: null,
      privacy: 'ALL_FRIENDS',
      is_hidden: false,
      created_time: now - (3 + index * 4) * day,
    });
  }
}

async function seedApps(store: Store, world: DemoSocialWorld, developer: PersonRow, friends: PersonRow[]): Promise<void> {
  const { app, now } = world;
  const social = store.social;
  const request = (sender: PersonRow | null, recipient: PersonRow, message: string, hoursAgo: number, extra: { action_type?: string; data?: string; answeredHoursAgo?: number } = {}) =>
    social.createAppRequest({
      app_id: app.id,
      sender_person_id: sender?.id ?? null,
      recipient_person_id: recipient.id,
      message,
      data: extra.data ?? null,
      action_type: extra.action_type ?? null,
      created_time: now - hoursAgo * hour,
      deleted_time: extra.answeredHoursAgo === undefined ? 0 : now - extra.answeredHoursAgo * hour,
    });
  await request(null, developer, 'Your weekly audience sync report is ready.', 6, { data: 'report=weekly' });
  const [first, second, third, fourth] = friends;
  if (first) await request(first, developer, 'Join my 30-day trail challenge!', 30, { action_type: 'SEND', data: 'challenge=trail30' });
  if (second) await request(second, developer, 'Can you lend me an extra sync seat?', 52, { action_type: 'ASKFOR' });
  // Requests the developer sent: two answered (their recipients are former recipients), one pending.
  if (third) await request(developer, third, 'Try the audience sync with me.', 200, { answeredHoursAgo: 150 });
  if (fourth) await request(developer, fourth, 'Your turn to upload the list.', 90, { action_type: 'TURN', answeredHoursAgo: 40 });
  if (first) await request(developer, first, 'Join the trail challenge team.', 12);

  const subscription = (person: PersonRow, product: string, amount: string, daysAgo: number, status = 'active') =>
    social.createPaymentSubscription({
      app_id: app.id,
      person_id: person.id,
      product: `https://acme-outdoor.example.com/og/${product}.html`,
      amount,
      currency: 'USD',
      billing_period: 'MONTH',
      status,
      pending_cancel: status !== 'active',
      period_start_time: now - (daysAgo % 30) * day,
      next_bill_time: now + (30 - (daysAgo % 30)) * day,
      test: true,
      created_time: now - daysAgo * day,
    });
  await subscription(developer, 'pro-plan', '29.99', 95);
  await subscription(developer, 'extra-seats', '4.99', 40);
  if (first) await subscription(first, 'pro-plan', '29.99', 12);
}

async function seedMessaging(store: Store, world: DemoSocialWorld, developer: PersonRow, friends: PersonRow[], brand: PageRow): Promise<void> {
  const { page, now } = world;
  const social = store.social;
  const thread = (pageId: string, person: PersonRow, snippet: string, messages: number, hoursAgo: number, extra: { platform?: string; folder?: string; unread?: number } = {}) =>
    social.createThread({
      page_id: pageId,
      person_id: person.id,
      platform: extra.platform ?? 'MESSENGER',
      folder: extra.folder ?? 'inbox',
      snippet,
      message_count: messages,
      unread_count: extra.unread ?? 0,
      last_sender: messages % 2 === 0 ? 'page' : 'person',
      can_reply: true,
      updated_time: now - hoursAgo * hour,
    });
  await thread(page.id, developer, 'Your order #1042 has shipped.', 6, 3, { unread: 1 });
  await thread(brand.id, developer, 'Is the Nano Puff still covered by Ironclad?', 3, 49);
  await thread(page.id, developer, 'Thanks for tagging us!', 2, 120, { platform: 'INSTAGRAM' });
  for (const [index, friend] of friends.slice(0, 3).entries()) {
    await thread(page.id, friend, ['Do you ship to Canada?', 'Where is my refund?', 'Love the new catalog!'][index], index + 1, 10 + index * 30, {
      folder: index === 1 ? 'pending' : 'inbox',
    });
  }
  const labels = [];
  for (const [index, name] of ['VIP', 'Newsletter', 'Wholesale inquiry'].entries()) {
    labels.push(await social.createThreadLabel({ page_id: page.id, name, created_time: now - (60 - index * 20) * day }));
  }
  await social.labelPerson(labels[0].id, developer.id, now - 50 * day);
  await social.labelPerson(labels[1].id, developer.id, now - 30 * day);
  for (const [index, friend] of friends.slice(0, 3).entries()) await social.labelPerson(labels[index % labels.length].id, friend.id, now - index * day);
}

async function seedBusinessAssets(store: Store, world: DemoSocialWorld, developer: PersonRow, deals: PageRow): Promise<void> {
  const { business, app, otherApp, page, now } = world;
  const social = store.social;
  const acmeUser = (await store.businessUsers.findByPerson(business.id, developer.id)) ?? (await addBusinessUser(store, business.id, developer, 'ADMIN', now));
  // An agency the developer also works with: a second business, with a study of its own.
  const agency = await store.businesses.create({ name: 'Trailhead Creative Agency', created_time: now - 400 * day });
  await addBusinessUser(store, agency.id, developer, 'EMPLOYEE', now - 100 * day);

  const study = (businessId: string, name: string, type: string, startDaysAgo: number, lengthDays: number, description: string | null = null) =>
    social.createAdStudy({
      business_id: businessId,
      name,
      description,
      type,
      start_time: now - startDaysAgo * day,
      end_time: now - startDaysAgo * day + lengthDays * day,
      observation_end_time: now - startDaysAgo * day + (lengthDays + 7) * day,
      cooldown_start_time: null,
      canceled_time: null,
      results_first_available_date: new Date((now - startDaysAgo * day + 3 * day) * 1000).toISOString().slice(0, 10),
      created_by_person_id: developer.id,
      created_time: now - (startDaysAgo + 5) * day,
    });
  await study(business.id, 'Spring campaign lift', 'LIFT', 60, 28, 'Conversion lift of the spring prospecting campaign.');
  await study(business.id, 'Creative split test: video vs carousel', 'SPLIT_TEST', 20, 14);
  await study(agency.id, 'Geo lift: Pacific Northwest', 'GEO_LIFT', 90, 42);

  const assign = (user: BusinessUserRow, asset_type: 'Application' | 'Page' | 'ProductCatalog' | 'BusinessAssetGroup', asset_id: string, tasks: string[], daysAgo: number) =>
    social.assignAsset({ business_user_id: user.id, asset_type, asset_id, tasks, created_time: now - daysAgo * day });
  await assign(acmeUser, 'Application', app.id, ['DEVELOP', 'MANAGE'], 300);
  await assign(acmeUser, 'Application', otherApp.id, ['DEVELOP'], 250);
  await assign(acmeUser, 'Page', page.id, ['MANAGE', 'CREATE_CONTENT', 'MODERATE', 'ADVERTISE', 'ANALYZE'], 300);
  await assign(acmeUser, 'Page', deals.id, ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT'], 190);
  for (const [index, { name, vertical, products, feeds }] of [
    { name: 'Acme Outdoor: Products', vertical: 'commerce', products: 248, feeds: 2 },
    { name: 'Acme Outdoor: Rentals', vertical: 'commerce', products: 36, feeds: 1 },
  ].entries()) {
    const catalog = await social.createProductCatalog({ business_id: business.id, name, vertical, product_count: products, feed_count: feeds, created_time: now - (280 - index * 100) * day });
    await assign(acmeUser, 'ProductCatalog', catalog.id, index === 0 ? ['MANAGE', 'ADVERTISE'] : ['ADVERTISE'], 270 - index * 100);
  }
  for (const [index, name] of ['Retail brand', 'Seasonal campaigns'].entries()) {
    const group = await social.createAssetGroup({ business_id: business.id, name, created_time: now - (150 - index * 50) * day });
    await assign(acmeUser, 'BusinessAssetGroup', group.id, ['MANAGE'], 140 - index * 50);
  }
}
