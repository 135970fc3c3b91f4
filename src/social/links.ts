/**
 * The URLs social objects carry. Images are graphd's own generated pictures (the avatar
 * route, seeded by the object id), so every `source`/`picture` answers; facebook.com links
 * have Meta's shape but do not resolve (docs/differences.md).
 */
import { createHash } from 'node:crypto';

export interface ImageSource {
  height: number;
  width: number;
  source: string;
}

/** The generated picture of a photo or video at one size. */
export function imageUrl(origin: string, objectId: string, size: number): string {
  return `${origin}/_graphd/avatars/media-${objectId}.svg?size=${Math.max(16, Math.round(size))}`;
}

/** Meta's renditions of an uploaded photo: the original, then smaller ones, largest first. */
export function photoImages(origin: string, photoId: string, width: number, height: number): ImageSource[] {
  const longest = Math.max(width, height);
  const sides = [longest, 960, 720, 480, 320, 130].filter((side, index) => index === 0 || side < longest);
  return sides.map((side) => {
    const scale = side / longest;
    const scaled = { width: Math.round(width * scale), height: Math.round(height * scale) };
    return { ...scaled, source: imageUrl(origin, photoId, side) };
  });
}

export const photoLink = (photoId: string): string => `https://www.facebook.com/photo.php?fbid=${photoId}`;
export const albumLink = (albumId: string): string => `https://www.facebook.com/album.php?fbid=${albumId}`;
export const videoPermalink = (videoId: string): string => `https://www.facebook.com/watch/?v=${videoId}`;
export const postPermalink = (postId: string): string => `https://www.facebook.com/permalink.php?story_fbid=${postId}`;
export const threadLink = (pageId: string, threadId: string): string => `https://www.facebook.com/${pageId}/inbox/${threadId}/`;
export const canvasLink = (canvasId: string): string => `https://fb.com/canvas_doc/${canvasId}`;

/** The embed iframe Meta gives for a video or a live video. */
export function embedHtml(videoId: string, width = 1280, height = 720): string {
  const href = encodeURIComponent(videoPermalink(videoId));
  return `<iframe src="https://www.facebook.com/plugins/video.php?href=${href}&width=${width}" width="${width}" height="${height}" style="border:none;overflow:hidden" scrolling="no" frameborder="0" allowfullscreen="true" allow="autoplay; clipboard-write; encrypted-media; picture-in-picture; web-share" allowFullScreen="true"></iframe>`;
}

/**
 * Where the broadcaster streams to: Meta's RTMPS ingest with a stream key that only the
 * install's salt and the live video id derive.
 */
export function streamUrl(salt: string, liveVideoId: string): string {
  const key = createHash('sha256').update(`${salt}:stream:${liveVideoId}`).digest('base64url').slice(0, 22);
  return `rtmps://live-api-s.facebook.com:443/rtmp/FB-${liveVideoId}-0-${key}`;
}
