/**
 * Page categories Meta counts as music: the `music` edge is the person's likes of pages in
 * these categories (a subset of `likes`).
 */
export const musicCategories: readonly string[] = [
  'Album',
  'Concert Tour',
  'Concert Venue',
  'Music Award',
  'Music Chart',
  'Music Video',
  'Musical Genre',
  'Musical Instrument',
  'Musician/Band',
  'Radio Station',
  'Record Label',
  'Song',
];
