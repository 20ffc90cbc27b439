// Warden console: renders every value with textContent (never as HTML) and sends the CSRF token on writes.

const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
const app = document.getElementById('app');
const SVG = 'http://www.w3.org/2000/svg';

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'onclick' || k === 'onsubmit' || k === 'onchange') node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function badge(text) {
  return el('span', { class: `badge ${String(text)}` }, String(text));
}

function when(ts) {
  if (!ts) return '';
  const d = new Date(typeof ts === 'number' ? ts : String(ts));
  return Number.isNaN(d.getTime()) ? String(ts) : d.toLocaleString();
}

async function api(path, opts = {}) {
  const res = await fetch(path, {
    method: opts.method ?? 'GET',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: opts.body ? JSON.stringify(opts.body) : undefined,
    credentials: 'same-origin',
  });
  const text = await res.text();
  let json = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = {};
  }
  if (!res.ok) throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
  return json;
}

function show(...nodes) {
  app.replaceChildren(...nodes);
}

function errorBox(err) {
  return el('p', { class: 'error', role: 'alert' }, String(err?.message ?? err));
}

function table(headers, rows) {
  return el(
    'table',
    {},
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        headers.map((h) => el('th', {}, h)),
      ),
    ),
    el(
      'tbody',
      {},
      rows.map((r) =>
        el(
          'tr',
          {},
          r.map((c) => el('td', {}, c)),
        ),
      ),
    ),
  );
}

function barChart(title, series) {
  // series: [{label, value}] drawn as SVG bars; labels become <title> text nodes, never markup.
  const w = 600;
  const h = 160;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  const max = Math.max(1, ...series.map((s) => s.value));
  const bw = series.length ? (w - 20) / series.length : w;
  series.forEach((s, i) => {
    const rect = document.createElementNS(SVG, 'rect');
    const bh = Math.round(((h - 30) * s.value) / max);
    rect.setAttribute('x', String(10 + i * bw));
    rect.setAttribute('y', String(h - 20 - bh));
    rect.setAttribute('width', String(Math.max(1, bw - 2)));
    rect.setAttribute('height', String(bh));
    rect.setAttribute('fill', s.color ?? '#0b5cad');
    const t = document.createElementNS(SVG, 'title');
    t.textContent = `${s.label}: ${s.value}`;
    rect.append(t);
    svg.append(rect);
  });
  const caption = document.createElementNS(SVG, 'text');
  caption.setAttribute('x', '10');
  caption.setAttribute('y', '14');
  caption.setAttribute('font-size', '12');
  caption.textContent = title;
  svg.append(caption);
  return svg;
}

// ---- approvals -------------------------------------------------------------------------------
let approvalsTimer;
async function approvalsPage(selected) {
  clearTimeout(approvalsTimer);
  let list = [];
  let detail;
  try {
    list = (await api('/admin/api/approvals?status=pending')).data ?? [];
    if (selected) detail = await api(`/admin/api/approvals/${encodeURIComponent(selected)}`);
  } catch (err) {
    show(el('h1', {}, 'Approvals'), errorBox(err));
    approvalsTimer = setTimeout(() => approvalsPage(selected), 3000);
    return;
  }
  const rows = list.map((a) => [
    el(
      'a',
      {
        href: `#${a.id}`,
        'data-approval': a.id,
        onclick: (e) => {
          e.preventDefault();
          approvalsPage(a.id);
        },
      },
      a.id,
    ),
    a.tool ?? a.toolName ?? '',
    a.requester ?? a.principal ?? '',
    when(a.createdAt),
    when(a.expiresAt),
    badge(a.status ?? 'pending'),
  ]);
  const nodes = [
    el('h1', {}, 'Approvals'),
    el('p', { class: 'muted' }, `${list.length} pending · refreshes every 2 s`),
    list.length
      ? table(['id', 'tool', 'requested by', 'created', 'expires', 'status'], rows)
      : el('p', {}, 'Nothing is waiting.'),
  ];
  if (detail) nodes.push(approvalDetail(detail));
  show(...nodes);
  approvalsTimer = setTimeout(() => approvalsPage(selected), 2000);
}

