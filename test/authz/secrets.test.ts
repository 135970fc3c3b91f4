import { expect, it } from 'vitest';
import { appsecretProof } from '../../src/auth/appsecret-proof.js';
import { useGraph, type Reply } from '../helpers/graph.js';
import { describeEachStore } from '../helpers/stores.js';
import { loadAuthzWorld } from './world.js';

describeEachStore('Secrets: tokens, app secrets and raw uploaded values never show in logs, the journal or answers', (open) => {
  const logLines: string[] = [];
  const graph = useGraph(open, { logLevel: 'debug' }, { logger: { stream: { write: (line: string) => logLines.push(line) } } });

  it('keeps every secret out of what graphd writes and answers, but where a token is the answer', async () => {
    const g = graph();
    const world = await loadAuthzWorld(g);
    const guarded = world.tokens.alice_guarded;
    const proof = appsecretProof(world.secrets.guarded, guarded);
    const rawRows = [['raw-secret-member@example.org', '+1 (415) 555-0199'], ['Another.Raw@Example.com', '4155550142']];
    const answers: Reply[] = [];
    const ask = async (reply: Promise<Reply>) => answers.push(await reply);

    await ask(g.get('/v21.0/me', { access_token: world.tokens.alice, fields: 'id,name,email' }));
    await ask(g.request('GET', '/v21.0/me?fields=id', { headers: { authorization: `Bearer ${world.tokens.bob}` } }));
    await ask(g.get('/v21.0/me', { access_token: guarded, appsecret_proof: proof }));
    await ask(g.get('/v21.0/me', { access_token: guarded, appsecret_proof: appsecretProof(world.secrets.main, guarded) }));
    await ask(g.get('/v21.0/me', { access_token: guarded }));
    await ask(g.get('/v21.0/me', { access_token: world.tokens.erin_expired }));
    await ask(g.get(`/v21.0/${world.appId}`, { access_token: world.tokens.app }));
    await ask(g.get(`/v21.0/${world.appId}`, { access_token: `${world.appId}|not-the-secret` }));
    await ask(g.get('/v21.0/debug_token', { input_token: world.tokens.alice, access_token: world.tokens.app }));
    // Upload answers echo the uploader's own unhashed values back in invalid_entry_samples, as
    // Meta does (docs/audiences.md): they are checked for tokens and secrets, not for those values.
    const echoes: Reply[] = [];
    const echo = async (reply: Promise<Reply>) => echoes.push(await reply);
    await echo(g.post(`/v21.0/${world.audience.x}/users`, { access_token: world.tokens.alice, payload: JSON.stringify({ schema: ['EMAIL', 'PHONE'], data: rawRows }) }));
    await ask(g.post(`/v21.0/${world.audience.x}/users`, { access_token: world.tokens.alice, payload: JSON.stringify({ schema: ['EMAIL', 'PHONE'], data: [rawRows[0].slice(0, 1)] }) }));
    await echo(g.del(`/v21.0/${world.audience.x}/users`, { access_token: world.tokens.alice, payload: JSON.stringify({ schema: 'EMAIL', data: [rawRows[1][0]] }) }));
    const batch = JSON.stringify([
      { method: 'GET', relative_url: `me?access_token=${world.tokens.bob}` },
      { method: 'POST', relative_url: `${world.audience.x}/users`, body: `payload=${encodeURIComponent(JSON.stringify({ schema: 'EMAIL', data: [rawRows[0][0]] }))}` },
      { method: 'GET', relative_url: `${world.audience.y}` },
    ]);
    await echo(g.post('/v21.0/', { access_token: world.tokens.alice, batch }));
    // The answers whose point is a token: they are checked for the app secret only.
    const tokenAnswers = [
      await g.get('/v21.0/oauth/access_token', { grant_type: 'client_credentials', client_id: world.guardedAppId, client_secret: world.secrets.guarded }),
      await g.control('POST', '/_graphd/tokens', { app_id: world.appId, person_id: world.personIds.bob, scopes: ['public_profile'] }),
    ];
    await ask(g.get('/v21.0/oauth/access_token', { grant_type: 'client_credentials', client_id: world.guardedAppId, client_secret: 'wrong-secret-value-12345' }));

    const journal = await g.control('GET', '/_graphd/requests?limit=1000');
    expect(journal.status, journal.body).toBe(200);
    expect(journal.json.data.length).toBeGreaterThanOrEqual(answers.length + echoes.length);
    const secrets = [...Object.values(world.tokens), ...Object.values(world.secrets), proof, 'not-the-secret', 'wrong-secret-value-12345', ...rawRows.flat(), '4155550199'];
    const places = {
      logs: logLines.join('\n'),
      journal: journal.body,
      answers: answers.map((a) => JSON.stringify(a.headers) + a.body).join('\n'),
      'token answers': tokenAnswers.map((a) => JSON.stringify(a.headers) + a.body).join('\n'),
      'upload answers': echoes.map((a) => JSON.stringify(a.headers) + a.body).join('\n'),
    };
    const raw = new Set(rawRows.flat());
    const sought = (place: string, secret: string) =>
      place === 'token answers' ? Object.values(world.secrets).includes(secret) : place !== 'upload answers' || !raw.has(secret);
    expect(logLines.length).toBeGreaterThan(answers.length);
    const leaks = Object.entries(places).flatMap(([place, text]) =>
      secrets.filter((secret) => sought(place, secret) && text.includes(secret)).map((secret) => `${place}: ${secret}`),
    );
    expect(leaks).toEqual([]);
    expect(tokenAnswers.map((a) => a.status)).toEqual([200, 201]);
  });
});
