import { graphDate } from '../../graph/json.js';
import { ageRange, cityPage, fullName, hometownPage, idForAvatars, profileLink, tokenForBusiness } from '../../people/profile.js';
import { pictureSource, pictureTypes } from '../../people/picture.js';
import type { FieldNode } from '../../graph/fields/ast.js';
import type { Context, FieldDef, TypeDef } from '../types.js';
import { canSeeUserField, loadUserNode, type UserNode } from './user-node.js';
import { permissionsEdge } from './user-permissions.js';
import { idsForAppsEdge, idsForPagesEdge } from './user-ids-for.js';
import { userSocialEdges } from './user-social-edges.js';
import { userDelete, userUpdate } from './user-writes.js';

type UserField = FieldDef<UserNode>;

const noData = (type: string): UserField => ({ type, description: 'Returns no data as of April 4, 2018.', noData: true });
const profile = (key: keyof UserNode['person']['profile'], type: string, description: string, permission = 'user_likes'): UserField => ({
  type,
  description,
  permission,
  resolve: (node) => node.person.profile[key],
});

function pictureOf(node: UserNode, ctx: Context, selection: FieldNode) {
  const mod = selection.modifiers;
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value) || undefined);
  return pictureSource(ctx.origin, node.person.profile.picture_seed ?? node.person.id, {
    type: mod.type,
    width: number(mod.width),
    height: number(mod.height),
  });
}

/**
 * The User node: a person seen through one app. Permissions follow Meta's login permissions
 * (docs/permissions.md); public_profile fields need nothing beyond a token of the app.
 */
