import { maySeeAnyone, maySeePersonContent } from '../../social/access.js';
import { pageRef, personRef } from '../../social/authors.js';
import { albumLink, embedHtml, imageUrl, photoImages, photoLink, postPermalink, streamUrl, videoPermalink } from '../../social/links.js';
import type { AlbumRow, LiveVideoRow, PhotoRow, PostRow, VideoRow } from '../../store/social-types.js';
import type { Context, FieldDef, TypeDef } from '../types.js';
import { field, loadVisible, time } from './social-fields.js';

/*
 * A person's media and posts as nodes: Album, Photo, AdVideo (the type Meta's specs give
 * /{user-id}/videos), LiveVideo and Post. Field names and types follow Meta's codegen specs
 * of these types (facebook-business-sdk-codegen api_specs/specs/<Type>.json; ../shared/specs
 * holds none of them); graphd declares the fields its data fills. Reading one needs what
 * reading the edge it comes from needs (docs/permissions.md).
 */

const isOwner = (personId: string, ctx: Context) => ctx.viewer.kind === 'USER' && ctx.viewer.personId === personId;
const fromPerson = <N extends { person_id: string }>(): FieldDef<N> =>
  field('Object', 'The profile that created it: {name, id}', (node, ctx) => personRef(ctx.store, ctx.viewer, node.person_id));

/** Seen by those who may see the owner's content with this permission. */
const ownerShares =
  (permission: string) =>
  (content: { person_id: string }, ctx: Context): Promise<boolean> =>
    maySeePersonContent(ctx.store, ctx.viewer, content.person_id, permission);

/** A photo or video: seen by those who may see its owner's or a tagged person's content with this permission. */
const anyoneShown =
  (permission: string) =>
  async (media: { id: string; person_id: string }, ctx: Context): Promise<boolean> => {
    const tagged = (await ctx.store.social.tagsOf(media.id)).map((tag) => tag.person_id);
    return maySeeAnyone(ctx.store, ctx.viewer, [media.person_id, ...tagged], permission);
  };

export const platformImageSourceType: TypeDef = {
  name: 'PlatformImageSource',
  description: 'One rendition of an image.',
  defaultFields: ['height', 'source', 'width'],
  fields: {
    height: field('unsigned int', 'Height in pixels'),
    source: field('string', 'URL of the image'),
    width: field('unsigned int', 'Width in pixels'),
  },
};

export const privacyType: TypeDef = {
  name: 'Privacy',
  description: 'Who a post is shown to.',
  defaultFields: ['allow', 'deny', 'description', 'friends', 'value'],
  fields: {
    allow: field('string', 'Ids of the people and lists allowed, when value is CUSTOM'),
    deny: field('string', 'Ids of the people and lists denied, when value is CUSTOM'),
    description: field('string', 'The audience in words'),
    friends: field('string', 'ALL_FRIENDS, FRIENDS_OF_FRIENDS or SOME_FRIENDS, when value is CUSTOM'),
    value: field('string', 'EVERYONE, ALL_FRIENDS, FRIENDS_OF_FRIENDS, SELF or CUSTOM'),
  },
};

const photoCount = async (album: AlbumRow, ctx: Context) => (await ctx.store.social.albumCounts([album.id])).get(album.id)?.photos ?? 0;

const privacyWords: Record<string, string> = { EVERYONE: 'Public', ALL_FRIENDS: 'Your friends', FRIENDS_OF_FRIENDS: 'Friends of friends', SELF: 'Only me' };

export const albumType: TypeDef<AlbumRow> = {
  name: 'Album',
  description: 'A photo album.',
  defaultFields: ['created_time', 'name', 'id'],
  load: loadVisible((id, ctx) => ctx.store.social.getAlbum(id), ownerShares('user_photos')),
  fields: {
    id: field('string', 'The album ID'),
    can_upload: field('bool', 'Whether the viewer can upload photos to this album', (album, ctx) => isOwner(album.person_id, ctx) && album.type !== 'profile'),
    count: field('unsigned int', 'Number of photos in this album', photoCount),
    cover_photo: field('Photo', 'The album cover photo', (album, ctx) => (album.cover_photo_id ? ctx.store.social.getPhoto(album.cover_photo_id) : undefined)),
    created_time: time('The time the album was initially created', (album) => album.created_time),
    description: field('string', 'The description of the album'),
    from: fromPerson(),
    is_user_facing: field('bool', 'Whether the album is shown on the profile', () => true),
    link: field('string', 'A link to this album on Facebook', (album) => albumLink(album.id)),
    location: field('string', 'The textual location of the album'),
    modified_major: time('Time of the last major update (e.g. addition of photos)', (album) => album.updated_time),
    name: field('string', 'The title of the album'),
    photo_count: field('unsigned int', 'Number of photos in this album', photoCount),
    privacy: field('string', 'The privacy settings for the album'),
    type: field('string', 'The type of the album: app, cover, profile, mobile, normal or wall'),
    updated_time: time('The last time the album was updated', (album) => album.updated_time),
    video_count: field('unsigned int', 'Number of videos in this album', () => 0),
  },
};

