import { CompiledSchema } from './compile.js';
import { adAccountType } from './nodes/ad-account.js';
import { adsPixelType } from './nodes/ads-pixel.js';
import { assignedUserType } from './nodes/ad-account-assigned-users.js';
import { applicationType } from './nodes/application.js';
import { businessType, systemUserType } from './nodes/business.js';
import { businessUserType } from './nodes/business-user.js';
import { pageType } from './nodes/page.js';
import { profileType } from './nodes/page-blocked.js';
import { socialTypes } from './nodes/social-types.js';
import { structTypes } from './nodes/structs.js';
import { testAccountType } from './nodes/test-users.js';
import { userType } from './nodes/user.js';
import { customAudienceType } from './nodes/custom-audience.js';
import { customAudienceStructs } from './nodes/custom-audience-structs.js';
import { debugTokenEndpoint, oauthAccessTokenEndpoint } from './roots/token-endpoints.js';
import type { SchemaTable } from './types.js';

/** The one table of node types graphd serves. Routing, validation, metadata=1 and docs/api.md read it. */
export const graphTable: SchemaTable = {
  types: [userType, applicationType, pageType, businessType, systemUserType, adAccountType, adsPixelType, customAudienceType, ...structTypes, ...customAudienceStructs, businessUserType, assignedUserType, profileType, testAccountType, ...socialTypes],
  roots: {
    debug_token: debugTokenEndpoint,
    'oauth/access_token': oauthAccessTokenEndpoint,
  },
};

export function compileGraphSchema(): CompiledSchema {
  return new CompiledSchema(graphTable);
}
