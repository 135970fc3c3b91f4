/**
 * Drift between our schema table and Meta's SDK codegen specs (facebook-business-sdk-codegen
 * api_specs, kept in ../shared/specs). Fails when we declare a field, edge, edge method or
 * param that the spec of the same type lacks (unless allow-listed below with a reason), or
 * when a declared type is incompatible with the spec's. Prints, without failing, what the
 * spec has that we do not declare: a coverage list per type.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../../src/graph/params/coerce.js';
import { graphTable } from '../../src/schema/table.js';
import type { EdgeDef, OperationDef, TypeDef } from '../../src/schema/types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const specsDir = path.resolve(repoRoot, '../shared/specs');
const haveSpecs = existsSync(specsDir);
if (!haveSpecs) console.log(`[spec-drift] ${specsDir} not found: skipping the comparison with Meta's codegen specs.`);

/**
 * What we declare knowingly although the codegen spec of the type lacks it. Keys:
 * `Type.field`, `Type/edge` (the whole edge), `Type/edge METHOD`, `Type/edge METHOD param`,
 * `Type#update param`. Every entry must still match a real addition (stale entries fail).
 */
const knownAdditions: Record<string, string> = {
  'User.id_for_avatars': "Listed in the Fields table of Meta's User reference page (numeric string); the codegen spec lacks it.",
  'User.picture':
    "Meta answers `fields=picture` as {data: ProfilePictureSource} and the User page names `picture` among the public_profile fields; codegen models it only as the GET picture edge.",
  'Application/instruments':
    "graphd-only: the official Business SDKs' crash reporter POSTs bizsdk_crash_report to /{app-id}/instruments; answering keeps them off the real host.",
  'User/payment.subscriptions':
    "The Edges list of Meta's User reference page (seed 000) names `payment.subscriptions` (Edge<PaymentSubscription>); the codegen User spec lacks it.",
  'AssignedUser.tasks':
    "Meta's Ad Account assigned_users reference adds `tasks` (list<string>, all unpacked tasks of the user on the object) to each AssignedUser it lists; codegen lacks it.",
  'AssignedUser.permitted_tasks':
    "Meta's Ad Account assigned_users reference adds `permitted_tasks` (list<string>, tasks assignable on the object) to each AssignedUser it lists; codegen lacks it.",
};

/** Params we knowingly declare with another type than the spec, keyed `<key> <param>`. */
const knownTypeDifferences: Record<string, string> = {
  'Page/blocked DELETE user':
    "The Page blocked reference (seed 000) describes DELETE `user` as a list of User or Page ids to unblock; a single id still works (a one-item list).",
  'Application/accounts POST permissions':
    'Permission names (`email,ads_management` or a JSON array of strings), as the Test Users docs and every SDK send them; codegen types the items as Permission objects, which no client sends.',
  'AdAccount/customaudiences GET filtering':
    'Declared as string so that graph/filtering reads it and answers Meta\'s own `(#100) param filtering must be an array.`; a real JSON array arrives as its JSON text.',
};

/** Enum values Meta's reference pages (../shared/seeds) name that the older codegen snapshot lacks. */
const knownEnumValues: Record<string, string> = {
  JOB: "content_type on the Ad Account customaudiences reference page (seed 004) lists JOB.",
  SUBSCRIBER_SEGMENT: 'subtype on the Ad Account customaudiences reference page (seed 004) lists SUBSCRIBER_SEGMENT.',
};

interface SpecParam {
  name: string;
  required?: boolean;
  type: string;
}
interface SpecApi {
  method: 'GET' | 'POST' | 'DELETE';
  endpoint?: string;
  name?: string;
  return?: string;
  params?: SpecParam[];
}
interface Spec {
  fields: { name: string; type: string }[];
  apis: SpecApi[];
}

const specs = new Map<string, Spec>();
const enums = new Map<string, string[]>();
if (haveSpecs) {
  for (const file of readdirSync(specsDir)) {
    if (!file.endsWith('.json') || file === 'enum_types.json' || file === 'SDKCodegen.json') continue;
    specs.set(file.slice(0, -'.json'.length), JSON.parse(readFileSync(path.join(specsDir, file), 'utf8')) as Spec);
  }
  const enumList = JSON.parse(readFileSync(path.join(specsDir, 'enum_types.json'), 'utf8')) as { name: string; values: string[] }[];
  for (const e of enumList) enums.set(e.name, e.values);
}