function approvalDetail(a) {
  let args = a.arguments ?? a.args ?? '';
  try {
    args = JSON.stringify(typeof args === 'string' ? JSON.parse(args) : args, null, 2);
  } catch {
    args = String(args);
  }
  const reason = el('input', { name: 'reason', placeholder: 'reason (optional)', 'aria-label': 'reason' });
  const decide = (verdict) => async () => {
    try {
      await api(`/admin/api/approvals/${encodeURIComponent(a.id)}/${verdict}`, {
        method: 'POST',
        body: { reason: reason.value },
      });
      approvalsPage();
    } catch (err) {
      card.append(errorBox(err));
    }
  };
  const ctx = a.context ?? {};
  const card = el(
    'section',
    { class: 'card', id: 'approval-detail' },
    el('h2', {}, `Tool call ${a.tool ?? a.toolName ?? ''}`),
    el(
      'p',
      {},
      'Requested by ',
      el('code', {}, a.requester ?? a.principal ?? ''),
      ' · status ',
      badge(a.status ?? 'pending'),
    ),
    el('p', {}, 'Why: ', a.reason ?? ''),
    el('h3', {}, 'Arguments'),
    el('pre', { id: 'approval-args' }, args),
    el('h3', {}, 'Conversation (redacted excerpt of the last user turn)'),
    el('pre', { id: 'approval-context' }, ctx.excerpt ?? '(none)'),
    el(
      'p',
      { class: 'muted' },
      'request ',
      el('code', {}, ctx.requestId ?? ''),
      ' · route ',
      a.route ?? '',
      ' · model ',
      a.model ?? '',
    ),
    el('p', { id: 'approval-decisions' }, 'Guard decisions: ', el('span', { class: 'muted' }, 'loading…')),
    a.status === 'pending' || !a.status
      ? el(
          'div',
          { class: 'inline' },
          reason,
          el('button', { class: 'primary', id: 'approve', onclick: decide('approve') }, 'Approve'),
          el('button', { class: 'danger', id: 'deny', onclick: decide('deny') }, 'Deny'),
        )
      : null,
  );
  loadDecisions(ctx.requestId, card.querySelector('#approval-decisions'));
  return card;
}

async function loadDecisions(requestId, target) {
  if (!requestId || !target) return;
  try {
    const rows =
      (await api(`/admin/api/audit?requestId=${encodeURIComponent(requestId)}&limit=2000`)).data ?? [];
    const decisions = rows.flatMap((r) => r.decisions ?? []);
    target.replaceChildren(
      'Guard decisions: ',
      ...(decisions.length ? decisions.map((d) => badge(`${d.guardId}:${d.action}`)) : ['none recorded yet']),
    );
  } catch {
    target.replaceChildren('Guard decisions: visible to admins in the traffic page.');
  }
}

