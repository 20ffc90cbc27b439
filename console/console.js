// Warden console: renders every value with textContent (never as HTML) and sends the CSRF token on writes.
// Charts: uPlot (served from the installed package by the gateway) for time series, plain SVG for bar lists.

const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
const app = document.getElementById('app');
const SVG = 'http://www.w3.org/2000/svg';
const PAGE_SIZE = 50;

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

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

/** A value as text: absent values read as a dash, never "null" or "undefined". */
function text(v, dash = '—') {
  return v === undefined || v === null || v === '' ? dash : String(v);
}

/** A pill; its colour follows `kind` (an outcome, action or status), else the label itself. */
function badge(label, kind) {
  const t = text(label);
  return el('span', { class: `badge ${String(kind ?? t).replace(/[^a-zA-Z]/g, '')}` }, t);
}

function when(ts, dash = '—') {
  if (ts === undefined || ts === null || ts === '') return dash;
  const d = new Date(typeof ts === 'number' ? ts : String(ts));
  return Number.isNaN(d.getTime()) ? String(ts) : d.toLocaleString();
}

function pct(x, digits = 1) {
  return typeof x === 'number' && Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : '—';
}

/** A p-value as a person reads it (as in `warden extraction report`). */
function formatP(p) {
  if (typeof p !== 'number' || !Number.isFinite(p)) return '—';
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

async function api(path, opts = {}) {
  const res = await fetch(path, {
    method: opts.method ?? 'GET',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: opts.body ? JSON.stringify(opts.body) : undefined,
    credentials: 'same-origin',
  });
  const raw = await res.text();
  let json = {};
  try {
    json = raw ? JSON.parse(raw) : {};
  } catch {
    json = {};
  }
  if (!res.ok) throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
  return json;
}

function show(...nodes) {
  // replaceChildren would print a null as the text "null": leave absent parts out.
  app.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined && n !== false));
}

function errorBox(err) {
  return el('p', { class: 'error', role: 'alert' }, String(err?.message ?? err));
}

function empty(message) {
  return el('p', { class: 'empty' }, message);
}

function table(headers, rows, attrs = {}) {
  return el(
    'table',
    attrs,
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        headers.map((h) => el('th', { scope: 'col' }, h)),
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

// ---- names: key names beside principal ids everywhere ------------------------------------------
let namesLoaded;
function loadNames() {
  namesLoaded ??= api('/admin/api/principals')
    .then((r) => new Map((r.data ?? []).map((k) => [k.principal, k.name])))
    .catch(() => new Map());
  return namesLoaded;
}

/** A principal as "name principal-id"; the id stays visible (names are not unique). */
function who(names, principal) {
  if (!principal) return '—';
  const name = names.get(principal);
  return el(
    'span',
    { class: 'who-cell' },
    name ? el('strong', {}, name) : null,
    name ? ' ' : null,
    el('code', {}, principal),
  );
}

/**
 * Horizontal bars with a labelled axis: items [{label, value, note?}], value in [0, max].
 * Labels are SVG text nodes (never markup).
 */
function barList({ title, items, max, unit, format = (v) => String(v), color = '#0b5cad' }) {
  const labelW = 230;
  const barW = 440;
  const rowH = 20;
  const top = 6;
  const h = top + items.length * rowH + 34;
  const root = svg('svg', {
    class: 'bars',
    viewBox: `0 0 ${labelW + barW + 110} ${h}`,
    width: labelW + barW + 110,
    height: h,
    role: 'img',
    'aria-label': title,
  });
  const scale = max > 0 ? max : 1;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  for (const t of ticks) {
    const x = labelW + t * barW;
    root.append(
      svg('line', { x1: x, x2: x, y1: top - 2, y2: top + items.length * rowH, class: 'grid' }),
      svg(
        'text',
        { x, y: top + items.length * rowH + 14, 'text-anchor': 'middle', class: 'tick' },
        format(t * scale),
      ),
    );
  }
  root.append(
    svg(
      'text',
      { x: labelW + barW / 2, y: top + items.length * rowH + 30, 'text-anchor': 'middle', class: 'axis' },
      unit,
    ),
  );
  items.forEach((it, i) => {
    const y = top + i * rowH;
    const w = Math.max(0, (it.value / scale) * barW);
    const label = it.label.length > 34 ? `${it.label.slice(0, 33)}…` : it.label;
    root.append(
      svg('text', { x: labelW - 6, y: y + 14, 'text-anchor': 'end', class: 'label' }, label),
      svg('rect', { x: labelW, y: y + 3, width: w.toFixed(1), height: rowH - 6, fill: color }),
      svg('text', { x: labelW + w + 4, y: y + 14, class: 'value' }, it.note ?? format(it.value)),
    );
    root.lastChild.previousSibling.append(svg('title', {}, `${it.label}: ${it.note ?? format(it.value)}`));
  });
  return el('figure', { class: 'chart' }, el('figcaption', {}, title), root);
}

// ---- approvals -------------------------------------------------------------------------------
let approvalsTimer;
async function approvalsPage(selected) {
  clearTimeout(approvalsTimer);
  let list = [];
  let detail;
  const names = await loadNames();
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
    text(a.tool ?? a.toolName),
    who(names, a.requester ?? a.principal),
    when(a.createdAt),
    when(a.expiresAt),
    badge(a.status ?? 'pending'),
  ]);
  const nodes = [
    el('h1', {}, 'Approvals'),
    el('p', { class: 'muted' }, `${list.length} pending · refreshes every 2 s`),
    list.length
      ? table(['id', 'tool', 'requested by', 'created', 'expires', 'status'], rows)
      : empty('Nothing is waiting: held tool calls appear here as soon as a guard asks for approval.'),
  ];
  if (detail) nodes.push(approvalDetail(detail, names));
  show(...nodes);
  approvalsTimer = setTimeout(() => approvalsPage(selected), 2000);
}

