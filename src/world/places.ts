/** Real US places with a matching state, ZIP and phone area code, so generated profiles stay consistent. */
export const usPlaces = [
  { city: 'Austin', area: '512', state: 'Texas', stateCode: 'TX', zip: '78701', timezone: -6 },
  { city: 'Houston', area: '713', state: 'Texas', stateCode: 'TX', zip: '77002', timezone: -6 },
  { city: 'Seattle', area: '206', state: 'Washington', stateCode: 'WA', zip: '98101', timezone: -8 },
  { city: 'Portland', area: '503', state: 'Oregon', stateCode: 'OR', zip: '97201', timezone: -8 },
  { city: 'San Francisco', area: '415', state: 'California', stateCode: 'CA', zip: '94103', timezone: -8 },
  { city: 'Los Angeles', area: '213', state: 'California', stateCode: 'CA', zip: '90012', timezone: -8 },
  { city: 'San Diego', area: '619', state: 'California', stateCode: 'CA', zip: '92101', timezone: -8 },
  { city: 'Denver', area: '303', state: 'Colorado', stateCode: 'CO', zip: '80202', timezone: -7 },
  { city: 'Phoenix', area: '602', state: 'Arizona', stateCode: 'AZ', zip: '85004', timezone: -7 },
  { city: 'Chicago', area: '312', state: 'Illinois', stateCode: 'IL', zip: '60601', timezone: -6 },
  { city: 'Minneapolis', area: '612', state: 'Minnesota', stateCode: 'MN', zip: '55401', timezone: -6 },
  { city: 'New York', area: '212', state: 'New York', stateCode: 'NY', zip: '10001', timezone: -5 },
  { city: 'Boston', area: '617', state: 'Massachusetts', stateCode: 'MA', zip: '02108', timezone: -5 },
  { city: 'Philadelphia', area: '215', state: 'Pennsylvania', stateCode: 'PA', zip: '19103', timezone: -5 },
  { city: 'Atlanta', area: '404', state: 'Georgia', stateCode: 'GA', zip: '30303', timezone: -5 },
  { city: 'Miami', area: '305', state: 'Florida', stateCode: 'FL', zip: '33130', timezone: -5 },
  { city: 'Nashville', area: '615', state: 'Tennessee', stateCode: 'TN', zip: '37203', timezone: -6 },
  { city: 'Salt Lake City', area: '801', state: 'Utah', stateCode: 'UT', zip: '84101', timezone: -7 },
] as const;

export interface Place {
  city: string;
  /** The area or city code phone numbers there start with, after the country calling code. */
  area: string;
  state: string;
  stateCode: string;
  zip: string;
  timezone: number;
  /** ISO 3166 alpha-2. */
  country: string;
  callingCode: string;
  /** Digits of a local number after the area code. */
  subscriberDigits: number;
  locale: string;
}

const inUs = (place: (typeof usPlaces)[number]): Place => ({ ...place, country: 'US', callingCode: '1', subscriberDigits: 7, locale: 'en_US' });

/** usPlaces plus real places abroad, each with its own country, calling code, postcode and locale. */
export const worldPlaces: readonly Place[] = [
  ...usPlaces.map(inUs),
  { city: 'Toronto', area: '416', state: 'Ontario', stateCode: 'ON', zip: 'M5H 2N2', timezone: -5, country: 'CA', callingCode: '1', subscriberDigits: 7, locale: 'en_US' },
  { city: 'London', area: '20', state: 'England', stateCode: 'ENG', zip: 'SW1A 1AA', timezone: 0, country: 'GB', callingCode: '44', subscriberDigits: 8, locale: 'en_GB' },
  { city: 'Berlin', area: '30', state: 'Berlin', stateCode: 'BE', zip: '10115', timezone: 1, country: 'DE', callingCode: '49', subscriberDigits: 8, locale: 'de_DE' },
  { city: 'Paris', area: '1', state: 'Île-de-France', stateCode: 'IDF', zip: '75001', timezone: 1, country: 'FR', callingCode: '33', subscriberDigits: 8, locale: 'fr_FR' },
  { city: 'Madrid', area: '91', state: 'Madrid', stateCode: 'MD', zip: '28013', timezone: 1, country: 'ES', callingCode: '34', subscriberDigits: 7, locale: 'es_ES' },
  { city: 'São Paulo', area: '11', state: 'São Paulo', stateCode: 'SP', zip: '01310-100', timezone: -3, country: 'BR', callingCode: '55', subscriberDigits: 9, locale: 'pt_BR' },
  { city: 'Mexico City', area: '55', state: 'Ciudad de México', stateCode: 'CMX', zip: '06000', timezone: -6, country: 'MX', callingCode: '52', subscriberDigits: 8, locale: 'es_LA' },
  { city: 'Sydney', area: '2', state: 'New South Wales', stateCode: 'NSW', zip: '2000', timezone: 10, country: 'AU', callingCode: '61', subscriberDigits: 8, locale: 'en_GB' },
];

/** The language most people of a locale list first. */
export const localeLanguage: Record<string, string> = {
  en_US: 'English', en_GB: 'English', es_LA: 'Spanish', es_ES: 'Spanish', de_DE: 'German', fr_FR: 'French', pt_BR: 'Portuguese',
};

export const languages = [
  { id: '106059522759137', name: 'English' },
  { id: '108106272550772', name: 'Spanish' },
  { id: '106086632757282', name: 'French' },
  { id: '105673612800327', name: 'German' },
  { id: '108083115891989', name: 'Portuguese' },
  { id: '109549852396760', name: 'Mandarin Chinese' },
];

export const sports = ['Soccer', 'Basketball', 'Tennis', 'Running', 'Cycling', 'Climbing', 'Swimming', 'Hiking'];
export const teams = ['Seattle Sounders FC', 'Chicago Bulls', 'Boston Red Sox', 'Denver Broncos', 'LA Galaxy', 'New York Yankees'];
export const athletes = ['Serena Williams', 'Lionel Messi', 'Simone Biles', 'LeBron James', 'Alex Honnold', 'Megan Rapinoe'];
export const inspirations = ['Marie Curie', 'Nelson Mandela', 'Ada Lovelace', 'Jane Goodall', 'Carl Sagan'];
export const meetingReasons = ['Friendship', 'Networking', 'Dating', 'Activity Partners'];
