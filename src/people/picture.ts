/** Profile picture sizes by `type`, as Meta serves them (square = small = 50, normal 100, large 200). */
const sizes: Record<string, number> = { small: 50, square: 50, album: 50, normal: 100, large: 200 };

export const pictureTypes = Object.keys(sizes);

export interface PictureSource {
  url: string;
  width: number;
  height: number;
  is_silhouette: boolean;
}

export function pictureSource(origin: string, seed: string, options: { type?: string; width?: number; height?: number }): PictureSource {
  const fallback = sizes[options.type ?? 'small'] ?? 50;
  const width = options.width ?? options.height ?? fallback;
  const height = options.height ?? options.width ?? fallback;
  const size = Math.max(width, height);
  return { url: `${origin}/_graphd/avatars/${encodeURIComponent(seed)}.svg?size=${size}`, width, height, is_silhouette: false };
}