// ---- type normaliser ------------------------------------------------------------------

/** A Graph type reduced to what matters on the wire. */
type Norm =
  | { kind: 'scalar'; name: string }
  | { kind: 'enum'; values: string[] | undefined }
  | { kind: 'list'; item: Norm | undefined }
  | { kind: 'map' }
  | { kind: 'object'; name: string };

const scalarAliases: Record<string, string> = {
  string: 'string',
  'numeric string': 'string',
  id: 'string',
  UID: 'string',
  int: 'int',
  int32: 'int',
  int64: 'int',
  'unsigned int': 'int',
  float: 'float',
  bool: 'bool',
  datetime: 'datetime',
  timestamp: 'datetime',
  file: 'file',
};

function normalise(text: string): Norm {
  const type = text.trim();
  const list = /^list\s*<(.+)>$/s.exec(type);
  if (list) return { kind: 'list', item: normalise(list[1]) };
  if (type === 'list' || type === 'JSON array') return { kind: 'list', item: undefined };
  if (type === 'map' || type.startsWith('map<') || type.startsWith('map <')) return { kind: 'map' };
  const inline = /^enum\s*\{(.*)\}$/s.exec(type);
  if (inline) return { kind: 'enum', values: inline[1].split(',').map((v) => v.trim()).filter(Boolean) };
  if (type.startsWith('enum')) return { kind: 'enum', values: undefined };
  if (scalarAliases[type]) return { kind: 'scalar', name: scalarAliases[type] };
  if (enums.has(type)) return { kind: 'enum', values: enums.get(type) };
  return { kind: 'object', name: type };
}

function show(norm: Norm | undefined): string {
  if (!norm) return '*';
  switch (norm.kind) {
    case 'scalar':
      return norm.name;
    case 'enum':
      return norm.values ? `enum {${norm.values.join(', ')}}` : 'enum';
    case 'list':
      return `list<${show(norm.item)}>`;
    case 'map':
      return 'map';
    case 'object':
      return norm.name;
  }
}

/** Why ours is incompatible with the spec's type, or undefined when it is compatible. */
function incompatibility(ours: string, theirs: string): string | undefined {
  const why = compare(normalise(ours), normalise(theirs));
  return why && `ours \`${ours}\` (${show(normalise(ours))}) vs spec \`${theirs}\` (${show(normalise(theirs))}): ${why}`;
}

function compare(a: Norm | undefined, b: Norm | undefined): string | undefined {
  if (!a || !b) return undefined; // untyped list on either side
  // An enum is a string on the wire; only two known value sets can disagree.
  if (a.kind === 'enum' && b.kind === 'enum') {
    if (!a.values || !b.values) return undefined;
    const extra = a.values.filter((v) => !b.values!.includes(v) && !(v in knownEnumValues));
    return extra.length ? `values the spec lacks: ${extra.join(', ')}` : undefined;
  }
  if ((a.kind === 'enum' && b.kind === 'scalar' && b.name === 'string') || (b.kind === 'enum' && a.kind === 'scalar' && a.name === 'string')) return undefined;
  if (a.kind === 'list' && b.kind === 'list') return compare(a.item, b.item);
  // `Object` and `map` are free-form objects; a named struct fits either.
  const objectish = (n: Norm) => n.kind === 'map' || n.kind === 'object';
  const freeForm = (n: Norm) => n.kind === 'map' || (n.kind === 'object' && n.name === 'Object');
  if (objectish(a) && objectish(b) && (freeForm(a) || freeForm(b))) return undefined;
  if (a.kind === 'scalar' && b.kind === 'scalar') return a.name === b.name ? undefined : 'different scalar types';
  if (a.kind === 'object' && b.kind === 'object') return a.name === b.name ? undefined : 'different object types';
  return `different kinds (${a.kind} vs ${b.kind})`;
}