export const userType: TypeDef<UserNode> = {
  name: 'User',
  description: 'Represents a Facebook user.',
  defaultFields: ['name', 'id'],
  load: loadUserNode,
  canSee: canSeeUserField,
  update: userUpdate,
  delete: userDelete,
  fields: {
    id: { type: 'numeric string', description: "The app user's App-Scoped User ID. This ID is unique to the app and cannot be used by other apps.", permission: 'public_profile' },
    about: noData('string'),
    age_range: { type: 'AgeRange', description: 'The age segment for this person expressed as a minimum and maximum age.', permission: 'user_age_range', resolve: (n, ctx) => ageRange(n.person.birthday, ctx.now) },
    birthday: { type: 'string', description: "The person's birthday: MM/DD/YYYY, or only MM/DD or YYYY.", permission: 'user_birthday', resolve: (n) => n.person.birthday },
    education: noData('list<EducationExperience>'),
    email: { type: 'string', description: "The User's primary email address listed on their profile.", permission: 'email', resolve: (n) => n.person.email },
    favorite_athletes: profile('favorite_athletes', 'list<Experience>', 'Athletes the User likes.'),
    favorite_teams: profile('favorite_teams', 'list<Experience>', 'Sports teams the User likes.'),
    first_name: { type: 'string', description: "The person's first name", permission: 'public_profile', resolve: (n) => n.person.first_name },
    gender: { type: 'string', description: 'The gender selected by this person, male or female.', permission: 'user_gender', resolve: (n) => n.person.gender },
    hometown: { type: 'Page', description: "The person's hometown", permission: 'user_hometown', resolve: (n) => hometownPage(n.person) },
    id_for_avatars: { type: 'numeric string', description: 'A profile based app scoped ID. It is used to query avatars', resolve: (n, ctx) => idForAvatars(ctx.salt, n.app.id, n.person.id) },
    inspirational_people: profile('inspirational_people', 'list<Experience>', "The person's inspirational people"),
    installed: { type: 'bool', description: 'Is the app making the request installed', resolve: (n) => n.appUser.installed },
    is_guest_user: { type: 'bool', description: 'if the current user is a guest user. should always return false.', resolve: () => false },
    languages: profile('languages', 'list<Experience>', 'Facebook Pages representing the languages this person knows'),
    last_name: { type: 'string', description: "The person's last name", permission: 'public_profile', resolve: (n) => n.person.last_name },
    link: { type: 'string', description: "A link to the person's Timeline.", permission: 'user_link', resolve: (n) => profileLink(n.id) },
    local_news_megaphone_dismiss_status: { type: 'bool', description: 'Display megaphone for local news bookmark', deprecated: true, resolve: (n) => n.person.profile.local_news_megaphone_dismissed ?? false },
    local_news_subscription_status: { type: 'bool', description: 'Daily local news notification', deprecated: true, resolve: (n) => n.person.profile.local_news_subscribed ?? false },
    locale: { type: 'string', description: "The person's locale", resolve: (n) => n.person.locale },
    location: { type: 'Page', description: "The person's current location as entered by them on their profile.", permission: 'user_location', resolve: (n) => cityPage(n.person) },
    meeting_for: profile('meeting_for', 'list<string>', 'What the person is interested in meeting for'),
    middle_name: { type: 'string', description: "The person's middle name", permission: 'public_profile', resolve: (n) => n.person.middle_name },
    name: { type: 'string', description: "The person's full name", permission: 'public_profile', resolve: (n) => fullName(n.person) },
    name_format: { type: 'string', description: "The person's name formatted to correctly handle Chinese, Japanese, or Korean ordering", permission: 'public_profile', resolve: (n) => (n.person.middle_name ? '{first} {middle} {last}' : '{first} {last}') },
    picture: { type: 'ProfilePictureSource', description: "The person's profile picture", permission: 'public_profile', wrapInData: true, resolve: pictureOf },
    political: noData('string'),
    quotes: profile('quotes', 'string', "The person's favorite quotes"),
    relationship_status: noData('string'),
    religion: noData('string'),
    shared_login_upgrade_required_by: { type: 'datetime', description: 'The time that the shared login needs to be upgraded to Business Manager by', resolve: () => undefined },
    short_name: { type: 'string', description: "Shortened, locale-aware name for the person", permission: 'public_profile', resolve: (n) => n.person.first_name },
    significant_other: { type: 'User', description: "The person's significant other", permission: 'user_relationships', resolve: () => undefined },
    sports: profile('sports', 'list<Experience>', 'Sports played by the person'),
    supports_donate_button_in_live_video: { type: 'bool', description: 'Whether the user can add a Donate Button to their Live Videos', resolve: () => false },
    third_party_id: { type: 'string', description: 'An anonymous, unique identifier for the User. Deprecated for versions 3.0+.', until: 3, deprecated: true },
    timezone: { type: 'float', description: "The person's current timezone offset from UTC", resolve: (n) => n.person.timezone },
    token_for_business: { type: 'string', description: "A token that is the same across a business's apps.", resolve: (n, ctx) => (n.app.business_id ? tokenForBusiness(ctx.salt, n.app.business_id, n.person.id) : undefined) },
    updated_time: { type: 'datetime', description: 'Updated time', deprecated: true, resolve: (n) => graphDate(n.person.updated_time) },
    verified: { type: 'bool', description: 'Indicates whether the account has been verified.', deprecated: true, resolve: (n) => n.person.verified },
    video_upload_limits: { type: 'VideoUploadLimits', description: 'Video upload limits', resolve: () => ({ length: 14400, size: 274877906944 }) },
    website: noData('string'),
  },
  edges: {
    ...userSocialEdges,
    ids_for_apps: idsForAppsEdge('Businesses can claim ownership of multiple apps using Business Manager. This edge returns the list of IDs that this user has in any of those other apps'),
    ids_for_business: idsForAppsEdge('Businesses can claim ownership of multiple apps using Business Manager. This edge returns the list of IDs that this user has in any of those other apps'),
    ids_for_pages: idsForPagesEdge,
    permissions: permissionsEdge,
    picture: {
      type: 'ProfilePictureSource',
      description: "The person's profile picture",
      params: {
        redirect: { type: 'bool', description: 'Redirect to the picture (default) or answer JSON' },
        type: { type: `enum {${pictureTypes.join(', ')}}`, description: 'Picture size' },
        height: { type: 'int', description: 'Picture height in pixels', min: 1, max: 2048 },
        width: { type: 'int', description: 'Picture width in pixels', min: 1, max: 2048 },
      },
      async get(node, params, ctx) {
        const source = pictureSource(ctx.origin, node.person.profile.picture_seed ?? node.person.id, params);
        if (params.redirect === false) return { data: source };
        return { raw: { status: 302, headers: { location: source.url, 'content-type': 'text/html; charset=UTF-8' } } };
      },
    },
  },
};
