import type { TypeDef } from '../types.js';

/** Value types without ids of their own: rendered inside nodes, never loaded from a path. */
const struct = (name: string, description: string, fields: Record<string, [string, string]>): TypeDef => ({
  name,
  description,
  defaultFields: Object.keys(fields),
  fields: Object.fromEntries(Object.entries(fields).map(([field, [type, text]]) => [field, { type, description: text }])),
});

export const structTypes: TypeDef[] = [
  struct('AgeRange', 'An age range: more than min, less than max.', {
    min: ['unsigned int', 'The lower bounds of the range.'],
    max: ['unsigned int', 'The upper bounds of the range.'],
  }),
  struct('Experience', 'A thing the person likes, played or speaks.', {
    id: ['string', 'ID'],
    name: ['string', 'Title'],
    description: ['string', 'Description'],
  }),
  struct('EducationExperience', 'Education (returns no data as of April 4, 2018).', {
    id: ['string', 'ID'],
  }),
  struct('Permission', 'A permission the person granted or declined.', {
    permission: ['string', 'Name of the permission'],
    status: ['string', 'Status: granted, declined or expired'],
  }),
  struct('ProfilePictureSource', "A person's profile picture.", {
    height: ['unsigned int', 'Height in pixels'],
    is_silhouette: ['bool', 'Whether this is the default silhouette'],
    url: ['string', 'URL of the picture'],
    width: ['unsigned int', 'Width in pixels'],
  }),
  struct('VideoUploadLimits', 'How long and how large a video the person may upload.', {
    length: ['int', 'Length in seconds'],
    size: ['int64', 'Size in bytes'],
  }),
  {
    name: 'UserIDForApp',
    description: "The person's id in another app of the same business.",
    defaultFields: ['id', 'app'],
    fields: { id: { type: 'numeric string', description: 'The app-scoped id' }, app: { type: 'Application', description: 'The app' } },
  },
  {
    name: 'UserIDForPage',
    description: "The person's id for a page of the same business.",
    defaultFields: ['id', 'page'],
    fields: { id: { type: 'numeric string', description: 'The page-scoped id' }, page: { type: 'Page', description: 'The page' } },
  },
];