// ---- the comparison -------------------------------------------------------------------

interface Report {
  /** Additions the spec lacks, keyed as in knownAdditions, with what they are. */
  additions: Map<string, string>;
  mismatches: string[];
  /** Spec entries we do not declare, per type. */
  coverage: Map<string, string[]>;
  notCompared: string[];
}

function compareTable(): Report {
  const report: Report = { additions: new Map(), mismatches: [], coverage: new Map(), notCompared: [] };
  for (const type of graphTable.types) {
    const spec = specs.get(type.name);
    if (!spec) {
      report.notCompared.push(type.name);
      continue;
    }
    compareType(type, spec, report);
  }
  return report;
}

function compareType(type: TypeDef, spec: Spec, report: Report): void {
  const missing: string[] = [];
  const specFields = new Map(spec.fields.map((f) => [f.name, f.type]));
  for (const [name, field] of Object.entries(type.fields)) {
    const theirs = specFields.get(name);
    if (theirs === undefined) {
      report.additions.set(`${type.name}.${name}`, `field ${type.name}.${name} (${field.type})`);
      continue;
    }
    const why = incompatibility(field.type, theirs);
    if (why) report.mismatches.push(`field ${type.name}.${name}: ${why}`);
  }
  const absentFields = spec.fields.filter((f) => !(f.name in type.fields)).map((f) => `${f.name}: ${f.type}`);
  if (absentFields.length) missing.push(`fields (${absentFields.length}): ${absentFields.join(', ')}`);

  const edges = type.edges ?? {};
  const api = (method: string, endpoint: string | undefined) => spec.apis.find((a) => a.method === method && (a.endpoint ?? undefined) === endpoint);
  for (const [name, edge] of Object.entries(edges)) {
    if (!spec.apis.some((a) => a.endpoint === name)) {
      report.additions.set(`${type.name}/${name}`, `edge ${type.name}/${name}`);
      continue;
    }
    const getSpec = api('GET', name);
    if (getSpec?.return && getSpec.return !== edge.type) {
      report.mismatches.push(`edge ${type.name}/${name}: item type ours \`${edge.type}\` vs spec GET return \`${getSpec.return}\``);
    }
    const methods: [string, Record<string, ParamSpec> | undefined][] = [];
    if (edge.list || edge.get) methods.push(['GET', edge.params ?? {}]);
    if (edge.post) methods.push(['POST', edge.post.params]);
    if (edge.delete) methods.push(['DELETE', edge.delete.params]);
    for (const [method, params] of methods) {
      const theirs = api(method, name);
      const key = `${type.name}/${name} ${method}`;
      if (!theirs) {
        report.additions.set(key, `edge method ${method} /${type.name}/${name}`);
        continue;
      }
      compareParams(key, params ?? {}, theirs, report, missing);
    }
  }
  const ourEdgeNames = new Set(Object.keys(edges));
  const absentEdges = [...new Set(spec.apis.filter((a) => a.method === 'GET' && a.endpoint && !ourEdgeNames.has(a.endpoint)).map((a) => `${a.endpoint}: ${a.return}`))];
  if (absentEdges.length) missing.push(`GET edges (${absentEdges.length}): ${absentEdges.join(', ')}`);
  const absentWrites = spec.apis
    .filter((a) => a.method !== 'GET' && a.endpoint && !isDeclaredWrite(edges[a.endpoint], a.method))
    .map((a) => `${a.method} ${a.endpoint}`);
  if (absentWrites.length) missing.push(`edge writes (${absentWrites.length}): ${absentWrites.join(', ')}`);

  compareNodeOperation(type, 'POST', '#update', type.update, api('POST', undefined), report, missing);
  compareNodeOperation(type, 'DELETE', '#delete', type.delete, api('DELETE', undefined), report, missing);

  if (missing.length) report.coverage.set(type.name, missing);
}

function isDeclaredWrite(edge: EdgeDef<unknown> | undefined, method: string): boolean {
  return method === 'POST' ? edge?.post !== undefined : method === 'DELETE' ? edge?.delete !== undefined : false;
}