export const photoType: TypeDef<PhotoRow> = {
  name: 'Photo',
  description: 'An individual photo.',
  defaultFields: ['created_time', 'name', 'id'],
  load: loadVisible((id, ctx) => ctx.store.social.getPhoto(id), anyoneShown('user_photos')),
  fields: {
    id: field('string', 'The photo ID'),
    album: field('Album', 'The album this photo is in', (photo, ctx) => (photo.album_id ? ctx.store.social.getAlbum(photo.album_id) : undefined)),
    alt_text: field('string', 'Alt text generated for the photo'),
    can_delete: field('bool', 'Whether the viewer can delete the photo', (photo, ctx) => isOwner(photo.person_id, ctx)),
    can_tag: field('bool', 'Whether the viewer can tag the photo', (_photo, ctx) => ctx.viewer.kind === 'USER'),
    created_time: time('The time this photo was published', (photo) => photo.created_time),
    from: fromPerson(),
    height: field('unsigned int', 'The height of this photo in pixels'),
    images: field('list<PlatformImageSource>', 'The different stored representations of the photo', (photo, ctx) => photoImages(ctx.origin, photo.id, photo.width, photo.height)),
    link: field('string', 'A link to the photo on Facebook', (photo) => photoLink(photo.id)),
    name: field('string', 'The user-provided caption given to this photo'),
    picture: field('string', 'Link to the 100px wide representation of this photo', (photo, ctx) => imageUrl(ctx.origin, photo.id, 130)),
    source: field('string', 'Link to the largest representation of this photo', (photo, ctx) => imageUrl(ctx.origin, photo.id, Math.max(photo.width, photo.height))),
    updated_time: time('The last time the photo was updated', (photo) => photo.updated_time),
    width: field('unsigned int', 'The width of this photo in pixels'),
  },
};

export const videoType: TypeDef<VideoRow> = {
  name: 'AdVideo',
  description: 'A video (Meta names the type of /{user-id}/videos AdVideo; its reference page is Video).',
  metadataType: 'video',
  defaultFields: ['description', 'updated_time', 'id'],
  load: loadVisible((id, ctx) => ctx.store.social.getVideo(id), anyoneShown('user_videos')),
  fields: {
    id: field('string', 'The video ID'),
    created_time: time('The time the video was initially published', (video) => video.created_time),
    description: field('string', 'The text that accompanies the video'),
    embed_html: field('string', 'The HTML element that may be embedded in a web page to play the video', (video) => (video.embeddable ? embedHtml(video.id) : undefined)),
    embeddable: field('bool', 'Whether the video may be embedded'),
    from: fromPerson(),
    icon: field('string', 'The icon that Facebook displays when videos are published to the feed', () => 'https://static.xx.fbcdn.net/rsrc.php/v3/yD/r/DggDhA4z4tO.gif'),
    length: field('float', 'Duration of the video in seconds'),
    permalink_url: field('string', 'Permanent URL of the video', (video) => videoPermalink(video.id)),
    picture: field('string', 'The URL of the video thumbnail', (video, ctx) => imageUrl(ctx.origin, video.id, 130)),
    published: field('bool', 'Whether the video is published'),
    status: field('Object', 'The status of the video: {video_status}', () => ({ video_status: 'ready' })),
    title: field('string', 'The video title'),
    updated_time: time('The last time the video or its caption was updated', (video) => video.updated_time),
  },
};

/** Stream URLs are the broadcaster's: shown while the video can still go (or is) live. */
const streamable = new Set(['UNPUBLISHED', 'SCHEDULED_UNPUBLISHED', 'SCHEDULED_LIVE', 'LIVE']);
const streamUrlOf = (live: LiveVideoRow, ctx: Context) => (streamable.has(live.status) && isOwner(live.person_id, ctx) ? streamUrl(ctx.salt, live.id) : undefined);

