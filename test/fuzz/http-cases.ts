/**
 * Malformed requests for the HTTP fuzzer, one generator per category the reliability issue
 * names. Generators are pure: a seeded random source and the ids and tokens of a demo world
 * in, a request out, so a failing case is reproduced from its seed and index alone.
 * Real tokens and ids are mixed in so that requests get past authentication into routing,
 * validation and the audience and batch code, not only into the first 4xx.
 */

/** What the generators may aim at: the demo world's ids and tokens, plus an audience made for the run. */
export interface FuzzWorld {
  tokens: { user: string; app: string; page: string; systemUser: string };
  userId: string;
  pageId: string;
  appId: string;
  adAccountId: string;
  audienceId: string;
}

/**
 * A request sent by fetch (`fetch`) or written byte for byte on a socket (`raw`): the raw
 * form carries what fetch refuses to send (invalid UTF-8 in the request line, unknown
 * methods, broken framing).
 */
export type FuzzRequest =
  | { transport: 'fetch'; method: string; path: string; headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> }
  | { transport: 'raw'; bytes: Buffer };

export type Category =
  | 'bad-json' | 'wrong-types' | 'huge-numbers' | 'deep-nesting' | 'giant-bodies' | 'invalid-utf8' | 'odd-methods' | 'odd-paths'
  | 'metacharacters' | 'duplicate-params' | 'broken-uploads' | 'broken-batch' | 'odd-filtering' | 'odd-fields' | 'malformed-http';

export interface FuzzCase {
  category: Category;
  request: FuzzRequest;
}

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, fast and good enough to spread cases; the same seed gives the same run. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return { next, int, pick: (items) => items[int(items.length)], chance: (p) => next() < p };
}

const version = (r: Random) => r.pick(['/v21.0', '/v24.0', '', '/v2.0', '/v99.0']);

/** Paths that lead somewhere real, with the token that may use them. */
function anyNode(r: Random, w: FuzzWorld): { path: string; token: string } {
  const token = r.pick([w.tokens.user, w.tokens.user, w.tokens.app, w.tokens.page, w.tokens.systemUser, 'EAAbroken', '']);
  const path = r.pick([
    '/me',
    `/${w.userId}`,
    `/${w.userId}/permissions`,
    `/${w.userId}/ids_for_business`,
    `/${w.userId}/picture`,
    `/${w.pageId}`,
    `/${w.appId}`,
    `/${w.adAccountId}`,
    `/${w.adAccountId}/customaudiences`,
    `/${w.adAccountId}/customaudiencestos`,
    `/${w.audienceId}`,
    `/${w.audienceId}/users`,
    `/${w.audienceId}/usersreplace`,
    `/${w.audienceId}/sessions`,
    `/${w.audienceId}/adaccounts`,
    '/debug_token',
    '/oauth/access_token',
    '/',
  ]);
  return { path: version(r) + path, token };
}

const weirdScalars: readonly unknown[] = [
  null, true, false, 0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, '', ' ', 'null', 'undefined', 'NaN', 'Infinity',
  '-Infinity', '1e999', '0x10', '007', '١٢٣', '\u0000', '\ud800', '\u202e', '💥', 'a'.repeat(10_000), [], {}, [[]], [{}],
  { __proto__: null, constructor: { prototype: { polluted: 1 } } }, { toString: 1 }, { valueOf: 'x' },
];
const hugeNumbers: readonly string[] = [
  '99999999999999999999999999999999', '-99999999999999999999', '1e308', '1e309', '-1e309', '9007199254740993',
  '18446744073709551616', '0.000000000000000000000001', '1' + '0'.repeat(400), 'NaN', 'Infinity', '-0', '0x7fffffff',
  '2147483648', '-2147483649', '4294967296', '1.7976931348623157e308', '5e-324',
];
const metacharacters: readonly string[] = [
  "' OR '1'='1", "'; DROP TABLE people; --", '" OR ""="', '1; SELECT pg_sleep(10)', "1' UNION SELECT * FROM tokens --",
  '%', '_', '%%', '\\', '\\\\x00', '../../etc/passwd', '..%2f..%2fetc%2fpasswd', '/./././', '....//', '%2e%2e%2f',
  '$(id)', '`id`', '|cat /etc/passwd', '${jndi:ldap://x}', '{{7*7}}', '<script>alert(1)</script>', '\r\nX-Injected: 1',
  '*', '?', '#', '&', '=', ';', ':', '@', '~', '^', '[', ']', '{', '}',
];
const oddMethods: readonly string[] = ['OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'PURGE', 'SEARCH', 'REPORT', 'PATCH', 'PUT', 'LINK', 'UNLINK', 'SUBSCRIBE', 'M-SEARCH'];

function query(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) search.append(key, typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));
  return search.toString();
}

