import { debugToken } from '../../identity/debug-token.js';
import { oauthAccessToken } from '../../identity/oauth.js';
import type { RootEndpoint } from '../types.js';

export const debugTokenEndpoint: RootEndpoint = {
  description: 'Metadata about an access token: app, type, validity, expiry and scopes.',
  method: 'GET',
  needsToken: true,
  params: {
    input_token: { type: 'string', required: true, description: 'The token to inspect' },
    fields: { type: 'string', description: 'Which keys of data to answer' },
  },
  returns: 'Struct {data: DebugTokenData}',
  async run(params, ctx) {
    const data = await debugToken(ctx.store, ctx.viewer, params.input_token, ctx.now);
    // The SDKs' getAppID() asks for fields=app_id; honour a flat field list on data.
    const wanted = typeof params.fields === 'string' && params.fields.trim() ? params.fields.split(',').map((f: string) => f.trim()) : undefined;
    return { data: wanted ? Object.fromEntries(Object.entries(data).filter(([key]) => wanted.includes(key))) : data };
  },
};

export const oauthAccessTokenEndpoint: RootEndpoint = {
  description: 'Issues app tokens (client_credentials) and long-lived user tokens (fb_exchange_token).',
  method: 'GET',
  needsToken: false,
  params: {
    grant_type: { type: 'enum {client_credentials, fb_exchange_token}', description: 'What to issue' },
    client_id: { type: 'string', required: true, description: 'The app id' },
    client_secret: { type: 'string', required: true, description: 'The app secret' },
    fb_exchange_token: { type: 'string', description: 'The short-lived token to exchange' },
  },
  returns: 'Struct {access_token: string, token_type: string, expires_in?: int}',
  run: (params, ctx) => oauthAccessToken(ctx.store, params, ctx.now),
};