export const liveVideoType: TypeDef<LiveVideoRow> = {
  name: 'LiveVideo',
  description: 'A live video broadcast, scheduled, live or over.',
  defaultFields: ['title', 'status', 'embed_html', 'id'],
  load: loadVisible((id, ctx) => ctx.store.social.getLiveVideo(id), ownerShares('user_videos')),
  fields: {
    id: field('string', 'The live video ID'),
    broadcast_start_time: time('The time the broadcast started', (live) => live.broadcast_start_time),
    creation_time: time('The time the live video was created', (live) => live.creation_time),
    description: field('string', 'The description of the live video'),
    embed_html: field('string', 'The HTML to embed the live video', (live) => embedHtml(live.video_id ?? live.id)),
    from: fromPerson(),
    is_manual_mode: field('bool', 'Whether the broadcast is in manual mode', () => false),
    is_reference_only: field('bool', 'Whether the live video is only a copyright reference', () => false),
    live_views: field('unsigned int', 'The number of people watching now'),
    permalink_url: field('string', 'The permanent URL of the live video', (live) => videoPermalink(live.video_id ?? live.id)),
    planned_start_time: time('The time the broadcast is planned to start', (live) => live.planned_start_time),
    secure_stream_url: field('string', 'The RTMPS URL to stream to (the broadcaster only)', streamUrlOf),
    status: field('string', 'The status of the live video: LIVE, LIVE_STOPPED, PROCESSING, SCHEDULED_*, UNPUBLISHED or VOD'),
    stream_url: field('string', 'The URL to stream to (the broadcaster only)', streamUrlOf),
    title: field('string', 'The title of the live video'),
    video: field('AdVideo', 'The recording, once the broadcast is over', (live, ctx) => (live.video_id ? ctx.store.social.getVideo(live.video_id) : undefined)),
  },
};

export const postType: TypeDef<PostRow> = {
  name: 'Post',
  description: 'A post on a profile: a status, a shared link, photo or video, or a note by someone else.',
  defaultFields: ['created_time', 'message', 'story', 'id'],
  load: loadVisible(
    (id, ctx) => ctx.store.social.getPost(id),
    async (post, ctx) => {
      if (post.from_page_id && ctx.viewer.kind === 'PAGE' && ctx.viewer.pageId === post.from_page_id) return true;
      const people = [post.person_id, ...(post.from_person_id ? [post.from_person_id] : [])];
      return maySeeAnyone(ctx.store, ctx.viewer, people, 'user_posts');
    },
  ),
  fields: {
    id: field('string', 'The post ID'),
    created_time: time('The time the post was initially published', (post) => post.created_time),
    from: field('Object', 'The profile that posted it: {name, id}', (post, ctx) =>
      post.from_page_id ? pageRef(ctx.store, post.from_page_id) : personRef(ctx.store, ctx.viewer, post.from_person_id ?? post.person_id),
    ),
    full_picture: field('string', "URL to a full-sized version of the post's photo or video picture", (post, ctx) => (post.object_id ? imageUrl(ctx.origin, post.object_id, 720) : undefined)),
    is_expired: field('bool', 'Whether the post has passed its expiration time', () => false),
    is_hidden: field('bool', 'Whether the post is hidden from the timeline'),
    is_published: field('bool', 'Whether the post was published', () => true),
    link: field('string', 'The link attached to the post'),
    message: field('string', 'The status message in the post'),
    object_id: field('string', 'The ID of the photo or video attached to the post'),
    permalink_url: field('string', 'The permanent static URL to the post', (post) => postPermalink(post.id)),
    picture: field('string', "URL to a resized version of the post's photo or video picture", (post, ctx) => (post.object_id ? imageUrl(ctx.origin, post.object_id, 130) : undefined)),
    privacy: field('Privacy', 'The privacy settings of the post', (post) => ({ allow: '', deny: '', description: privacyWords[post.privacy] ?? post.privacy, friends: '', value: post.privacy })),
    status_type: field('string', 'The type of the post: added_photos, added_video, mobile_status_update, shared_story, wall_post...'),
    story: field('string', 'Text of stories not intentionally generated by the person, such as a new profile picture'),
    updated_time: time('The time the post was last updated', (post) => post.updated_time),
  },
};

export const socialMediaTypes: TypeDef[] = [albumType, photoType, videoType, liveVideoType, postType, platformImageSourceType, privacyType];
