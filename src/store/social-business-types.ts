/** Business assets a business user can be assigned (ad studies, catalogs, asset groups): part of the social store's port. */
export interface AdStudyRow {
  id: string;
  business_id: string;
  name: string;
  description: string | null;
  /** LIFT, SPLIT_TEST, CONTINUOUS_LIFT_CONFIG, GEO_LIFT... */
  type: string;
  start_time: number;
  end_time: number;
  observation_end_time: number | null;
  cooldown_start_time: number | null;
  canceled_time: number | null;
  /** YYYY-MM-DD. */
  results_first_available_date: string | null;
  created_by_person_id: string | null;
  created_time: number;
  updated_time: number;
}

export type NewAdStudy = Omit<AdStudyRow, 'id' | 'updated_time'> & { updated_time?: number };

export interface BusinessAssetGroupRow {
  id: string;
  business_id: string;
  name: string;
  created_time: number;
}

export interface ProductCatalogRow {
  id: string;
  business_id: string;
  name: string;
  /** commerce, destinations, flights, home_listings, hotels, vehicles... */
  vertical: string;
  product_count: number;
  feed_count: number;
  created_time: number;
}

export type NewProductCatalog = Omit<ProductCatalogRow, 'id'>;

export type AssignableAssetType = 'Application' | 'Page' | 'ProductCatalog' | 'BusinessAssetGroup';

/** A business asset assigned to a business user (a BusinessUser node), with what they may do. */
export interface AssetAssignmentRow {
  business_user_id: string;
  asset_type: AssignableAssetType;
  asset_id: string;
  tasks: string[];
  created_time: number;
}
