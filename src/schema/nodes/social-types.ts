import type { TypeDef } from '../types.js';
import { socialAppTypes } from './social-apps.js';
import { socialBusinessTypes } from './social-business.js';
import { socialMediaTypes } from './social-media.js';
import { socialPageTypes } from './social-pages.js';

/** The item types of the User edges beyond the profile (user-social-edges.ts), and the structs they use. */
export const socialTypes: TypeDef[] = [...socialMediaTypes, ...socialAppTypes, ...socialPageTypes, ...socialBusinessTypes];
