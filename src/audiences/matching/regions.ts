/**
 * Name → code tables for ST and COUNTRY. Customer lists often spell these out; Meta wants
 * codes, so an upload of "California" should hash the same as one of "CA". Keys are the
 * names squashed to a–z (the form normalize() compares with).
 */

const US_STATES: Record<string, string> = {
  alabama: 'al', alaska: 'ak', arizona: 'az', arkansas: 'ar', california: 'ca', colorado: 'co',
  connecticut: 'ct', delaware: 'de', florida: 'fl', georgia: 'ga', hawaii: 'hi', idaho: 'id',
  illinois: 'il', indiana: 'in', iowa: 'ia', kansas: 'ks', kentucky: 'ky', louisiana: 'la',
  maine: 'me', maryland: 'md', massachusetts: 'ma', michigan: 'mi', minnesota: 'mn',
  mississippi: 'ms', missouri: 'mo', montana: 'mt', nebraska: 'ne', nevada: 'nv',
  newhampshire: 'nh', newjersey: 'nj', newmexico: 'nm', newyork: 'ny', northcarolina: 'nc',
  northdakota: 'nd', ohio: 'oh', oklahoma: 'ok', oregon: 'or', pennsylvania: 'pa',
  rhodeisland: 'ri', southcarolina: 'sc', southdakota: 'sd', tennessee: 'tn', texas: 'tx',
  utah: 'ut', vermont: 'vt', virginia: 'va', washington: 'wa', westvirginia: 'wv',
  wisconsin: 'wi', wyoming: 'wy', districtofcolumbia: 'dc', washingtondc: 'dc',
  puertorico: 'pr', guam: 'gu', usvirginislands: 'vi', americansamoa: 'as',
  northernmarianaislands: 'mp',
};

// Common full names and alpha-3 codes only; anything else must already be alpha-2.
const COUNTRIES: Record<string, string> = {
  usa: 'us', unitedstates: 'us', unitedstatesofamerica: 'us', america: 'us',
  uk: 'gb', gbr: 'gb', unitedkingdom: 'gb', greatbritain: 'gb', england: 'gb',
  can: 'ca', canada: 'ca', mex: 'mx', mexico: 'mx', deu: 'de', germany: 'de',
  fra: 'fr', france: 'fr', esp: 'es', spain: 'es', ita: 'it', italy: 'it',
  bra: 'br', brazil: 'br', ind: 'in', india: 'in', aus: 'au', australia: 'au',
  jpn: 'jp', japan: 'jp', chn: 'cn', china: 'cn', nld: 'nl', netherlands: 'nl',
  irl: 'ie', ireland: 'ie',
};

/** The 2-letter code of a US state spelled out (squashed a–z), else undefined. */
export function usStateCode(squashed: string): string | undefined {
  return Object.hasOwn(US_STATES, squashed) ? US_STATES[squashed] : undefined;
}

/** ISO alpha-2 for a known country name / alpha-3 (squashed a–z), else undefined. */
export function countryAlias(squashed: string): string | undefined {
  return Object.hasOwn(COUNTRIES, squashed) ? COUNTRIES[squashed] : undefined;
}