// ---- traffic ---------------------------------------------------------------------------------
async function trafficPage() {
  const params = new URLSearchParams(location.search);
  const form = el(
    'form',
    { class: 'inline', method: 'get' },
    el('label', {}, 'principal', el('input', { name: 'principal', value: params.get('principal') ?? '' })),
    el('label', {}, 'guard', el('input', { name: 'guard', value: params.get('guard') ?? '' })),
    el(
      'label',
      {},
      'action',
      el(
        'select',
        { name: 'action' },
        ['', 'allow', 'block', 'transform', 'requireApproval'].map((a) =>
          el('option', { value: a, selected: params.get('action') === a }, a || 'any'),
        ),
      ),
    ),
    el('button', { type: 'submit' }, 'Filter'),
  );
  let rows = [];
  try {
    const q = new URLSearchParams({ limit: '500' });
    for (const k of ['principal', 'guard', 'action']) if (params.get(k)) q.set(k, params.get(k));
    rows = (await api(`/admin/api/audit?${q}`)).data ?? [];
  } catch (err) {
    show(el('h1', {}, 'Traffic'), form, errorBox(err));
    return;
  }
  const perMinute = new Map();
  const blocksPerGuard = new Map();
  for (const r of rows) {
    const minute = String(r.ts ?? '').slice(0, 16);
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
    for (const d of r.decisions ?? [])
      if (d.action === 'block') blocksPerGuard.set(d.guardId, (blocksPerGuard.get(d.guardId) ?? 0) + 1);
  }
  const rate = [...perMinute.entries()].sort().map(([label, value]) => ({ label, value }));
  const blocks = [...blocksPerGuard.entries()].map(([label, value]) => ({ label, value, color: '#b3261e' }));
  show(
    el('h1', {}, 'Traffic'),
    form,
    el('div', { class: 'card' }, barChart('requests per minute', rate)),
    el(
      'div',
      { class: 'card' },
      barChart('blocks per guard', blocks),
      el('p', { class: 'muted' }, blocks.map((b) => `${b.label}: ${b.value}`).join(' · ')),
    ),
    table(
      ['time', 'principal', 'route', 'model', 'status', 'outcome', 'decisions', 'excerpt'],
      rows.map((r) => [
        when(r.ts),
        r.principal ?? '',
        r.route ?? r.kind ?? '',
        r.model ?? '',
        String(r.status ?? ''),
        badge(r.outcome ?? ''),
        (r.decisions ?? [])
          .filter((d) => d.action !== 'allow' || d.status !== 'ok')
          .map((d) => badge(`${d.guardId}:${d.action}`)),
        el('code', {}, r.excerpt ?? ''),
      ]),
    ),
  );
}

// ---- keys ------------------------------------------------------------------------------------
async function keysPage(flash) {
  let keys = [];
  try {
    keys = (await api('/admin/api/keys')).data ?? [];
  } catch (err) {
    show(el('h1', {}, 'Keys'), errorBox(err));
    return;
  }
  const name = el('input', { name: 'name', required: true });
  const scopes = el('input', { name: 'scopes', value: 'chat,completions,embeddings,models' });
  const models = el('input', { name: 'models', value: '*' });
  const expires = el('input', { name: 'expires', placeholder: 'e.g. 30d' });
  const list = (s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const create = el(
    'form',
    {
      class: 'inline card',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const body = { name: name.value, scopes: list(scopes.value), models: list(models.value) };
          if (expires.value) body.expires = expires.value;
          const k = await api('/admin/api/keys', { method: 'POST', body });
          keysPage(k.key);
        } catch (err) {
          create.append(errorBox(err));
        }
      },
    },
    el('label', {}, 'name', name),
    el('label', {}, 'scopes', scopes),
    el('label', {}, 'models', models),
    el('label', {}, 'expires', expires),
    el('button', { class: 'primary', type: 'submit' }, 'Create key'),
  );
  const act = (id, action) => async () => {
    try {
      const r = await api(`/admin/api/keys/${encodeURIComponent(id)}/${action}`, {
        method: 'POST',
        body: {},
      });
      keysPage(action === 'rotate' ? r.key : undefined);
    } catch (err) {
      app.append(errorBox(err));
    }
  };
  show(
    el('h1', {}, 'Keys'),
    flash
      ? el(
          'div',
          { class: 'secret', id: 'new-secret' },
          'New key (shown once, copy it now): ',
          el('code', {}, flash),
        )
      : null,
    create,
    table(
      ['id', 'name', 'principal', 'scopes', 'models', 'expires', 'status', ''],
      keys.map((k) => [
        el('code', {}, k.id),
        k.name,
        k.principal,
        (k.scopes ?? []).join(', '),
        (k.models ?? []).join(', '),
        when(k.expiresAt),
        badge(k.status),
        k.status === 'active'
          ? el(
              'span',
              {},
              el('button', { onclick: act(k.id, 'rotate') }, 'Rotate'),
              ' ',
              el('button', { class: 'danger', onclick: act(k.id, 'revoke') }, 'Revoke'),
            )
          : '',
      ]),
    ),
  );
}

