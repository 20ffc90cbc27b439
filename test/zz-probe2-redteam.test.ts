import { it } from 'node:test';
import { startStack } from './helpers.js';

it('probe2', async () => {
  const stack = await startStack((c) => ({ ...c, auth: { mode: 'keys' }, responses: { store: 'sqlite' } }));
  const key = (await stack.app.admin.createKey({ name: 'a', scopes: ['chat'] }, 't')).token;
  const h = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const chat = JSON.stringify({ model: 'warden-sim-1', messages: [{ role: 'user', content: 'hi' }] });
  const tries: [string, string, string?, Record<string, string>?][] = [
    ['HEAD', '/v1/models'], ['OPTIONS', '/v1/chat/completions'], ['POST', '//v1/chat/completions', chat],
    ['POST', '/v1/chat/completions/', chat], ['POST', '/V1/chat/completions', chat], ['GET', '/admin/api/keys'],
    ['GET', '/v1/../admin/api/keys'], ['GET', '/v1/%2e%2e/admin/api/keys'], ['GET', '/admin/api/%6beys'], ['GET', '/admin%2fapi/keys'],
    ['GET', '/v1/responses/resp_%3Cscript%3E'], ['GET', '/v1/responses/<img src=x>'],
    ['POST', '/v1/chat/completions', '{"model":"warden-sim-1","messages":[{"role":"user","content":"hi"}],"model":"<script>alert(1)</script>"}'],
    ['POST', '/v1/chat/completions', `{"model":"warden-sim-1","messages":[{"role":"user","content":"hi","x":${'['.repeat(20000)}${']'.repeat(20000)}}]}`],
    ['POST', '/v1/chat/completions', `{"model":"warden-sim-1","messages":[{"role":"user","content":"hi"}],"max_tokens":1e400}`],
    ['POST', '/v1/chat/completions', chat, { 'content-type': 'text/plain' }],
    ['POST', '/v1/responses', `{"model":"warden-sim-1","input":"hi","metadata":${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}}`],
    ['POST', '/v1/chat/completions', '{"model":"<script>x</script>","messages":[{"role":"user","content":"hi"}]}'],
    ['GET', '/admin/api/traffic?principal=%27%20OR%201=1--'],
  ];
  for (const [method, path, body, extra] of tries) {
    const res = await fetch(`${stack.url}${path}`, { method, headers: { ...h, ...extra }, ...(body ? { body } : {}) });
    const t = await res.text();
    console.log(method, path.slice(0, 60), res.status, t.slice(0, 220).replace(/\n/g, ' '));
  }
  await stack.close();
});