function approvalDetail(a, names) {
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
    el('h2', {}, `Tool call ${text(a.tool ?? a.toolName, '')}`),
    el(
      'p',
      {},
      'Requested by ',
      who(names, a.requester ?? a.principal),
      ' · status ',
      badge(a.status ?? 'pending'),
    ),
    el('p', {}, 'Why: ', text(a.reason)),
    el('h3', {}, 'Arguments'),
    el('pre', { id: 'approval-args' }, args),
    el('h3', {}, 'Conversation (the last user turn; secrets and personal data masked)'),
    el('pre', { id: 'approval-context' }, ctx.excerpt ?? '(none)'),
    el(
      'p',
      { class: 'muted' },
      'request ',
      el('code', {}, text(ctx.requestId)),
      ' · route ',
      text(a.route),
      ' · model ',
      text(a.model),
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
      ...(decisions.length
        ? decisions.map((d) => badge(`${d.guardId}:${d.action}`, d.action))
        : ['none recorded yet']),
    );
  } catch {
    target.replaceChildren('Guard decisions: visible to admins in the traffic page.');
  }
}

// ---- traffic ---------------------------------------------------------------------------------
const OUTCOMES = ['ok', 'blocked', 'filtered', 'error', 'pending'];
const OUTCOME_COLOURS = {
  ok: '#1e7d32',
  blocked: '#b3261e',
  filtered: '#c77700',
  error: '#5b6470',
  pending: '#6a3fb5',
};

/** An ISO instant as a datetime-local input value (local time, minutes). */
function localInput(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function bucketName(seconds) {
  if (seconds % 86400 === 0) return seconds === 86400 ? 'day' : `${seconds / 86400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`;
  return seconds === 60 ? 'minute' : `${seconds / 60} minutes`;
}

function trafficUrl(params, changes) {
  const q = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') q.delete(k);
    else q.set(k, v);
  }
  return `/admin/traffic?${q}`;
}

