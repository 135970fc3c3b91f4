import { fullName } from '../../people/profile.js';
import { mayActForPage } from '../../social/access.js';
import { canvasLink, threadLink } from '../../social/links.js';
import type { CanvasRow, MessageThreadRow, ThreadLabelRow } from '../../store/social-types.js';
import type { Context, TypeDef } from '../types.js';
import { field, loadVisible, time, userField } from './social-fields.js';

/*
 * What pages hold about a person: Messenger threads (UnifiedThread), the labels a page puts
 * on people in its inbox (PageUserMessageThreadLabel), and Instant Experiences (Canvas).
 * Fields as Meta's codegen specs name them (facebook-business-sdk-codegen
 * api_specs/specs/<Type>.json; none is in ../shared/specs); PageUserMessageThreadLabel's
 * `page_label_name` follows the current SDKs (v24), where older specs said `name`.
 */

/** Seen by those who may act for the page that holds it, with this permission. */
const forPage =
  (permission: string) =>
  (held: { page_id: string }, ctx: Context): Promise<boolean> =>
    mayActForPage(ctx.store, ctx.viewer, held.page_id, permission);

/** A thread is the page's (its token, or people with a role through pages_messaging) and the person's own. */
async function maySeeThread(thread: MessageThreadRow, ctx: Context): Promise<boolean> {
  const { viewer } = ctx;
  if (viewer.kind === 'USER' && viewer.personId === thread.person_id && viewer.scopes.has('pages_messaging')) return true;
  return mayActForPage(ctx.store, viewer, thread.page_id, 'pages_messaging');
}

/** The two sides of a page thread as Messenger shows them: the person by their PSID, and the page. */
async function threadSides(thread: MessageThreadRow, ctx: Context) {
  const [page, person, scoped] = await Promise.all([
    ctx.store.pages.get(thread.page_id),
    ctx.store.people.get(thread.person_id),
    ctx.store.pages.scopedId(thread.page_id, thread.person_id),
  ]);
  const personSide = person && { name: fullName(person), email: `${scoped.psid}@facebook.com`, id: scoped.psid };
  const pageSide = page && { name: page.name, email: `${page.id}@facebook.com`, id: page.id };
  return { personSide, pageSide };
}

export const unifiedThreadType: TypeDef<MessageThreadRow> = {
  name: 'UnifiedThread',
  description: 'A Messenger conversation between a person and a page.',
  defaultFields: ['updated_time', 'id'],
  load: loadVisible((id, ctx) => ctx.store.social.getThread(id), maySeeThread),
  fields: {
    id: field('string', 'The thread ID'),
    can_reply: field('bool', 'Whether the page can reply to the thread'),
    former_participants: field('Object', 'People who left the thread: {data}', () => ({ data: [] })),
    is_subscribed: field('bool', 'Whether the page receives the thread in its inbox', () => true),
    link: field('string', 'A link to the thread in the page inbox', (thread) => threadLink(thread.page_id, thread.id)),
    message_count: field('int', 'The number of messages in the thread'),
    participants: field('Object', 'The two sides of the thread: {data: [{name, email, id}]}', async (thread, ctx) => {
      const { personSide, pageSide } = await threadSides(thread, ctx);
      return { data: [personSide, pageSide].filter(Boolean) };
    }),
    scoped_thread_key: field('string', 'The thread key scoped to the page', (thread) => `t_${thread.id}`),
    senders: field('Object', 'Who has written in the thread: {data: [{name, email, id}]}', async (thread, ctx) => {
      const { personSide, pageSide } = await threadSides(thread, ctx);
      const last = thread.last_sender === 'page' ? pageSide : personSide;
      const both = thread.message_count > 1 ? [personSide, pageSide] : [last];
      return { data: both.filter(Boolean) };
    }),
    snippet: field('string', 'The last message of the thread, shortened'),
    unread_count: field('int', 'The number of messages the page has not read'),
    updated_time: time('When the last message was sent', (thread) => thread.updated_time),
  },
};

export const threadLabelType: TypeDef<ThreadLabelRow> = {
  name: 'PageUserMessageThreadLabel',
  description: 'A label a page puts on people in its inbox (a custom label).',
  defaultFields: ['page_label_name', 'id'],
  load: loadVisible((id, ctx) => ctx.store.social.getThreadLabel(id), forPage('pages_messaging')),
  fields: {
    id: field('string', 'The label ID'),
    page_label_name: field('string', 'The name of the label', (label) => label.name),
  },
};

export const canvasType: TypeDef<CanvasRow> = {
  name: 'Canvas',
  description: "An Instant Experience (formerly Canvas) of a page: a full-screen ad destination.",
  defaultFields: ['name', 'id'],
  load: loadVisible((id, ctx) => ctx.store.social.getCanvas(id), forPage('pages_read_engagement')),
  fields: {
    id: field('string', 'The Instant Experience ID'),
    background_color: field('string', 'The background color of the Instant Experience'),
    canvas_link: field('string', 'The link to the Instant Experience', (canvas) => canvasLink(canvas.id)),
    is_hidden: field('bool', 'Whether the Instant Experience is hidden from the page'),
    is_published: field('bool', 'Whether the Instant Experience is published'),
    last_editor: userField('The last person who edited the Instant Experience', (canvas) => canvas.last_editor_person_id),
    name: field('string', 'The name of the Instant Experience'),
    owner: field('Page', 'The page that owns the Instant Experience', (canvas, ctx) => ctx.store.pages.get(canvas.page_id)),
    update_time: field('int', 'When the Instant Experience was last updated (unix time)', (canvas) => canvas.update_time),
  },
};

export const socialPageTypes: TypeDef[] = [unifiedThreadType, threadLabelType, canvasType];
