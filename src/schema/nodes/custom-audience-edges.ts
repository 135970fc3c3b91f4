import { GraphError } from '../../graph/graph-error.js';
import { pageOfList } from '../../graph/paging.js';
import { replaceUsers } from '../../audiences/replace-users.js';
import { shareAudience, unshareAudience } from '../../audiences/share-audience.js';
import { sessionProgress } from '../../audiences/sessions.js';
import { isPending } from '../../audiences/transitions.js';
import { uploadUsers } from '../../audiences/upload-users.js';
import type { AudienceSessionRow } from '../../store/audience-types.js';
import type { EdgeDef, OperationDef } from '../types.js';
import type { AudienceNode } from './custom-audience.js';
import { usersParams } from './custom-audience-params.js';

const uploadReturns = 'Struct {audience_id: numeric string, session_id: numeric string, num_received: int32, num_invalid_entries: int32, invalid_entry_samples: Map {string: string}}';

const upload = (kind: 'add' | 'remove', description: string): OperationDef<AudienceNode> => ({
  description,
  params: usersParams,
  returns: uploadReturns,
  async run(audience, params, ctx) {
    return { body: { ...(await uploadUsers(ctx.store, ctx.viewer, audience, kind, params, ctx.now, ctx.audienceSettings)) } };
  },
});

export const usersEdge: EdgeDef<AudienceNode> = {
  type: 'User',
  description: 'Add (POST) or remove (DELETE) people by hashed identifiers, in batches of at most 10,000 rows within sessions.',
  post: upload('add', 'Add people to the audience.'),
  delete: upload('remove', 'Remove people from the audience.'),
};

export const usersReplaceEdge: EdgeDef<AudienceNode> = {
  type: 'CustomAudience',
  description: 'Replace every member of the audience, in one session of batches.',
  post: {
    description: 'Replace the audience members.',
    params: { ...usersParams, payload: { ...usersParams.payload, required: true }, session: { ...usersParams.session, required: true } },
    returns: 'Struct {account_id: numeric string, session_id: numeric string, num_received: int32, num_invalid_entries: int32, invalid_entry_samples: Map {string: string}}',
    async run(audience, params, ctx) {
      return { body: { ...(await replaceUsers(ctx.store, ctx.viewer, audience, params, ctx.now, ctx.audienceSettings)) } };
    },
  },
};

/** Sessions read back with every field a string, as Meta returns them. */
function sessionView(session: AudienceSessionRow, audiencePending: boolean) {
  const { stage, num_matched, progress } = sessionProgress(session, audiencePending);
  return {
    session_id: session.session_id,
    start_time: String(session.start_time),
    end_time: String(session.end_time),
    num_received: String(session.num_received),
    num_matched: String(num_matched),
    num_invalid_entries: String(session.num_invalid_entries),
    progress: String(progress),
    stage,
  };
}

export const sessionsEdge: EdgeDef<AudienceNode> = {
  type: 'CustomAudienceSession',
  description: 'Upload sessions of the audience.',
  params: { session_id: { type: 'int64', description: 'Only this session' } },
  async list(audience, page, params, ctx) {
    const sessions = await ctx.store.audiences.listSessions(audience.id, page, params.session_id === undefined ? undefined : String(params.session_id));
    const pending = isPending(audience, ctx.now);
    return { items: sessions.rows.map((s) => ({ key: s.session_id, value: sessionView(s, pending) })), more: sessions.more };
  },
};

export const audienceAdAccountsEdge: EdgeDef<AudienceNode> = {
  type: 'CustomAudienceAdAccount',
  description: 'Ad accounts the audience is shared with.',
  params: { permissions: { type: 'string', description: 'Only shares with these permissions' } },
  async list(audience, page, params, ctx) {
    const shares = (await ctx.store.audiences.sharedWith(audience.id))
      .filter((s) => params.permissions === undefined || s.permissions === params.permissions)
      .map((s) => ({ key: s.ad_account_id, value: { id: s.ad_account_id } }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    return { ...pageOfList(shares, page), total: shares.length };
  },
  post: {
    description: 'Share the audience with ad accounts of the same business.',
    params: {
      adaccounts: { type: 'list<string>', description: 'Ad account ids (without act_)' },
      permissions: { type: 'enum {targeting, targeting_and_insights}', description: 'What the recipients may do' },
      relationship_type: { type: 'list<string>', description: 'Relationship types' },
      replace: { type: 'bool', description: 'Replace the shared set' },
    },
    returns: 'Struct {success: bool, sharing_data: list}',
    async run(audience, params, ctx) {
      return { body: { ...(await shareAudience(ctx.store, ctx.viewer, audience, params, ctx.now)) } };
    },
  },
  delete: {
    description: 'Stop sharing the audience with ad accounts.',
    params: { adaccounts: { type: 'list<string>', description: 'Ad account ids (without act_)' } },
    returns: 'Struct {success: bool}',
    async run(audience, params, ctx) {
      if (!params.adaccounts) throw GraphError.of('paramRequired', { name: 'adaccounts' });
      await unshareAudience(ctx.store, ctx.viewer, audience, params.adaccounts);
      return { body: { success: true } };
    },
  },
};
