/**
 * Which file column feeds which match key. Headers are recognised by their usual names
 * (any case, spaces, dashes or underscores); `--map` names odd ones; `--schema` gives the
 * keys of a file without a header, column by column.
 */
import { isMatchKey, type MatchKey } from '../audiences/matching/index.js';

/** A column's destination: a match key, or DOB (a full birth date split into DOBY, DOBM, DOBD). */
export type ColumnTarget = MatchKey | 'DOB';

export interface PlannedColumn {
  index: number;
  header: string;
  target: ColumnTarget;
}

export interface ColumnPlan {
  columns: PlannedColumn[];
  /** The payload schema: the keys the columns feed, in file order. */
  schema: MatchKey[];
  /** Headers no key was found for (their values are not uploaded). */
  ignored: string[];
  /** True when the file's first record is a header (not data). */
  hasHeader: boolean;
}

export class ColumnPlanError extends Error {
  override readonly name = 'ColumnPlanError';
}

/** Header names squashed to a–z0–9, by target. The key names themselves (EMAIL, DOBY…) always work too. */
const ALIASES: Record<ColumnTarget, string[]> = {
  EMAIL: ['email', 'emailaddress', 'mail', 'emailid'],
  PHONE: ['phone', 'phonenumber', 'mobile', 'mobilephone', 'mobilenumber', 'cell', 'cellphone', 'telephone', 'tel'],
  FN: ['fn', 'firstname', 'givenname', 'fname', 'first', 'forename'],
  LN: ['ln', 'lastname', 'surname', 'familyname', 'lname', 'last'],
  FI: ['fi', 'firstinitial', 'initial'],
  GEN: ['gen', 'gender', 'sex'],
  DOB: ['dob', 'birthday', 'birthdate', 'dateofbirth', 'bday'],
  DOBY: ['doby', 'birthyear', 'yearofbirth', 'yob', 'dobyear'],
  DOBM: ['dobm', 'birthmonth', 'monthofbirth', 'dobmonth'],
  DOBD: ['dobd', 'birthdayofmonth', 'dayofbirth', 'dobday'],
  CT: ['ct', 'city', 'town'],
  ST: ['st', 'state', 'province', 'region'],
  ZIP: ['zip', 'zipcode', 'postcode', 'postalcode', 'postal'],
  COUNTRY: ['country', 'countrycode'],
  MADID: ['madid', 'maid', 'idfa', 'gaid', 'aaid', 'advertisingid', 'mobileadvertiserid', 'deviceid'],
  EXTERN_ID: ['externid', 'externalid', 'customerid', 'crmid', 'clientid'],
  APPUID: ['appuid'],
  PAGEUID: ['pageuid'],
  LOOKALIKE_VALUE: ['lookalikevalue', 'customervalue', 'ltv'],
};

const squash = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

const BY_ALIAS = new Map<string, ColumnTarget>(
  (Object.entries(ALIASES) as [ColumnTarget, string[]][]).flatMap(([target, names]) =>
    [target, ...names].map((name) => [squash(name), target] as [string, ColumnTarget]),
  ),
);

/** Words meaning "do not upload this column" in --map and --schema. */
const SKIP = new Set(['-', 'skip', 'ignore']);

/** A target named by a person (EMAIL, dob, first_name ...); undefined for skip words; throws for unknown names. */
export function parseTarget(name: string, where: string): ColumnTarget | undefined {
  const trimmed = name.trim();
  if (SKIP.has(trimmed.toLowerCase())) return undefined;
  const upper = trimmed.toUpperCase();
  if (upper === 'DOB' || isMatchKey(upper)) return upper as ColumnTarget;
  const alias = BY_ALIAS.get(squash(trimmed));
  if (alias) return alias;
  throw new ColumnPlanError(`${where}: "${trimmed}" is not a match key (use EMAIL, PHONE, FN, LN, FI, GEN, DOB, DOBY, DOBM, DOBD, CT, ST, ZIP, COUNTRY, MADID, EXTERN_ID, LOOKALIKE_VALUE, or - to skip)`);
}

/** `--map "E-Mail Adresse=EMAIL,Notes=-"`: header → target (undefined = skip). Header names compare squashed. */
export function parseMap(text: string | undefined): Map<string, ColumnTarget | undefined> {
  const map = new Map<string, ColumnTarget | undefined>();
  if (!text) return map;
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.lastIndexOf('=');
    if (at <= 0) throw new ColumnPlanError(`--map: "${pair.trim()}" should be HEADER=KEY`);
    map.set(squash(pair.slice(0, at)), parseTarget(pair.slice(at + 1), '--map'));
  }
  return map;
}

/** `--schema EMAIL,PHONE,-,DOB`: the keys of a headerless file's columns; `auto` (or nothing) means "read the header". */
export function parseSchema(text: string | undefined): (ColumnTarget | undefined)[] | undefined {
  if (text === undefined || text.trim().toLowerCase() === 'auto') return undefined;
  return text.split(',').map((name) => parseTarget(name, '--schema'));
}

/** The plan for a file whose first record is `first`. */
export function planColumns(first: string[], options: { map?: Map<string, ColumnTarget | undefined>; schema?: (ColumnTarget | undefined)[] } = {}): ColumnPlan {
  const { schema, map = new Map() } = options;
  const targets = schema
    ? first.map((_, index) => schema[index])
    : first.map((header) => (map.has(squash(header)) ? map.get(squash(header)) : BY_ALIAS.get(squash(header))));
  if (schema && schema.length !== first.length) {
    throw new ColumnPlanError(`--schema names ${schema.length} columns but the file's first line has ${first.length}`);
  }
  const columns: PlannedColumn[] = [];
  const ignored: string[] = [];
  first.forEach((header, index) => {
    const target = targets[index];
    if (target) columns.push({ index, header: schema ? `column ${index + 1}` : header, target });
    else if (!schema) ignored.push(header);
  });
  if (!schema) {
    for (const key of map.keys()) {
      if (!first.some((header) => squash(header) === key)) throw new ColumnPlanError(`--map names a header the file does not have: "${key}"`);
    }
  }
  const keys = columns.flatMap((column) => expand(column.target));
  const twice = keys.find((key, i) => keys.indexOf(key) !== i);
  if (twice) {
    const named = columns.filter((column) => expand(column.target).includes(twice)).map((column) => `"${column.header}"`);
    throw new ColumnPlanError(`${named.join(' and ')} both give ${twice}; skip one with --map "HEADER=-"`);
  }
  if (!keys.some((key) => key !== 'LOOKALIKE_VALUE')) {
    throw new ColumnPlanError(`no column holds a match key (headers: ${first.join(', ')}); name them with --map "HEADER=KEY" or --schema`);
  }
  // With --schema the first record is data, unless it is that very header written out.
  const hasHeader = !schema || columns.every((column) => BY_ALIAS.get(squash(first[column.index])) === column.target);
  return { columns, schema: keys, ignored, hasHeader };
}

/** The schema keys a target fills. */
export function expand(target: ColumnTarget): MatchKey[] {
  return target === 'DOB' ? ['DOBY', 'DOBM', 'DOBD'] : [target];
}