function formBody(params: Record<string, unknown>): { headers: Record<string, string>; body: string } {
  return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: query(params) };
}

function jsonBody(value: unknown): { headers: Record<string, string>; body: string } {
  return { headers: { 'content-type': 'application/json' }, body: typeof value === 'string' ? value : JSON.stringify(value) ?? 'null' };
}

function nested(depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

function fetchCase(category: Category, method: string, path: string, extra: { headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> } = {}): FuzzCase {
  return { category, request: { transport: 'fetch', method, path, ...extra } };
}

function rawCase(category: Category, ...parts: (string | Buffer)[]): FuzzCase {
  return { category, request: { transport: 'raw', bytes: Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : part))) } };
}

/** A whole HTTP/1.1 request, framed correctly unless the caller framed it already. */
function rawRequest(method: string, target: string | Buffer, headers: string[] = [], body: Buffer = Buffer.alloc(0)): Buffer {
  const head = [`Host: fuzz`, 'Connection: close', ...(body.length > 0 ? [`Content-Length: ${body.length}`] : []), ...headers];
  return Buffer.concat([Buffer.from(`${method} `, 'latin1'), Buffer.isBuffer(target) ? target : Buffer.from(target, 'latin1'), Buffer.from(` HTTP/1.1\r\n${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

const invalidUtf8: readonly Buffer[] = [
  Buffer.from([0xff]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  Buffer.from([0xe2, 0x82]), Buffer.from([0x80]), Buffer.from([0xfe, 0xfe, 0xff, 0xff]), Buffer.from([0xf4, 0x90, 0x80, 0x80]),
];

type Generator = (r: Random, w: FuzzWorld) => FuzzCase;

const generators = {
  'bad-json': (r, w) => {
    const { path, token } = anyNode(r, w);
    const broken = r.pick(['{', '{"a":', '{"a":1,}', "{'a':1}", '[1,2', 'nul', '{"a":1}{"b":2}', '\ufeff{"a":1}', '{"a":"\\x41"}', '{"a":"\\ud800"}', '{"__proto__":{"polluted":1}}', '{"a":NaN}', '{"a":01}', '"text"', '[]', '42', '', ' ', '{"access_token":"' + token + '",']);
    const body = r.chance(0.5) ? broken : broken.replace('{', `{"access_token":${JSON.stringify(token)},`);
    return fetchCase('bad-json', r.pick(['POST', 'POST', 'GET', 'DELETE']), `${path}?${query({ access_token: token })}`, jsonBody(body));
  },
  'wrong-types': (r, w) => {
    const { path, token } = anyNode(r, w);
    const names = ['fields', 'limit', 'after', 'before', 'offset', 'summary', 'name', 'subtype', 'description', 'customer_file_source', 'retention_days', 'rule', 'payload', 'session', 'ids', 'batch', 'input_token', 'metadata', 'pretty', 'method', 'appsecret_proof', 'lookalike_spec', 'adaccounts', 'filtering', 'include_headers', 'locale', 'tos_id'];
    const params: Record<string, unknown> = { access_token: token };
    for (let i = 0; i < 1 + r.int(4); i++) params[r.pick(names)] = r.pick(weirdScalars);
    if (r.chance(0.5)) return fetchCase('wrong-types', r.pick(['POST', 'DELETE']), path, jsonBody(params));
    return fetchCase('wrong-types', r.pick(['GET', 'POST']), `${path}?${query(params)}`);
  },
  'huge-numbers': (r, w) => {
    const { path, token } = anyNode(r, w);
    const name = r.pick(['limit', 'offset', 'retention_days', 'since', 'until', 'height', 'width', 'ids', 'appsecret_time', 'session_id', 'batch_seq', 'estimated_num_total']);
    const value = r.pick(hugeNumbers);
    const params = name === 'session_id' || name === 'batch_seq' || name === 'estimated_num_total' ? { session: JSON.stringify({ [name]: r.chance(0.5) ? Number(value) : value }) } : { [name]: value };
    const target = r.chance(0.3) ? `/${r.pick(hugeNumbers)}` : path;
    return fetchCase('huge-numbers', r.pick(['GET', 'POST']), `${target}?${query({ access_token: token, ...params })}`);
  },
  'deep-nesting': (r, w) => {
    const { path, token } = anyNode(r, w);
    const depth = r.pick([17, 64, 1000, 10_000, 100_000]);
    switch (r.int(5)) {
      case 0:
        return fetchCase('deep-nesting', 'GET', `${path}?${query({ access_token: token, fields: nested(depth, 'id{', '}', 'name') })}`);
      case 1:
        return fetchCase('deep-nesting', 'GET', `${path}?${query({ access_token: token, fields: nested(depth, 'a.fields(', ')', 'b') })}`);
      case 2:
        return fetchCase('deep-nesting', 'POST', `${path}?${query({ access_token: token })}`, jsonBody(`{"x":${nested(depth, '[', ']')}}`));
      case 3:
        return fetchCase('deep-nesting', 'POST', path, formBody({ access_token: token, [`spec${'[a]'.repeat(Math.min(depth, 500))}`]: '1', payload: nested(depth, '{"a":', '}') }));
      default:
        return fetchCase('deep-nesting', 'GET', `${path}?${query({ access_token: token, filtering: nested(depth, '[', ']', '{"field":"name","operator":"EQUAL","value":"x"}') })}`);
    }
  },
  'giant-bodies': (r, w) => {
    const { path, token } = anyNode(r, w);
    const size = r.pick([64 * 1024, 1024 * 1024, 4 * 1024 * 1024]);
    switch (r.int(4)) {
      case 0:
        return fetchCase('giant-bodies', 'POST', `${path}?${query({ access_token: token })}`, jsonBody(`{"name":"${'x'.repeat(size)}"}`));
      case 1:
        return fetchCase('giant-bodies', 'POST', path, formBody({ access_token: token, [`k${'x'.repeat(size)}`]: 'v' }));
      case 2:
        return fetchCase('giant-bodies', 'POST', `${path}?${query({ access_token: token })}`, { headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(size).fill(0x61) });
      default:
        return fetchCase('giant-bodies', 'GET', `${path}?${query({ access_token: token, fields: Array.from({ length: size / 64 }, (_, i) => `f${i}`).join(',') })}`);
    }
  },
  'invalid-utf8': (r, w) => {
    const { path, token } = anyNode(r, w);
    const bad = r.pick(invalidUtf8);
    switch (r.int(4)) {
      case 0: // raw bytes in the request line
        return rawCase('invalid-utf8', rawRequest('GET', Buffer.concat([Buffer.from(`${path}?access_token=${token}&fields=`), bad])));
      case 1: // percent-encoded in the path, then in the query
        return rawCase('invalid-utf8', rawRequest('GET', `${path}/%${bad[0].toString(16)}?access_token=${token}`));
      case 2:
        return rawCase('invalid-utf8', rawRequest('GET', `${path}?access_token=${token}&name=%${bad[0].toString(16)}%${(bad[1] ?? 0x41).toString(16)}`));
      default: {
        const contentType = r.pick(['application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=b']);
        const body = contentType.startsWith('application/json') ? Buffer.concat([Buffer.from(`{"access_token":"${token}","name":"`), bad, Buffer.from('"}')]) : Buffer.concat([Buffer.from(`access_token=${token}&name=`), bad]);
        return rawCase('invalid-utf8', rawRequest('POST', path, [`Content-Type: ${contentType}`], body));
      }
    }
  },
  'odd-methods': (r, w) => {
    const { path, token } = anyNode(r, w);
    if (r.chance(0.4)) return rawCase('odd-methods', rawRequest(r.pick(['FOO', 'get', 'G ET', 'CONNECT', 'BREW', 'GET\tGET', '', 'DELETE\u0000']), `${path}?access_token=${token}`));
    const method = r.pick(oddMethods);
    const override = r.chance(0.3) ? `&method=${r.pick(['put', 'patch', 'options', 'head', 'x', 'get', 'delete'])}` : '';
    return rawCase('odd-methods', rawRequest(method, `${path}?access_token=${token}${override}`));
  },
  'odd-paths': (r, w) => {
    const token = r.pick([w.tokens.user, w.tokens.app]);
    const path = r.pick([
      '//', '///me', '/me/', '/me//permissions', '/v21.0', '/v21.0/', '/v21/me', '/v21.0.0/me', '/vX/me', '/v0.0/me', '/%2F', '/me%00',
      '/me;jsessionid=1', '/me/../../..', '/./me', '/me/%2e%2e', `/${'a'.repeat(10_000)}`, `/${'me/'.repeat(500)}`, '/act_', '/act_x',
      `/act_${'9'.repeat(40)}`, '/_graphd', '/_graphd/', '/_graphd/../me', '/_graphd/avatars/', '/_graphd/avatars/%00', '/_graphd/world',
      '/_graphd/requests', '/-1', '/0', '/1e5', '/%20', '/ ', '/me#x', '/?', '/me?', '/me?&&&', '/me?=', '/me?==&=', `/${w.audienceId}/users/extra/parts`,
      `/${w.userId}/nonexistent_edge`, '/me/picture/picture', '/oauth', '/oauth/', '/oauth/access_token/x', '/debug_token/x',
      '*', 'http://evil.example/me', '/me\\..\\..', '/%u0041', '/me%', '/me%zz', '/me%25',
    ]);
    const separator = path.includes('?') ? '&' : '?';
    if (/[ #\\]|^[^/]/.test(path) || r.chance(0.3)) return rawCase('odd-paths', rawRequest(r.pick(['GET', 'POST', 'DELETE']), `${path}${separator}access_token=${token}`));
    return fetchCase('odd-paths', r.pick(['GET', 'POST', 'DELETE']), `${path}${separator}access_token=${token}`);
  },
  metacharacters: (r, w) => {
    const { path, token } = anyNode(r, w);
    const meta = r.pick(metacharacters);
    switch (r.int(4)) {
      case 0:
        return fetchCase('metacharacters', 'GET', `${path}/${encodeURIComponent(meta)}?access_token=${token}`);
      case 1:
        return fetchCase('metacharacters', 'GET', `${path}?${query({ access_token: token, [r.pick(['fields', 'ids', 'after', 'before', 'input_token', 'locale', 'filtering'])]: meta })}`);
      case 2:
        return fetchCase('metacharacters', 'POST', path, formBody({ access_token: token, [r.pick(['name', 'description', 'subtype', 'customer_file_source', meta])]: meta }));
      default:
        return fetchCase('metacharacters', 'GET', `/${encodeURIComponent(meta)}?${query({ access_token: token, ids: `${meta},${w.userId}` })}`);
    }
  },
  'duplicate-params': (r, w) => {
    const { path, token } = anyNode(r, w);
    const name = r.pick(['access_token', 'fields', 'limit', 'ids', 'name', 'method', 'payload', 'batch', 'after', 'fields[]', 'ids[]', 'fields[0]', 'limit[]']);
    const values = Array.from({ length: 2 + r.int(3) }, () => r.pick(['id', '5', token, '', 'name,id', '[]', 'x', '-1', 'POST']));
    const pairs = values.map((value) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
    if (r.chance(0.5)) return fetchCase('duplicate-params', 'GET', `${path}?access_token=${token}&${pairs}`);
    // Query and body disagree: the body wins, and each must still decode.
    return fetchCase('duplicate-params', 'POST', `${path}?access_token=${token}&${pairs}`, formBody({ access_token: r.pick([token, 'x']), [name]: r.pick(values) }));
  },
  'broken-uploads': (r, w) => {
    const token = r.pick([w.tokens.user, w.tokens.user, w.tokens.systemUser, w.tokens.page]);
    const schema = r.pick<unknown>(['EMAIL_SHA256', 'EMAIL', 'PHONE_SHA256', ['EMAIL', 'PHONE'], ['EMAIL', 'FN', 'LN', 'DOBY', 'COUNTRY'], 'NOPE', [], [1], ['EMAIL', 'EMAIL'], 'APPUID', ['PAGEUID'], ['LOOKALIKE_VALUE', 'EMAIL'], null]);
    const cell = () => r.pick<unknown>(['a@b.c', 'f'.repeat(64), '+1 (555) 010-2000', '', null, 1, -1, 1e308, [], {}, '\u0000', 'X'.repeat(1000), '💥', true]);
    const width = Array.isArray(schema) ? schema.length : 1;
    const rows = r.chance(0.05) ? 10_001 : r.int(20);
    const data = r.pick<unknown>([
      Array.from({ length: rows }, () => (width === 1 && r.chance(0.5) ? cell() : Array.from({ length: width + (r.chance(0.1) ? 1 : 0) }, cell))),
      'not-a-list', null, {}, [[]], 42,
    ]);
    const payload = r.pick<unknown>([{ schema, data }, { schema }, { data }, { schema, data, app_ids: r.pick([[], ['x'], 'a,b', [w.appId]]), page_ids: r.pick([[], [w.pageId], '1']) }, JSON.stringify({ schema, data }).slice(0, r.int(60)), '[]', 'null', 7]);
    const session = r.pick<unknown>([undefined, { session_id: r.pick([1, -1, 'x', 2 ** 64, null]), batch_seq: r.pick([1, 0, 2, 'a', 1e309]), last_batch_flag: r.pick([true, 'yes', 1, null]), estimated_num_total: r.pick([10, -5, 'many']) }, 'not json', '{}']);
    const edge = r.pick(['users', 'users', 'usersreplace']);
    const params = { access_token: token, payload, ...(session !== undefined && { session }) };
    const method = edge === 'users' ? r.pick(['POST', 'DELETE']) : 'POST';
    const audience = r.chance(0.9) ? w.audienceId : r.pick(['1', w.userId, w.adAccountId, 'x']);
    if (r.chance(0.5)) return fetchCase('broken-uploads', method, `/v21.0/${audience}/${edge}`, jsonBody(params));
    return fetchCase('broken-uploads', method, `/v21.0/${audience}/${edge}`, formBody(params));
  },
  'broken-batch': (r, w) => {
    const token = r.pick([w.tokens.user, w.tokens.app, 'broken']);
    const op = () =>
      r.pick<unknown>([
        { method: r.pick(['GET', 'POST', 'DELETE', 'PUT', 'FOO', '', 7, null]), relative_url: r.pick(['me', `${w.audienceId}/users`, '', '/', '?', 'me?fields={', `${w.adAccountId}/customaudiences?limit=1e99`, '../..', 'http://x/me', 7, null, '{result=a:$.id}']) },
        { method: 'POST', relative_url: `${w.audienceId}/users`, body: r.pick(['payload={', 'payload=%7B%7D', `payload=${encodeURIComponent(JSON.stringify({ schema: 'EMAIL_SHA256', data: ['x'] }))}`, 7, { payload: [] }]) },
        { method: 'GET', relative_url: 'me', name: r.pick(['a', '', 'a b', '__proto__', 1]), depends_on: r.pick(['a', 'missing', '', null, ['a']]) },
        { method: 'GET', relative_url: `?ids={result=${r.pick(['a', 'missing', ''])}:${r.pick(['$.id', '$.data.*.id', '$..', '$[', '$.a.b.c.d.e'])}}` },
        { method: 'GET', relative_url: 'me', headers: r.pick([[], ['X: y'], [{ name: 'a', value: 'b' }], 'x', [7]]), attached_files: r.pick(['a', ['a', 'b'], 7]) },
        'not an op', 7, null, [], {},
      ]);
    const count = r.pick([0, 1, 2, 5, 50, 51, 200]);
    const batch = r.pick<unknown>([Array.from({ length: count }, op), JSON.stringify(Array.from({ length: Math.min(count, 5) }, op)).slice(0, r.chance(0.2) ? r.int(40) : undefined), '', 'null', '{}', '[[[[[]]]]]', 7]);
    const params = { access_token: token, batch, ...(r.chance(0.3) && { include_headers: r.pick(['true', 'false', 'x', '1']) }) };
    if (r.chance(0.5)) return fetchCase('broken-batch', r.pick(['POST', 'POST', 'GET']), '/', jsonBody(params));
    return fetchCase('broken-batch', 'POST', r.pick(['/', '/v21.0/', '/v21.0']), formBody(params));
  },
  'odd-filtering': (r, w) => {
    const token = r.pick([w.tokens.user, w.tokens.systemUser]);
    const condition = () => ({
      field: r.pick<unknown>(['name', 'id', 'subtype', 'time_created', 'approximate_count_lower_bound', 'operation_status', 'delivery_status', '__proto__', 'constructor', '', 'name.x', 7, null]),
      operator: r.pick<unknown>(['EQUAL', 'NOT_EQUAL', 'GREATER_THAN', 'LESS_THAN', 'IN_RANGE', 'NOT_IN_RANGE', 'CONTAIN', 'NOT_CONTAIN', 'IN', 'NOT_IN', 'ANY', 'ALL', 'NONE', 'STARTS_WITH', 'equal', 'LIKE', '', null, 7, 'toString']),
      value: r.pick<unknown>([...weirdScalars.slice(0, 28), ['a', 'b'], [1, 2], [1e308, -1e308], ["' OR 1=1", '%'], '%_%']),
    });
    const filtering = r.pick<unknown>([Array.from({ length: 1 + r.int(4) }, condition), condition(), '[', 'null', '[1]', JSON.stringify(Array.from({ length: 1 + r.int(3) }, condition))]);
    const params = { access_token: token, filtering, ...(r.chance(0.5) && { limit: r.pick(['1', '0', '-1', ...hugeNumbers]) }), ...(r.chance(0.3) && { fields: r.pick(['id,name', 'approximate_count_lower_bound', 'x{', '']) }) };
    return fetchCase('odd-filtering', 'GET', `/v21.0/${w.adAccountId}/customaudiences?${query(params)}`);
  },
  'odd-fields': (r, w) => {
    const { path, token } = anyNode(r, w);
    const fields = r.pick([
      '', ',', ',,', '{', '}', '()', 'id,', 'id{', 'id}', 'id.limit(', 'id.limit()', 'id.limit(5', 'id.limit(5))', 'id.as()', 'id.as(a b)', 'id.as(name),name',
      'id.limit(1).limit(2)', 'picture.type(large){url}', 'picture.height(1e999)', 'customaudiences.limit(99999999999999){id}', 'permissions.limit(-1)',
      'adaccounts{customaudiences{users{id}}}', 'friends.after(%%%){id}', 'name.fields(id', 'id\u0000', 'id\ud800', 'émoji💥', '__proto__', 'constructor{prototype}',
      'id.' + 'a(1).'.repeat(200) + 'b(1)', Array.from({ length: 2000 }, () => 'id').join(','), 'a'.repeat(5000),
    ]);
    return fetchCase('odd-fields', r.pick(['GET', 'GET', 'POST']), `${path}?${query({ access_token: token, fields, ...(r.chance(0.3) && { ids: `${w.userId},me` }) })}`);
  },
  'malformed-http': (r, w) => {
    const path = `/me?access_token=${w.tokens.user}`;
    const body = Buffer.from(`{"access_token":"${w.tokens.user}"}`);
    return rawCase(
      'malformed-http',
      r.pick<Buffer | string>([
        `GET ${path}\r\n\r\n`, // HTTP/0.9 style, no version
        `GET ${path} HTTP/9.9\r\nHost: x\r\n\r\n`,
        `GET ${path} HTTP/1.1\r\n\r\n`, // no Host
        `GET ${path} HTTP/1.1\nHost: x\n\n`, // bare LF
        `GET  ${path}  HTTP/1.1\r\nHost: x\r\n\r\n`,
        `GET ${path} HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n`,
        `GET ${path} HTTP/1.1\r\nHost: x\r\n: empty-name\r\n\r\n`,
        `GET ${path} HTTP/1.1\r\nHost: x\r\nX: a\u0000b\r\n\r\n`,
        `GET ${path} HTTP/1.1\r\nHost: x\r\nX-Long: ${'a'.repeat(2 * 1024 * 1024)}\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!`,
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n`,
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{"a":1}`, // short body, then close
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd`,
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=${'b'.repeat(100)}\r\nContent-Length: 6\r\nConnection: close\r\n\r\n--bbbb`,
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ;;;\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json; charset=utf-16\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
        Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03]), // a TLS ClientHello on the plain port
        `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`,
      ]),
    );
  },
} satisfies Record<Category, Generator>;

export const categories = Object.keys(generators) as Category[];

/** The index-th case of a run: categories take turns, so every run covers each of them evenly. */
export function fuzzCase(seed: number, index: number, world: FuzzWorld): FuzzCase {
  const r = seededRandom(seed * 1_000_003 + index);
  return generators[categories[index % categories.length]](r, world);
}