function compareNodeOperation(
  type: TypeDef,
  method: string,
  label: string,
  ours: OperationDef<unknown> | undefined,
  theirs: SpecApi | undefined,
  report: Report,
  missing: string[],
): void {
  const key = `${type.name}${label}`;
  if (ours && !theirs) report.additions.set(key, `node operation ${method} /{${type.name}}`);
  else if (ours && theirs) compareParams(key, ours.params, theirs, report, missing);
  else if (!ours && theirs) missing.push(`node operation ${method} (${label}) with ${theirs.params?.length ?? 0} params`);
}

function compareParams(key: string, ours: Record<string, ParamSpec>, theirs: SpecApi, report: Report, missing: string[]): void {
  const specParams = new Map((theirs.params ?? []).map((p) => [p.name, p]));
  for (const [name, param] of Object.entries(ours)) {
    const spec = specParams.get(name);
    if (!spec) {
      report.additions.set(`${key} ${name}`, `param ${name} of ${key}`);
      continue;
    }
    const why = `${key} ${name}` in knownTypeDifferences ? undefined : incompatibility(param.type, spec.type);
    if (why) report.mismatches.push(`param ${name} of ${key}: ${why}`);
    if (spec.required && !param.required) report.mismatches.push(`param ${name} of ${key}: required in the spec, optional in ours`);
  }
  const absent = [...specParams.values()].filter((p) => !(p.name in ours)).map((p) => `${p.name}: ${p.type}${p.required ? ' (required)' : ''}`);
  if (absent.length) missing.push(`params of ${key}: ${absent.join(', ')}`);
}

describe.skipIf(!haveSpecs)("schema table vs Meta's codegen specs (../shared/specs)", () => {
  const report = haveSpecs ? compareTable() : undefined;

  it('compares at least the User family', () => {
    const compared = graphTable.types.map((t) => t.name).filter((name) => specs.has(name));
    expect(compared).toEqual(expect.arrayContaining(['User', 'Application', 'Page', 'AgeRange', 'Permission', 'ProfilePictureSource', 'UserIDForApp']));
    console.log(`[spec-drift] compared: ${compared.join(', ')}; no spec file (not compared): ${report!.notCompared.join(', ') || 'none'}`);
  });

  it('declares no field, edge or param the spec lacks, except the allow-listed ones', () => {
    const unexpected = [...report!.additions].filter(([key]) => !(key in knownAdditions)).map(([, what]) => what);
    expect(unexpected, 'declared but missing from the codegen spec: add to the spec comparison allow-list with a reason, or fix the name').toEqual([]);
  });

  it('has no stale allow-list entries', () => {
    const stale = Object.keys(knownAdditions).filter((key) => !report!.additions.has(key));
    expect(stale, 'allow-listed but now matched by the spec (or no longer declared): remove them').toEqual([]);
  });

  it('normalises types strictly enough to catch a mismatch', () => {
    expect(incompatibility('numeric string', 'string')).toBeUndefined();
    expect(incompatibility('list<Experience>', 'list<Experience>')).toBeUndefined();
    expect(incompatibility('timestamp', 'datetime')).toBeUndefined();
    expect(incompatibility('enum {granted, declined, expired}', 'userpermissions_status_enum_param')).toBeUndefined();
    expect(incompatibility('enum {granted, revoked}', 'userpermissions_status_enum_param')).toMatch(/revoked/);
    expect(incompatibility('string', 'int')).toBeDefined();
    expect(incompatibility('Experience', 'list<Experience>')).toBeDefined();
    expect(incompatibility('list<Page>', 'list<User>')).toBeDefined();
    expect(incompatibility('bool', 'string')).toBeDefined();
  });

  it('declares types compatible with the spec', () => {
    expect(report!.mismatches).toEqual([]);
  });

  it('prints what the specs have that the table lacks (coverage, never fails)', () => {
    const lines: string[] = ['[spec-drift] coverage: spec entries graphd does not declare'];
    for (const [type, entries] of report!.coverage) {
      lines.push(`  ${type}:`);
      for (const entry of entries) lines.push(`    - ${entry}`);
    }
    console.log(lines.join('\n'));
  });
});