async function trafficPage() {
  const params = new URLSearchParams(location.search);
  const filter = new URLSearchParams();
  for (const k of ['principal', 'outcome', 'route', 'from', 'to'])
    if (params.get(k)) filter.set(k, params.get(k));
  const page = Math.max(1, Number(params.get('page')) || 1);
  let rows;
  let total;
  let stats;
  const names = await loadNames();
  try {
    const q = new URLSearchParams(filter);
    q.set('page', String(page));
    q.set('pageSize', String(PAGE_SIZE));
    const [list, agg] = await Promise.all([
      api(`/admin/api/traffic?${q}`),
      api(`/admin/api/traffic/stats?${filter}`),
    ]);
    rows = list.data ?? [];
    total = list.total ?? 0;
    stats = agg;
  } catch (err) {
    show(el('h1', {}, 'Traffic'), trafficFilters(params, names, []), errorBox(err));
    return;
  }
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const withExcerpts = rows.some((r) => r.excerpt);
  const headers = [
    'time',
    'principal',
    'route',
    'model',
    'status',
    'outcome',
    'guard decisions',
    'latency (ms)',
  ];
  if (withExcerpts) headers.push('excerpt (secrets and personal data masked)');
  const body = rows.map((r) => {
    const cells = [
      when(r.ts),
      who(names, r.principal),
      text(r.route),
      text(r.model),
      text(r.status),
      badge(r.outcome),
      (r.decisions ?? [])
        .filter((d) => d.action !== 'allow' || d.status === 'error')
        .map((d) => badge(`${d.guardId}:${d.action}`, d.action)),
      typeof r.latency?.totalMs === 'number' ? r.latency.totalMs.toFixed(1) : '—',
    ];
    if (withExcerpts) cells.push(el('code', { class: 'excerpt' }, text(r.excerpt)));
    return cells;
  });
  const nav = el(
    'nav',
    { class: 'pager', 'aria-label': 'pages' },
    page > 1
      ? el('a', { href: trafficUrl(params, { page: String(page - 1) }), rel: 'prev' }, '← newer')
      : null,
    el('span', { id: 'page-info' }, `page ${page} of ${pages} · ${total} requests`),
    page < pages
      ? el('a', { href: trafficUrl(params, { page: String(page + 1) }), rel: 'next' }, 'older →')
      : null,
  );
  show(
    el('h1', {}, 'Traffic'),
    trafficFilters(params, names, stats.routes ?? []),
    stats.total
      ? el(
          'p',
          { class: 'muted', id: 'traffic-range' },
          `${stats.total} requests match, from ${when(stats.first)} to ${when(stats.last)}; charts count all of them, one bar per ${bucketName(stats.bucketSeconds)}.`,
        )
      : null,
    stats.total ? trafficCharts(stats, filter) : null,
    rows.length
      ? table(headers, body, { id: 'traffic-table' })
      : empty(
          filter.size
            ? 'No request matches these filters.'
            : 'No requests yet: traffic through /v1 appears here once it is audited.',
        ),
    rows.length && !withExcerpts
      ? el(
          'p',
          { class: 'muted' },
          'No excerpts: set audit.excerpts: true to record a short excerpt of each prompt (secrets and personal data masked).',
        )
      : null,
    total > PAGE_SIZE ? nav : null,
  );
}

function trafficFilters(params, names, routes) {
  const principal = el('input', {
    name: 'principal',
    list: 'principals',
    value: params.get('principal') ?? '',
    placeholder: 'key:… or tenant:…',
  });
  const datalist = el(
    'datalist',
    { id: 'principals' },
    [...names].map(([p, n]) => el('option', { value: p }, n)),
  );
  const outcome = el(
    'select',
    { name: 'outcome' },
    ['', ...OUTCOMES].map((o) =>
      el('option', { value: o, selected: params.get('outcome') === o }, o || 'any'),
    ),
  );
  const current = params.get('route') ?? '';
  const routeNames = routes.map((r) => r.route).filter(Boolean);
  if (current && !routeNames.includes(current)) routeNames.push(current);
  const route = el(
    'select',
    { name: 'route' },
    ['', ...routeNames].map((r) => el('option', { value: r, selected: current === r }, r || 'any')),
  );
  const from = el('input', {
    type: 'datetime-local',
    name: 'from',
    value: localInput(params.get('from') ?? ''),
  });
  const to = el('input', { type: 'datetime-local', name: 'to', value: localInput(params.get('to') ?? '') });
  const iso = (v) => (v ? new Date(v).toISOString() : '');
  const go = (changes) => {
    location.search = new URLSearchParams(
      Object.entries({
        principal: principal.value.trim(),
        outcome: outcome.value,
        route: route.value,
        from: iso(from.value),
        to: iso(to.value),
        ...changes,
      }).filter(([, v]) => v),
    ).toString();
  };
  const last = (ms) => () => go({ from: new Date(Date.now() - ms).toISOString(), to: '' });
  return el(
    'form',
    {
      class: 'inline card',
      id: 'traffic-filters',
      onsubmit: (e) => {
        e.preventDefault();
        go({});
      },
    },
    el('label', {}, 'principal', principal, datalist),
    el('label', {}, 'outcome', outcome),
    el('label', {}, 'route', route),
    el('label', {}, 'from', from),
    el('label', {}, 'to', to),
    el('button', { class: 'primary', type: 'submit' }, 'Filter'),
    el(
      'span',
      { class: 'quick' },
      'last ',
      el('button', { type: 'button', onclick: last(3600e3) }, 'hour'),
      el('button', { type: 'button', onclick: last(86400e3) }, '24 h'),
      el('button', { type: 'button', onclick: last(7 * 86400e3) }, '7 days'),
      el('a', { href: '/admin/traffic' }, 'all (clear)'),
    ),
  );
}

