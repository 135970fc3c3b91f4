import { oauth, type ErrorSpec } from '../graph/errors.js';

/**
 * Errors of the User edges beyond the protocol's catalogue (src/graph/errors.ts), as data of
 * the same shape. The 283 text is Meta's, from the Page canvases reference.
 */
export const socialErrors = {
  pageReadPermission: oauth(
    283,
    '(#283) That action requires the extended permission pages_read_engagement and/or pages_read_user_content and/or pages_manage_ads and/or pages_manage_metadata',
    { status: 403 },
  ),
} satisfies Record<string, ErrorSpec>;
