import { mayActForBusiness } from '../../social/access.js';
import type { AdStudyRow, BusinessAssetGroupRow, ProductCatalogRow } from '../../store/social-types.js';
import type { Context, TypeDef } from '../types.js';
import { field, loadVisible, time, userField } from './social-fields.js';

/*
 * What a business holds that its people are given: ad studies (AdStudy), business asset
 * groups and product catalogs. Fields as Meta's codegen specs name them
 * (facebook-business-sdk-codegen api_specs/specs/<Type>.json; none is in ../shared/specs).
 * Seen by the business's system users and business users (docs/permissions.md).
 */

/** Seen by those who may act for the business that holds the asset, with this permission. */
const forBusiness =
  (permission: string) =>
  (asset: { business_id: string }, ctx: Context): Promise<boolean> =>
    mayActForBusiness(ctx.store, ctx.viewer, asset.business_id, permission);

export const adStudyType: TypeDef<AdStudyRow> = {
  name: 'AdStudy',
  description: 'A study of how ads perform: a lift test or a split test, run by a business.',
  defaultFields: ['name', 'id'],
  load: loadVisible((id, ctx) => ctx.store.social.getAdStudy(id), forBusiness('ads_read')),
  fields: {
    id: field('string', 'The study ID'),
    business: field('Business', 'The business that runs the study', (study, ctx) => ctx.store.businesses.get(study.business_id)),
    canceled_time: time('When the study was canceled', (study) => study.canceled_time),
    cooldown_start_time: time('When the cooldown period of the study starts', (study) => study.cooldown_start_time),
    created_by: userField('Who created the study', (study) => study.created_by_person_id),
    created_time: time('When the study was created', (study) => study.created_time),
    description: field('string', 'The description of the study'),
    end_time: time('When the study ends', (study) => study.end_time),
    name: field('string', 'The name of the study'),
    observation_end_time: time('When the observation of the study ends', (study) => study.observation_end_time),
    results_first_available_date: field('string', 'The date the first results are available (YYYY-MM-DD)'),
    start_time: time('When the study starts', (study) => study.start_time),
    type: field('string', 'The type of the study: LIFT, SPLIT_TEST, CONTINUOUS_LIFT_CONFIG, GEO_LIFT...'),
    updated_by: userField('Who last updated the study', (study) => study.created_by_person_id),
    updated_time: time('When the study was last updated', (study) => study.updated_time),
  },
};

export const businessAssetGroupType: TypeDef<BusinessAssetGroupRow> = {
  name: 'BusinessAssetGroup',
  description: "A named group of a business's assets, assigned to people together.",
  defaultFields: ['name', 'id'],
  load: loadVisible((id, ctx) => ctx.store.social.getAssetGroup(id), forBusiness('business_management')),
  fields: {
    id: field('string', 'The business asset group ID'),
    name: field('string', 'The name of the group'),
    owner_business: field('Business', 'The business that owns the group', (group, ctx) => ctx.store.businesses.get(group.business_id)),
  },
};

export const productCatalogType: TypeDef<ProductCatalogRow> = {
  name: 'ProductCatalog',
  description: "A business's catalog of products, destinations, flights, hotels or vehicles for dynamic ads and shops.",
  defaultFields: ['name', 'id'],
  load: loadVisible((id, ctx) => ctx.store.social.getProductCatalog(id), forBusiness('business_management')),
  fields: {
    id: field('string', 'The catalog ID'),
    business: field('Business', 'The business that owns the catalog', (catalog, ctx) => ctx.store.businesses.get(catalog.business_id)),
    feed_count: field('int', 'The number of data feeds of the catalog'),
    is_catalog_segment: field('bool', 'Whether the catalog is a segment of another catalog', () => false),
    name: field('string', 'The name of the catalog'),
    product_count: field('int', 'The number of items in the catalog'),
    vertical: field('string', 'The vertical of the catalog: commerce, destinations, flights, home_listings, hotels, vehicles...'),
  },
};

export const socialBusinessTypes: TypeDef[] = [adStudyType, businessAssetGroupType, productCatalogType];