/** The smallest 4 x (1, 2 or 5 x 10^k) at or above n, so that the five ticks fall on round numbers. */
function niceMax(n) {
  const step = n / 4;
  const p = 10 ** Math.floor(Math.log10(step));
  const m = [1, 2, 5, 10].find((x) => x * p >= step) ?? 10;
  return Math.max(4, 4 * m * p);
}

function trafficCharts(stats, filter) {
  const b = stats.bucketSeconds;
  const start = Math.floor(Date.parse(filter.get('from') ?? stats.first) / 1000 / b) * b;
  const end = Math.floor(Date.parse(filter.get('to') ?? stats.last) / 1000 / b) * b;
  // One empty bucket either side, so that a burst inside one bucket still draws as a bar on a time axis.
  const xs = [];
  for (let t = start - b; t <= end + b && xs.length < 500; t += b) xs.push(t);
  const index = new Map(xs.map((t, i) => [t, i]));
  const present = OUTCOMES.filter((o) => stats.buckets.some((r) => r.outcome === o));
  const counts = present.map((o) => {
    const ys = xs.map(() => 0);
    for (const r of stats.buckets) if (r.outcome === o && index.has(r.t)) ys[index.get(r.t)] += r.count;
    return ys;
  });
  // Stacked bars: each outcome is drawn as the running total up to it, tallest first, so the visible
  // segment is its own count; the legend shows the outcome's own count.
  const running = counts.map((_, k) =>
    xs.map((_x, i) => counts.slice(0, k + 1).reduce((n, ys) => n + ys[i], 0)),
  );
  const order = present.map((_, k) => k).reverse();
  const peak = Math.max(1, ...(running.at(-1) ?? [1]));
  const unit = `requests per ${bucketName(b)}`;
  const drawn = counts.reduce((n, ys) => n + ys.reduce((a, y) => a + y, 0), 0);
  const holder = el('div', { class: 'uplot-holder', id: 'traffic-chart', 'data-drawn': drawn });
  const figure = el(
    'figure',
    { class: 'chart card' },
    el('figcaption', {}, `Requests by outcome (${unit})`),
    holder,
  );
  const draw = () => {
    if (typeof uPlot !== 'function') {
      holder.append(errorBox('chart library failed to load'));
      return;
    }
    const width = Math.max(320, Math.min(1100, holder.clientWidth || 900));
    const bars = uPlot.paths.bars({ size: [0.8, 40] });
    // eslint-disable-next-line no-new
    new uPlot(
      {
        width,
        height: 240,
        scales: {
          x: { time: true, range: () => [xs[0] - b / 2, xs[xs.length - 1] + b / 2] },
          y: { range: () => [0, niceMax(peak)] },
        },
        axes: [
          { label: 'time (local)', stroke: '#1b1f24' },
          {
            label: unit,
            stroke: '#1b1f24',
            values: (_u, vals) => vals.map((v) => (Number.isInteger(v) ? String(v) : '')),
          },
        ],
        series: [
          { label: 'time' },
          ...order.map((k) => ({
            label: present[k],
            stroke: OUTCOME_COLOURS[present[k]],
            fill: OUTCOME_COLOURS[present[k]],
            width: 1,
            paths: bars,
            points: { show: false },
            value: (_u, _v, _si, i) => (i === null || i === undefined ? '—' : String(counts[k][i])),
          })),
        ],
      },
      [xs, ...order.map((k) => running[k])],
      holder,
    );
  };
  requestAnimationFrame(draw);
  const guards = stats.blocksByGuard ?? [];
  const max = niceMax(Math.max(1, ...guards.map((g) => g.count)));
  return el(
    'div',
    { class: 'charts' },
    figure,
    guards.length
      ? el(
          'div',
          { class: 'card', id: 'blocks-chart' },
          barList({
            title: 'Blocks per guard (all matching requests)',
            items: guards.map((g) => ({ label: text(g.guardId), value: g.count })),
            max,
            unit: 'blocked requests',
            format: (v) => String(Math.round(v)),
            color: '#b3261e',
          }),
        )
      : el('p', { class: 'muted card' }, 'No guard blocked any matching request.'),
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
  const byId = new Map(keys.map((k) => [k.id, k.name]));
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
          namesLoaded = undefined;
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
  const status = (k) =>
    k.rotatedTo
      ? el(
          'span',
          {},
          badge(k.status),
          ' rotated to ',
          el('code', {}, k.rotatedTo),
          ` (${text(byId.get(k.rotatedTo))})`,
        )
      : badge(k.status);
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
    keys.length
      ? table(
          [
            'id',
            'name',
            'principal',
            'owner / tenant',
            'scopes',
            'models',
            'created',
            'expires',
            'status',
            '',
          ],
          keys.map((k) => [
            el('code', {}, k.id),
            el('strong', {}, text(k.name)),
            el('code', {}, text(k.principal)),
            [k.owner, k.tenant].filter(Boolean).join(' / ') || '—',
            (k.scopes ?? []).join(', ') || 'none',
            (k.models ?? []).join(', ') || 'none',
            when(k.createdAt),
            when(k.expiresAt, 'never'),
            status(k),
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
          { id: 'keys-table' },
        )
      : empty('No API keys yet: create one above, or with `npx warden keys create`.'),
  );
}

// ---- bans ------------------------------------------------------------------------------------
async function bansPage() {
  let bans = [];
  const names = await loadNames();
  try {
    bans = (await api('/admin/api/bans')).data ?? [];
  } catch (err) {
    show(el('h1', {}, 'Bans'), errorBox(err));
    return;
  }
  const principal = el('input', {
    name: 'principal',
    required: true,
    list: 'principals',
    placeholder: 'key:abc… or tenant:acme',
  });
  const datalist = el(
    'datalist',
    { id: 'principals' },
    [...names].map(([p, n]) => el('option', { value: p }, n)),
  );
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
    el('label', {}, 'principal', principal, datalist),
    el('label', {}, 'reason', reason),
    el('label', {}, 'expires', expires),
    el('button', { class: 'danger', type: 'submit' }, 'Ban'),
  );
  show(
    el('h1', {}, 'Bans'),
    add,
    bans.length
      ? table(
          ['principal', 'reason', 'by', 'since', 'until', ''],
          bans.map((b) => [
            who(names, b.principal),
            text(b.reason),
            who(names, b.by),
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
          { id: 'bans-table' },
        )
      : empty(
          'No principal is banned. Bans come from the extraction monitor (when it is set to ban) or from this form.',
        ),
  );
}

// ---- extraction ------------------------------------------------------------------------------
/** What each signal measures, in a few words (docs/extraction.md has the full definitions). */
const SIGNAL_LABELS = {
  breadth: 'breadth of the query embeddings (effective rank)',
  dispersion: 'how spread out the queries are',
  cells: 'distinct regions of the embedding space visited',
  topics: 'distinct topics (needs a topic codebook)',
  growth: 'rate at which new regions keep appearing',
  vocabulary: 'share of distinct words (real users reuse words)',
  redundancy: 'near-duplicate queries',
  novelty: 'queries unlike the recent ones',
  regularity: 'regular timing (scripted clients)',
  tokenRatio: 'answer length over prompt length',
  probing: 'share of queries asking for logprobs or logit_bias',
};

function signalReading(p) {
  if (typeof p !== 'number') return '—';
  if (p < 0.001) return 'far from benign traffic';
  if (p < 0.01) return 'above benign traffic';
  return 'within benign traffic';
}

async function extractionPage() {
  let rows = [];
  const names = await loadNames();
  try {
    rows = (await api('/admin/api/extraction')).data ?? [];
  } catch (err) {
    show(el('h1', {}, 'Extraction'), errorBox(err));
    return;
  }
  const intro = el(
    'p',
    { class: 'muted' },
    'Each figure is a p-value: how often benign traffic looks at least this unusual. Values near 1 are ordinary use; ' +
      'the monitor acts only on small values (below 0.001 by default). The reading says which.',
  );
  if (!rows.length) {
    show(
      el('h1', {}, 'Extraction'),
      intro,
      empty('No principal has been scored yet: scores appear after its first requests.'),
    );
    return;
  }
  const summary = table(
    [
      'principal',
      'scope',
      'requests',
      'last seen',
      'combined p',
      'strongest signal',
      'last verdict',
      'reading',
    ],
    rows.map((r) => [
      who(names, r.principal),
      text(r.scope),
      text(r.n),
      when(r.lastSeen),
      formatP(r.combinedP),
      r.strongest ? `${r.strongest} (p ${formatP(r.signals?.[r.strongest])})` : '—',
      r.action && r.action !== 'none'
        ? el('span', {}, badge(r.action), r.verdictAt ? ` at request ${r.verdictAt}` : '')
        : 'none',
      el(
        'span',
        { class: /^unusual/.test(r.reading ?? '') ? 'bad' : /^watch/.test(r.reading ?? '') ? 'warn' : 'ok' },
        text(r.reading),
      ),
    ]),
    { id: 'extraction-table' },
  );
  const details = rows.map((r) =>
    el(
      'details',
      { class: 'card' },
      el('summary', {}, 'Signals of ', who(names, r.principal), ` (${text(r.scope)})`),
      Object.keys(r.signals ?? {}).length
        ? table(
            ['signal', 'what it measures', 'p-value', 'reading'],
            Object.entries(r.signals).map(([name, p]) => [
              el('code', {}, name),
              SIGNAL_LABELS[name] ?? '',
              formatP(p),
              signalReading(p),
            ]),
            { class: 'signals' },
          )
        : empty('Not scored yet.'),
    ),
  );
  show(el('h1', {}, 'Extraction'), intro, summary, ...details);
}

// ---- scans -----------------------------------------------------------------------------------
async function scansPage() {
  let rows = [];
  let dir = '';
  try {
    const r = await api('/admin/api/scans');
    rows = r.data ?? [];
    dir = r.dir ?? '';
  } catch (err) {
    show(el('h1', {}, 'Scans'), errorBox(err));
    return;
  }
  const where = el(
    'p',
    { class: 'muted' },
    'Reports are read from ',
    el('code', {}, dir || 'the scans directory'),
    ' (config console.scansDir); one sub-directory per run, written by ',
    el('code', {}, 'warden scan --report DIR/NAME'),
    '.',
  );
  if (!rows.length) {
    show(el('h1', {}, 'Scan reports'), where, empty('No scan reports yet.'));
    return;
  }
  const link = (r) =>
    r.hasHtml
      ? el('a', { href: `/admin/scans/${encodeURIComponent(r.name)}/report.html` }, r.name)
      : el('span', {}, r.name, ' (no HTML report)');
  const list = table(
    ['report', 'finished', 'target · model', 'attempts', 'attack success (95% CI)', 'errors', 'result'],
    rows.map((r) => [
      link(r),
      when(r.finishedAt ?? r.createdAt),
      `${text(r.target)} · ${text(r.model)}`,
      text(r.attempts),
      r.attackSuccess
        ? `${pct(r.attackSuccess.rate)} (${pct(r.attackSuccess.low)}–${pct(r.attackSuccess.high)})`
        : text(r.problem),
      r.errors
        ? el('span', { class: r.errors.exceeded ? 'bad' : '' }, `${r.errors.count} (${pct(r.errors.share)})`)
        : '—',
      r.failed === null ? '—' : badge(r.failed ? 'failed' : 'passed'),
    ]),
    { id: 'scans-table' },
  );
  const families = rows.map((r, i) =>
    el(
      'details',
      { class: 'card', open: i === 0 },
      el('summary', {}, 'Attack success per family: ', r.name),
      r.families.length
        ? barList({
            title: `${r.name}: vulnerable / scored attempts per family`,
            items: [...r.families]
              .sort((a, b) => b.rate - a.rate || a.name.localeCompare(b.name))
              .map((f) => ({
                label: f.name,
                value: f.rate,
                note: `${pct(f.rate)} (${f.vulnerable}/${f.scored})`,
              })),
            max: 1,
            unit: 'attack success (share of scored attempts)',
            format: (v) => `${Math.round(v * 100)}%`,
            color: '#c0392b',
          })
        : empty('This report has no per-family figures.'),
    ),
  );
  show(el('h1', {}, 'Scan reports'), where, list, ...families);
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