// ---- bans ------------------------------------------------------------------------------------
async function bansPage() {
  let bans = [];
  try {
    bans = (await api('/admin/api/bans')).data ?? [];
  } catch (err) {
    show(el('h1', {}, 'Bans'), errorBox(err));
    return;
  }
  const principal = el('input', {
    name: 'principal',
    required: true,
    placeholder: 'key:abc… or tenant:acme',
  });
  const reason = el('input', { name: 'reason' });
  const expires = el('input', { name: 'expires', placeholder: 'e.g. 24h' });
  const add = el(
    'form',
    {
      class: 'inline card',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const body = { principal: principal.value, reason: reason.value };
          if (expires.value) body.expires = expires.value;
          await api('/admin/api/bans', { method: 'POST', body });
          bansPage();
        } catch (err) {
          add.append(errorBox(err));
        }
      },
    },
    el('label', {}, 'principal', principal),
    el('label', {}, 'reason', reason),
    el('label', {}, 'expires', expires),
    el('button', { class: 'danger', type: 'submit' }, 'Ban'),
  );
  show(
    el('h1', {}, 'Bans'),
    add,
    table(
      ['principal', 'reason', 'by', 'since', 'until', ''],
      bans.map((b) => [
        el('code', {}, b.principal),
        b.reason,
        b.by,
        when(b.createdAt),
        b.expiresAt ? when(b.expiresAt) : 'lifted by hand',
        el(
          'button',
          {
            onclick: async () => {
              await api(`/admin/api/bans/${encodeURIComponent(b.principal)}`, { method: 'DELETE' });
              bansPage();
            },
          },
          'Lift',
        ),
      ]),
    ),
  );
}

// ---- extraction ------------------------------------------------------------------------------
async function extractionPage() {
  let rows = [];
  try {
    rows = (await api('/admin/api/extraction')).data ?? [];
  } catch (err) {
    show(el('h1', {}, 'Extraction'), errorBox(err));
    return;
  }
  show(
    el('h1', {}, 'Extraction'),
    el(
      'div',
      { class: 'card' },
      barChart(
        'suspicion per principal (1 - combined p)',
        rows.map((r) => ({ label: r.principal, value: Math.round((r.score ?? 0) * 100) })),
      ),
    ),
    table(
      ['principal', 'queries', 'score', 'action', 'signals'],
      rows.map((r) => [
        el('code', {}, r.principal),
        String(r.n ?? ''),
        String(r.score ?? ''),
        badge(r.action ?? 'none'),
        el('pre', {}, JSON.stringify(r.signals ?? r.pValues ?? {}, null, 2)),
      ]),
    ),
  );
}

// ---- scans -----------------------------------------------------------------------------------
async function scansPage() {
  let rows = [];
  try {
    rows = (await api('/admin/api/scans')).data ?? [];
  } catch (err) {
    show(el('h1', {}, 'Scans'), errorBox(err));
    return;
  }
  show(
    el('h1', {}, 'Scan reports'),
    rows.length
      ? table(
          ['report', 'created', 'summary'],
          rows.map((r) => [
            el('a', { href: `/admin/scans/${encodeURIComponent(r.name)}/report.html` }, r.name),
            when(r.createdAt),
            el(
              'code',
              {},
              JSON.stringify(r.summary?.overall ?? r.summary?.totals ?? r.summary ?? {}).slice(0, 200),
            ),
          ]),
        )
      : el('p', {}, 'No scan reports yet: run `warden scan --report <data dir>/scans/<name>`.'),
  );
}

const pages = {
  approvals: () => approvalsPage(location.hash.slice(1) || undefined),
  traffic: trafficPage,
  keys: keysPage,
  bans: bansPage,
  extraction: extractionPage,
  scans: scansPage,
};
(pages[app?.dataset.page] ?? approvalsPage)();
