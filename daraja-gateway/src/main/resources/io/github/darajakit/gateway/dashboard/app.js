// DarajaKit dashboard: the gateway's merchant API in a browser tab. Plain DOM, hash routes and
// fetch; no framework, no build step. Every value from the API reaches the page as text
// (textContent, text nodes, attributes), never as HTML.
'use strict';

const KEY_STORAGE = 'darajakit.apiKey';
const PAGE_SIZE = 25;
const SVG_NS = 'http://www.w3.org/2000/svg';

const LISTS = {
  payments: {
    title: 'Payments', kind: 'Payment', path: '/v1/payments', since: true, attention: true,
    statuses: ['pending', 'succeeded', 'failed', 'cancelled', 'expired', 'unknown', 'reversed'],
    // One box for both: what looks like a phone number is one, anything else is a reference.
    search: { param: 'phone', otherParam: 'reference', label: 'Phone or reference', placeholder: '0708374149 or INV-1' },
    columns: ['id', 'status', 'amount', 'phone', 'reference', 'mpesa_receipt', 'created_at'],
  },
  links: {
    title: 'Payment links', kind: 'Payment link', path: '/v1/payment-links', since: true,
    statuses: ['active', 'inactive', 'expired', 'used_up'],
    columns: ['id', 'status', 'description', 'amount', 'reference', 'uses', 'paid_amount', 'created_at'],
    create: () => newLinkForm(),
  },
  checkouts: {
    title: 'Checkouts', kind: 'Checkout session', path: '/v1/checkout-sessions', since: true,
    statuses: ['open', 'complete', 'expired'],
    filters: [{ param: 'payment_link', label: 'Payment link', placeholder: 'plink_…' }],
    columns: ['id', 'status', 'amount', 'reference', 'payment_link', 'attempts', 'created_at'],
    // How far the sessions got, above the list: of the link filtered on, or of all.
    summary: (params, stale) => funnelBox(params.get('payment_link'), stale),
  },
  c2b: {
    title: 'C2B payments', kind: 'C2B payment', path: '/v1/c2b-payments', since: true,
    search: { param: 'bill_ref_number', label: 'Bill reference', placeholder: 'ACC-778' },
    columns: ['id', 'status', 'amount', 'msisdn', 'bill_ref_number', 'trans_id', 'created_at'],
  },
  payouts: {
    title: 'Payouts', kind: 'Payout', path: '/v1/payouts', since: true, attention: true,
    statuses: ['queued', 'held', 'pending', 'succeeded', 'failed', 'unknown', 'cancelled'],
    search: { param: 'phone', label: 'Phone', inputmode: 'tel', placeholder: '0708374149' },
    columns: ['id', 'status', 'amount', 'phone', 'remarks', 'mpesa_receipt', 'created_at'],
  },
  b2b: {
    title: 'B2B payments', kind: 'B2B payment', path: '/v1/b2b-payments', since: true, attention: true,
    statuses: ['pending', 'succeeded', 'failed', 'unknown'],
    search: { param: 'receiver', label: 'Receiver', inputmode: 'numeric', placeholder: '600978' },
    columns: ['id', 'status', 'amount', 'receiver', 'account_reference', 'mpesa_receipt', 'created_at'],
  },
  batches: {
    title: 'Payout batches', kind: 'Payout batch', path: '/v1/payout-batches',
    columns: ['id', 'status', 'total_amount', 'item_count', 'description', 'created_at'],
  },
  reversals: {
    title: 'Reversals', kind: 'Reversal', path: '/v1/reversals', since: true, attention: true,
    statuses: ['pending', 'succeeded', 'failed', 'unknown'],
    search: { param: 'receipt', label: 'Receipt', placeholder: 'UKOBM0633J' },
    columns: ['id', 'status', 'amount', 'receipt', 'original', 'created_at'],
  },
  'b2b-collections': {
    title: 'B2B collections', kind: 'B2B collection', path: '/v1/b2b-collections', since: true, attention: true,
    statuses: ['pending', 'succeeded', 'failed', 'unknown'],
    search: { param: 'primary_short_code', label: 'Till', inputmode: 'numeric', placeholder: '600501' },
    columns: ['id', 'status', 'amount', 'primary_short_code', 'payment_reference', 'mpesa_receipt', 'created_at'],
  },
  subscriptions: {
    title: 'Subscriptions', kind: 'Subscription', path: '/v1/subscriptions',
    statuses: ['pending', 'trialing', 'active', 'past_due', 'paused', 'cancelled', 'ended'],
    search: { param: 'phone', otherParam: 'reference', label: 'Phone or reference', placeholder: '0708374149 or GYM-1' },
    filters: [{ param: 'plan', label: 'Plan', placeholder: 'plan_…' }],
    columns: ['id', 'status', 'plan', 'phone', 'reference', 'next_billing_at', 'created_at'],
    // Rows name their plan; the form chooses one. Both from the plans, read with each page.
    create: (refresh) => newSubscriptionForm(refresh), withPlans: true,
  },
  invoices: {
    title: 'Invoices', kind: 'Invoice', path: '/v1/invoices',
    statuses: ['open', 'paid', 'void', 'uncollectible'],
    search: { param: 'subscription', label: 'Subscription', placeholder: 'sub_…' },
    columns: ['id', 'status', 'amount', 'subscription', 'period_start', 'attempts', 'paid_at', 'created_at'],
  },
  plans: {
    title: 'Plans', kind: 'Plan', path: '/v1/plans',
    columns: ['id', 'name', 'amount', 'interval', 'trial_days', 'created_at'],
    create: (refresh) => newPlanForm(refresh),
  },
  webhooks: {
    // Not paginated by the API (no cursor): the newest 100 are all it can show.
    title: 'Webhook deliveries', kind: 'Webhook delivery', path: '/v1/webhook-deliveries', unpaged: true,
    statuses: ['pending', 'delivered', 'failed'],
    search: { param: 'event', label: 'Event id', placeholder: 'evt_…' },
    columns: ['id', 'status', 'event', 'attempts', 'last_http_status', 'next_attempt_at', 'created_at'],
  },
};
const SECTIONS = ['overview', 'phone', ...Object.keys(LISTS)];

const LABELS = {
  id: 'ID', amount: 'Amount', total_amount: 'Amount', mpesa_receipt: 'Receipt', created_at: 'Created',
  msisdn: 'Payer', bill_ref_number: 'Bill ref.', trans_id: 'Receipt', account_reference: 'Account',
  item_count: 'Rows', last_http_status: 'Last HTTP', next_attempt_at: 'Next attempt',
  next_billing_at: 'Next billing', period_start: 'Period', paid_at: 'Paid', trial_days: 'Trial',
  interval: 'Every', primary_short_code: 'Till', payment_reference: 'Reference', paid_amount: 'Paid in',
};
const MONEY_FIELDS = new Set(['amount', 'paid_amount', 'total_amount', 'min_amount', 'max_amount']);
// The contract's cell name for a batch's total is "amount", like every other list.
const FIELD_ALIASES = { total_amount: 'amount' };
const ID_ROUTES = [['pay_', 'payments'], ['plink_', 'links'], ['cs_', 'checkouts'], ['c2b_', 'c2b'], ['pob_', 'batches'], ['po_', 'payouts'],
  ['b2b_', 'b2b'], ['b2bc_', 'b2b-collections'], ['rev_', 'reversals'], ['sub_', 'subscriptions'], ['inv_', 'invoices'], ['plan_', 'plans']];
// Calendar dates (yyyy-MM-dd), each a day in East Africa Time: shown as dates, never shifted.
const DATE_FIELDS = new Set(['period_start', 'period_end', 'start_date', 'end_date', 'trial_end']);
const TONES = {
  succeeded: 'ok', delivered: 'ok', completed: 'ok', applied: 'ok', recorded: 'ok',
  failed: 'bad', error: 'bad', mismatch: 'bad', unparseable: 'bad',
  pending: 'wait', queued: 'wait', sending: 'wait', sent: 'wait', awaiting_confirmation: 'wait',
  unknown: 'warn', late: 'warn', unmatched: 'warn', paused: 'warn', held: 'warn', unanswered: 'warn',
  passed: 'ok', approved: 'ok', rejected: 'bad',
  reversed: 'info', complete: 'ok', inactive: 'muted', used_up: 'info',
  active: 'ok', paid: 'ok', trialing: 'info', open: 'wait', past_due: 'bad', uncollectible: 'bad', ended: 'muted',
};
const ATTENTION = {
  payments_unknown: ['Payments unknown', '#/payments?status=unknown'],
  payments_flagged: ['Payments flagged', '#/payments?needs_attention=true'],
  payouts_unknown: ['Payouts unknown', '#/payouts?status=unknown'],
  payouts_held: ['Payouts held for approval', '#/payouts?status=held'],
  // B2B payments count among payouts here; the batches list has no filter: the plain list it is.
  payouts_flagged: ['Payouts flagged', '#/payouts?needs_attention=true'],
  reversals_flagged: ['Reversals flagged', '#/reversals?needs_attention=true'],
  b2b_collections_flagged: ['B2B collections flagged', '#/b2b-collections?needs_attention=true'],
  batches_awaiting_confirmation: ['Batches awaiting confirmation', '#/batches'],
  webhook_deliveries_failed: ['Webhook deliveries failed', '#/webhooks?status=failed'],
};
const BATCH_ACTIONS = {
  awaiting_confirmation: ['confirm', 'approve', 'cancel'], sending: ['pause', 'cancel'], paused: ['resume', 'cancel'],
};
const BATCH_DONE = { confirm: 'confirmed', approve: 'approved', pause: 'paused', resume: 'resumed', cancel: 'cancelled' };
const PROGRESS_STATES = ['succeeded', 'failed', 'unknown', 'sent', 'sending', 'held', 'queued', 'cancelled'];
// What a person may do with a payout a check before sending held.
const HELD_ACTIONS = [
  ['approve', 'Approve and send', '', 'Send this payout? Approve only after checking what the checks found.', 'Payout approved: it is being sent.'],
  ['reject', 'Reject', 'danger', 'Reject this payout? It is cancelled and never sent.', 'Payout rejected: it will not be sent.'],
];
// How many flagged subscriptions and invoices the overview lists (each list says when there are more).
const FLAGGED_SCAN = 100;
const PROMPT_ACTIONS = [['approve', 'Approve', ''], ['cancel', 'Cancel', 'secondary'],
  ['timeout', 'Time out', 'secondary'], ['wrong-pin', 'Wrong PIN', 'secondary']];

const $ = (selector, root = document) => root.querySelector(selector);

// ---- Building elements (text only, never HTML) ----

function el(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

function svg(tag, props, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

function build(node, props = {}, children = []) {
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// ---- Formatting ----

/** Whole shillings with thousands separators, from the integer's digits: no float arithmetic. */
function group(whole) {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function money(amount) {
  return amount === null || amount === undefined ? '—' : `KES ${group(amount)}`;
}

function percent(rate) {
  if (rate === null || rate === undefined) return '—';
  // A ratio, not money: floating point is fine for showing it rounded.
  return new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(Number(rate));
}

// Every time is shown in East Africa Time, whatever the browser's zone: M-Pesa, the overview's
// days and the billing calendar all run on it. Kenya keeps no summer time: EAT is UTC+3 all year.
const EAT_ZONE = 'Africa/Nairobi';
const EAT_OFFSET_MS = 3 * 60 * 60 * 1000;
const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium', timeZone: EAT_ZONE });
const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

function timeEl(value) {
  if (!value) return dash();
  const date = new Date(/^\d+$/.test(String(value)) ? Number(value) : value);
  if (Number.isNaN(date.getTime())) return String(value);
  return el('time', { datetime: date.toISOString(), title: String(value), text: `${TIME_FORMAT.format(date)} EAT` });
}

/** A calendar date (yyyy-MM-dd) as a date, read as it is written: no zone moves it a day. */
function dateText(value) {
  if (!value) return dash();
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? String(value) : el('time', { datetime: value, text: DATE_FORMAT.format(date) });
}

/** Replaces a node's content; like el(), it skips nulls and flattens arrays. */
function fill(node, ...children) {
  node.replaceChildren();
  return build(node, {}, children);
}

/**
 * Like fill(), but a child that is already there is never taken out: a form someone is typing in
 * keeps its text and focus while a live update redraws everything around it.
 */
function fillKeeping(node, ...children) {
  const wanted = children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false)
    .map((child) => (child instanceof Node ? child : document.createTextNode(String(child))));
  const keep = new Set(wanted);
  for (const old of [...node.childNodes]) if (!keep.has(old)) old.remove();
  wanted.forEach((child, i) => {
    if (node.childNodes[i] !== child) node.insertBefore(child, node.childNodes[i] ?? null);
  });
  return node;
}

function dash() {
  return el('span', { class: 'muted', text: '—' });
}

function badge(status) {
  return el('span', { class: `badge ${TONES[status] ?? 'muted'}`, text: status });
}

function label(field) {
  return LABELS[field] ?? (field.charAt(0).toUpperCase() + field.slice(1)).replace(/_/g, ' ');
}

function detailHref(section, id) {
  return `#/${section}/${encodeURIComponent(id)}`;
}

/** An id as one URL path segment; ':' (in webhook delivery ids) is legal there and stays readable. */
function segment(id) {
  return encodeURIComponent(id).replace(/%3A/gi, ':');
}

/** A link for a gateway id (pay_…, po_…), or null when the value is not one. */
function idLink(value) {
  if (typeof value !== 'string' || !/^[a-z0-9]+_[0-9A-Za-z]{24}$/.test(value)) return null;
  const route = ID_ROUTES.find(([prefix]) => value.startsWith(prefix));
  return route ? el('a', { href: detailHref(route[1], value), class: 'mono', text: value }) : null;
}

function isTimeField(field) {
  return field.endsWith('_at') || field === 'trans_time';
}

/** How one field of an object reads, in a table cell or a definition list. */
function fieldValue(field, value) {
  if (value === null || value === undefined || value === '') return dash();
  if (field === 'status' || field === 'outcome') return badge(value);
  if (MONEY_FIELDS.has(field)) return money(value);
  if (isTimeField(field)) return timeEl(value);
  if (DATE_FIELDS.has(field)) return dateText(value);
  if (field === 'id') return el('span', { class: 'mono', text: value });
  if (typeof value === 'object') {
    const link = idLink(value.id);
    return [el('code', { class: 'json', text: JSON.stringify(value) }), link ? [' ', link] : null];
  }
  if (typeof value === 'number') return group(value);
  return idLink(value) ?? String(value);
}

function parseJson(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function prettyJson(text) {
  const json = parseJson(text);
  return json === null ? text : JSON.stringify(json, null, 2);
}

// ---- Messages ----

function showMessage(text, kind) {
  const box = $('#message');
  box.textContent = text;
  box.className = kind;
  box.hidden = !text;
}

const notice = (text) => showMessage(text, 'notice');
let pendingNotice = null; // said on the next page: a navigation clears the message

function noticeOnNextPage(text) {
  pendingNotice = text;
}
const clearMessage = () => showMessage('', '');

function showError(error) {
  if (error?.status === 401) return; // already back at the sign-in form, which says why
  showMessage(error?.message || String(error), 'error');
}

// ---- The API ----

class ApiError extends Error {
  constructor(status, error) {
    super(error?.message || `The gateway answered HTTP ${status}.`);
    this.status = status;
    this.code = error?.code ?? null;
    this.param = error?.param ?? null; // the field the API blamed, if any
  }
}

function idempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // randomUUID exists only in secure contexts (https, localhost); a gateway reached over plain
  // http on a LAN address still deserves a random key.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function withQuery(path, query) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== null && value !== undefined && value !== '') params.set(name, value);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A call to the gateway: its JSON answer, or with `as` ('text', 'blob') its raw body (a QR code). */
async function request(apiKey, method, path, { query, body, key, as } = {}) {
  const headers = as ? {} : { Accept: 'application/json' };
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  if (method === 'POST') headers['Idempotency-Key'] = key ?? idempotencyKey();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(withQuery(path, query), {
      method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { message: 'Could not reach the gateway. Is it running?' });
  }
  if (!response.ok) throw new ApiError(response.status, parseJson(await response.text())?.error);
  if (as === 'blob') return response.blob();
  const text = await response.text();
  return as === 'text' ? text : parseJson(text);
}

const sessionKey = () => sessionStorage.getItem(KEY_STORAGE);

/** A call with the signed-in key; a 401 anywhere means the key is gone, so back to sign-in. */
async function api(method, path, options) {
  const key = sessionKey();
  if (!key) throw new ApiError(401, { message: 'Signed out.' });
  try {
    return await request(key, method, path, options);
  } catch (error) {
    if (error.status === 401) signOut('Your key or session is no longer accepted. Sign in again.');
    throw error;
  }
}

// ---- Sign-in ----

async function onSignIn(event) {
  event.preventDefault();
  const input = $('#api-key');
  const error = $('#signin-error');
  const button = $('#signin-button');
  const key = input.value.trim();
  error.textContent = '';
  if (!key) {
    error.textContent = 'Enter your API key.';
    input.focus();
    return;
  }
  button.disabled = true;
  try {
    await request(key, 'GET', '/v1/overview');
    sessionStorage.setItem(KEY_STORAGE, key);
    input.value = '';
    enterApp();
  } catch (failure) {
    error.textContent = failure.status === 401 ? 'That key was not accepted' : failure.message;
  } finally {
    button.disabled = false;
  }
}

/** Trades the dashboard password for a session token, which then acts as the key. */
async function onPasswordSignIn() {
  const input = $('#dashboard-password');
  const error = $('#signin-error');
  const button = $('#password-button');
  error.textContent = '';
  if (!input.value) {
    error.textContent = 'Enter the dashboard password.';
    input.focus();
    return;
  }
  button.disabled = true;
  try {
    const session = await request(null, 'POST', '/dashboard/session', { body: { password: input.value } });
    sessionStorage.setItem(KEY_STORAGE, session.token);
    input.value = '';
    enterApp();
  } catch (failure) {
    error.textContent = failure.status === 401 ? 'That password was not accepted' : failure.message;
  } finally {
    button.disabled = false;
  }
}

/** Shows the password sign-in when the gateway has a dashboard password set. */
async function offerPassword() {
  try {
    const offer = await request(null, 'GET', '/dashboard/session');
    $('#password-signin').hidden = !offer.password;
  } catch {
    // No offer: the key sign-in stays the only one.
  }
}

async function enterApp() {
  $('#signin').hidden = true;
  $('#app').hidden = false;
  render();
  // The phone link must be settled before the page reports itself live.
  await probeEmulator();
  if (sessionKey()) startStream();
}

/**
 * The sign-out button: a password session is ended on the gateway too, so its token is refused
 * everywhere even if a copy of it survives somewhere. An API key is only forgotten here: keys are
 * revoked by whoever holds the database. The page signs out whatever the gateway answers.
 */
async function onSignOut() {
  const key = sessionKey();
  signOut('');
  if (key?.startsWith('ds_')) {
    try {
      await request(key, 'DELETE', '/dashboard/session');
    } catch {
      // Unreachable or already ended: the token still expires within 12 hours.
    }
  }
}

function signOut(reason) {
  sessionStorage.removeItem(KEY_STORAGE);
  stopStream();
  current?.dispose?.();
  current = null;
  viewToken++;
  $('#view').replaceChildren();
  clearMessage();
  phoneLink().hidden = true;
  $('#app').hidden = true;
  $('#signin').hidden = false;
  $('#signin-error').textContent = reason;
  $('#api-key').focus();
}

const phoneLink = () => $('a[data-nav="phone"]');

async function probeEmulator() {
  try {
    await api('GET', '/v1/emulator/prompts');
    phoneLink().hidden = false;
  } catch {
    phoneLink().hidden = true;
  }
}

// ---- Routing ----

let current = null; // the view on screen: { node, refresh, dispose }
let viewToken = 0; // bumped on every navigation; work started for an older view is dropped

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const cut = raw.indexOf('?');
  const path = cut < 0 ? raw : raw.slice(0, cut);
  const params = new URLSearchParams(cut < 0 ? '' : raw.slice(cut + 1));
  const [section = '', ...rest] = path.split('/');
  let id = null;
  try {
    id = rest.length && rest.join('/') ? decodeURIComponent(rest.join('/')) : null;
  } catch {
    id = null;
  }
  return { section, id, params };
}

function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

function makeView({ section, id, params }, token) {
  const stale = () => token !== viewToken;
  if (section === 'overview') return overviewView(stale);
  if (section === 'phone') return phoneView(stale);
  if (section === 'links' && id?.endsWith('/card')) return linkCardView(id.slice(0, -'/card'.length), params, stale);
  if (id && READABLE_DETAILS[section]) return readableDetail(section, id, stale, READABLE_DETAILS[section]);
  return id ? detailView(section, id, stale) : listView(section, params, stale);
}

/**
 * Shows the route in the hash. The old view stays on screen until the new one has its data, so a
 * filter swaps the rows in one step instead of flashing an empty table.
 */
async function render() {
  if (!sessionKey()) return;
  let route = parseHash();
  if (!SECTIONS.includes(route.section) || (route.id && !LISTS[route.section])) {
    history.replaceState(null, '', '#/overview');
    route = parseHash();
  }
  current?.dispose?.();
  const token = ++viewToken;
  for (const link of document.querySelectorAll('a[data-nav]')) {
    if (link.dataset.nav === route.section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  clearMessage();
  if (pendingNotice) notice(pendingNotice);
  pendingNotice = null;
  const view = makeView(route, token);
  current = view;
  const host = $('#view');
  host.setAttribute('aria-busy', 'true');
  try {
    await view.refresh();
  } catch (error) {
    showError(error);
    for (const loading of view.node.querySelectorAll('.loading')) loading.textContent = 'Could not load this.';
  }
  if (token !== viewToken) return;
  host.replaceChildren(view.node);
  host.removeAttribute('aria-busy');
  window.scrollTo(0, 0);
  view.shown?.();
}

// ---- Live updates ----

let refreshTimer = null;
let refreshing = false;
let refreshAgain = false;

/**
 * Refreshes the view soon. Not a pure debounce: while a batch sends ten rows a second the events
 * never pause, and a pure debounce would never fire. So at most one refresh each 300 ms, and one
 * more after a slow one if events came meanwhile.
 */
function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(runRefresh, 300);
}

async function runRefresh() {
  refreshTimer = null;
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = true;
  try {
    await current?.refresh();
  } catch (error) {
    showError(error);
  } finally {
    refreshing = false;
  }
  if (refreshAgain) {
    refreshAgain = false;
    scheduleRefresh();
  }
}

const stream = { generation: 0, controller: null, lastEventId: null, connectedBefore: false };

function setLive(on) {
  const live = $('#live');
  live.textContent = on ? 'live' : 'offline';
  live.classList.toggle('on', on);
}

/** Keeps the event stream open: fetch, not EventSource, because EventSource cannot send a key. */
function startStream() {
  stopStream();
  const generation = stream.generation;
  const controller = new AbortController();
  stream.controller = controller;
  (async () => {
    while (generation === stream.generation) {
      try {
        await readStream(controller.signal);
      } catch { /* dropped or aborted: reconnect below unless stopped */ }
      setLive(false);
      if (generation !== stream.generation) return;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  })();
}

function stopStream() {
  stream.generation++;
  stream.controller?.abort();
  stream.controller = null;
  setLive(false);
}

async function readStream(signal) {
  const headers = { Authorization: `Bearer ${sessionKey()}`, Accept: 'text/event-stream' };
  if (stream.lastEventId) headers['Last-Event-ID'] = stream.lastEventId;
  const response = await fetch('/v1/events/stream', { headers, signal, cache: 'no-store' });
  if (response.status === 401) {
    signOut('Your key or session is no longer accepted. Sign in again.');
    return;
  }
  if (!response.ok || !response.body) return;
  setLive(true);
  // Without a Last-Event-ID the gateway cannot replay what a dropped stream missed: look again.
  if (stream.connectedBefore && !stream.lastEventId) scheduleRefresh();
  stream.connectedBefore = true;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let block = { id: null, event: null, data: [] };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split('\n');
    buffer = lines.pop(); // an incomplete line waits for the next chunk
    for (const rawLine of lines) {
      const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
      if (line === '') {
        dispatchStreamBlock(block);
        block = { id: null, event: null, data: [] };
      } else if (!line.startsWith(':')) {
        readStreamField(block, line);
      }
    }
  }
}

function readStreamField(block, line) {
  const colon = line.indexOf(':');
  const name = colon < 0 ? line : line.slice(0, colon);
  let value = colon < 0 ? '' : line.slice(colon + 1);
  if (value.startsWith(' ')) value = value.slice(1);
  if (name === 'id') block.id = value;
  else if (name === 'event') block.event = value;
  else if (name === 'data') block.data.push(value);
}

function dispatchStreamBlock(block) {
  if (block.id !== null) stream.lastEventId = block.id;
  if (block.event === null && block.data.length === 0) return;
  // Any event, "overflow" included, just means "look again": the view reloads what it shows.
  scheduleRefresh();
}

// ---- Shared view pieces ----

function viewHead(title, ...extras) {
  return el('div', { class: 'view-head' }, el('h1', { text: title }), extras);
}

function loading() {
  return el('p', { class: 'loading muted', text: 'Loading…' });
}

/** Runs a change of the page without moving the reader's place in it. */
function keepingScroll(change) {
  const y = window.scrollY;
  change();
  if (window.scrollY !== y) window.scrollTo(0, y);
}

/** Redraws parts of a page keeping the reader's place and which JSON boxes they opened. */
function redraw(node, change) {
  const open = new Set([...node.querySelectorAll('details[open][data-key]')].map((d) => d.dataset.key));
  keepingScroll(() => {
    change();
    for (const details of node.querySelectorAll('details[data-key]')) details.open = open.has(details.dataset.key);
  });
}

/** Runs a button's action with the button disabled, showing any error. */
async function busy(button, action) {
  button.disabled = true;
  try {
    await action();
  } catch (error) {
    showError(error);
  } finally {
    button.disabled = false;
  }
}

// ---- Forms that create or change through the API ----

/**
 * A form whose fields go to the API as one request. The API has the last word on every value: a
 * 400, 409 or 422 is shown next to the field its `param` names (a one-field form: next to that
 * field), else under the form. One Idempotency-Key is kept while the values stay as they are, so
 * sending them again after a lost answer cannot make a second object; editing a value makes it a
 * new request with a new key.
 *
 * fields: [{ name, label, required, options: [[value, text]], type, inputmode, placeholder, hint }]
 * send(values, key): the API call, a promise of its answer; done(answer, form): after a success.
 */
function apiForm({ id, fields, submitText, send, done }) {
  const controls = new Map();
  const errors = new Map();
  const formError = el('p', { class: 'form-error', id: `${id}-error`, role: 'alert' });
  let key = null;
  const rows = fields.map((field) => {
    const controlId = `${id}-${field.name}`;
    const error = el('span', { class: 'field-error', id: `${controlId}-error`, 'data-error-for': field.name });
    const described = [error.id, field.hint ? `${controlId}-hint` : null].filter(Boolean).join(' ');
    const control = field.options
      ? el('select', { id: controlId, name: field.name, 'aria-describedby': described },
        field.options.map(([value, text]) => el('option', { value, text })))
      : el('input', {
        id: controlId, name: field.name, type: field.type ?? 'text', inputmode: field.inputmode, placeholder: field.placeholder,
        autocomplete: 'off', spellcheck: 'false', 'aria-required': field.required ? 'true' : null, 'aria-describedby': described,
      });
    controls.set(field.name, control);
    errors.set(field.name, error);
    return el('label', { class: 'field', for: controlId },
      el('span', { text: field.required ? field.label : `${field.label} (optional)` }),
      control,
      field.hint ? el('small', { id: `${controlId}-hint`, class: 'muted hint', text: field.hint }) : null,
      error);
  });
  const button = el('button', { type: 'submit', class: 'button', text: submitText });
  const form = el('form', { id, class: 'api-form', novalidate: true },
    el('div', { class: 'form-fields' }, rows), el('div', { class: 'filter-buttons' }, button), formError);

  function clearErrors() {
    formError.textContent = '';
    for (const [name, error] of errors) {
      error.textContent = '';
      controls.get(name).removeAttribute('aria-invalid');
    }
  }
  function showFailure(failure) {
    const name = errors.has(failure.param) ? failure.param : (fields.length === 1 ? fields[0].name : null);
    if (name && [400, 409, 422].includes(failure.status)) {
      errors.get(name).textContent = failure.message;
      controls.get(name).setAttribute('aria-invalid', 'true');
      controls.get(name).focus();
    } else if (failure.status !== 401) {
      formError.textContent = failure.message;
    }
  }
  form.addEventListener('input', () => { key = null; });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const values = Object.fromEntries([...controls].map(([name, control]) => [name, control.value.trim()]));
    key ??= idempotencyKey();
    button.disabled = true;
    try {
      const answer = await send(values, key);
      key = null;
      await done(answer, form);
    } catch (failure) {
      showFailure(failure);
    } finally {
      button.disabled = false;
    }
  });
  return { form, controls };
}

/** The values typed into a form as a JSON body: empty ones left out, whole numbers as numbers. */
function formBody(values, numbers = []) {
  const body = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === '') continue;
    // Anything that is not plainly a whole number goes as typed: the API says what is wrong with it.
    body[name] = numbers.includes(name) && /^\d{1,15}$/.test(value) ? Number(value) : value;
  }
  return body;
}

/** Gives a select these options, keeping its choice when it is still one of them. */
function setOptions(select, options, preferred) {
  const chosen = select.value || preferred;
  const text = JSON.stringify(options);
  if (select.dataset.options !== text) {
    select.dataset.options = text;
    select.replaceChildren(...options.map(([value, label]) => el('option', { value, text: label })));
  }
  if (options.some(([value]) => value === chosen)) select.value = chosen;
}

/** The newest plans (the API's largest page), for choosing one. */
async function planChoices() {
  const plans = await api('GET', '/v1/plans', { query: { limit: 100 } });
  return plans.data;
}

const planOption = (plan) => [plan.id, `${plan.name} · ${priceText(plan)}`];

/** A box on a list's page that opens a form to make a new one. */
function createBox(id, title, form) {
  return el('details', { id, class: 'card create-box' }, el('summary', { text: title }), form);
}

function newPlanForm(refresh) {
  const { form } = apiForm({
    id: 'new-plan',
    submitText: 'Create plan',
    fields: [
      { name: 'name', label: 'Name', required: true, placeholder: 'Gym monthly' },
      { name: 'amount', label: 'Amount (KES)', required: true, inputmode: 'numeric', placeholder: '1500', hint: 'Whole shillings, 1 to 250,000.' },
      { name: 'interval', label: 'Every', required: true, options: Object.keys(INTERVALS).map((interval) => [interval, interval]) },
      { name: 'interval_count', label: 'Intervals a period', inputmode: 'numeric', placeholder: '1', hint: '2 with week bills fortnightly.' },
      { name: 'trial_days', label: 'Free trial days', inputmode: 'numeric', placeholder: '0' },
    ],
    send: (values, key) => api('POST', '/v1/plans', { body: formBody(values, ['amount', 'interval_count', 'trial_days']), key }),
    done: async (plan, form) => {
      form.reset();
      form.closest('details').open = false;
      notice(`Plan ${plan.id} created: ${plan.name}, ${priceText(plan)}.`);
      await refresh();
    },
  });
  return { node: createBox('create-plan', 'Create plan', form) };
}

function newSubscriptionForm(refresh) {
  const { form, controls } = apiForm({
    id: 'new-subscription',
    submitText: 'Create subscription',
    fields: [
      { name: 'phone', label: 'Customer phone', required: true, inputmode: 'tel', placeholder: '0708374149' },
      { name: 'plan', label: 'Plan', required: true, options: [] },
      { name: 'reference', label: 'Account reference', required: true, placeholder: 'GYM-1', hint: 'Up to 12 characters, on every prompt.' },
      { name: 'start_date', label: 'Start date', type: 'date', hint: 'East Africa Time; default today.' },
      { name: 'billing_anchor', label: 'Billing day of the month', inputmode: 'numeric', placeholder: '1 to 31', hint: 'Month, quarter and year plans.' },
      { name: 'end_date', label: 'End date', type: 'date' },
      { name: 'rail', label: 'Charged by', required: true, options: [['stk', 'STK push each period'], ['ratiba', 'Ratiba standing order']] },
    ],
    send: (values, key) => api('POST', '/v1/subscriptions', { body: formBody(values, ['billing_anchor']), key }),
    done: async (subscription, form) => {
      form.reset();
      form.closest('details').open = false;
      notice(`Subscription ${subscription.id} created (${subscription.status}) for ${subscription.phone}.`);
      await refresh();
    },
  });
  return {
    node: createBox('create-subscription', 'New subscription', form),
    update: (plans) => setOptions(controls.get('plan'), plans.map(planOption)),
  };
}

// ---- Overview ----

function overviewView(stale) {
  const body = el('div', { class: 'overview-body' });
  const reconcile = el('button', { type: 'button', id: 'reconcile-now', class: 'button', text: 'Reconcile now' });
  const node = el('section', { id: 'overview' }, viewHead('Overview', reconcile), body);
  async function refresh() {
    // The overview counts no subscription or invoice: their flagged ones are asked for by filter.
    const [overview, subscriptions, invoices] = await Promise.all([
      api('GET', '/v1/overview'),
      api('GET', '/v1/subscriptions', { query: { needs_attention: 'true', limit: FLAGGED_SCAN } }),
      api('GET', '/v1/invoices', { query: { needs_attention: 'true', limit: FLAGGED_SCAN } }),
    ]);
    if (stale()) return;
    const flagged = [
      ...subscriptions.data.map((s) => ['subscriptions', 'Subscription', s]),
      ...invoices.data.map((i) => ['invoices', 'Invoice', i]),
    ];
    const more = subscriptions.has_more || invoices.has_more;
    keepingScroll(() => fill(body, overviewContent(overview, flagged, more)));
  }
  reconcile.addEventListener('click', () => busy(reconcile, async () => {
    const answer = await api('POST', '/v1/reconcile');
    notice(`Reconciled: ${answer.examined} examined`);
    if (!stale()) await refresh();
  }));
  return { node, refresh };
}

function overviewContent(overview, flagged, more) {
  return [
    el('p', { class: 'muted as-of' }, 'As of ', timeEl(overview.as_of), ` · days in ${overview.timezone}`),
    el('div', { class: 'periods' },
      periodCard('Today', 'today', overview.today),
      periodCard('Last 7 days', 'week', overview.last_7_days)),
    attentionCard(overview.needs_attention, flagged, more),
    el('div', { class: 'charts' },
      chartCard('Money in and out, per day', volumeChart(overview.volume),
        legend([['collected', 'Collected'], ['paid-out', 'Paid out']])),
      chartCard('Payments by status, per day', outcomesChart(overview.volume),
        legend(OUTCOME_ORDER.map((status) => [`outcome-${status}`, status]))),
      chartCard('Payment success rate, per day', successChart(overview.volume),
        el('p', { class: 'muted small', text: 'Paid over ended payments; a day with none ended has no point.' })),
      chartCard('Payouts, per day', payoutChart(overview.volume), null),
      chartCard('Why payments failed, last 7 days', failureChart('payment-failures', overview.failures.payments), null),
      chartCard('Why payouts failed, last 7 days', failureChart('payout-failures', overview.failures.payouts), null)),
  ];
}

function chartCard(title, chart, footer) {
  return el('section', { class: 'card chart-card' }, el('h2', { text: title }), chart, footer);
}

function legend(entries) {
  return el('p', { class: 'legend' }, entries.map(([kind, name]) => [el('span', { class: `swatch ${kind}` }), `${name} `]));
}

function periodCard(title, prefix, period) {
  const tally = (name, key, value) => el('div', { class: 'stat' },
    el('span', { class: 'stat-label', text: name }),
    el('span', { class: 'stat-value', 'data-stat': `${prefix}-${key}`, text: money(value.amount) }),
    el('span', { class: 'stat-sub muted', text: `${group(value.count)} ${value.count === 1 ? 'transaction' : 'transactions'}` }));
  return el('section', { class: 'card' },
    el('h2', { text: title }),
    el('div', { class: 'stats' },
      tally('Collected', 'collected', period.collected),
      tally('Paid out', 'paid-out', period.paid_out),
      tally('Reversed', 'reversed', period.reversed),
      el('div', { class: 'stat' },
        el('span', { class: 'stat-label', text: 'Success rate' }),
        el('span', { class: 'stat-value', 'data-stat': `${prefix}-success-rate`, text: percent(period.success_rate) }),
        el('span', { class: 'stat-sub muted', text: 'of payments that ended' }))),
    el('h3', { text: 'Payments by status' }),
    el('ul', { class: 'status-counts' }, Object.entries(period.payments).map(([status, count]) =>
      el('li', {}, badge(status), ' ', group(count)))));
}

function attentionCard(needsAttention, flagged, more) {
  const items = Object.entries(needsAttention).map(([key, count]) => {
    const [name, href] = ATTENTION[key] ?? [label(key), '#/overview'];
    return el('li', { class: count > 0 ? 'attention-hot' : null },
      el('a', { href }, el('span', { class: 'count', 'data-attention': key, text: String(count) }), ' ', name));
  });
  return el('section', { class: 'card' }, el('h2', { text: 'Needs attention' }), el('ul', { class: 'attention' }, items),
    el('h3', { text: 'Subscriptions and invoices' }),
    flagged.length
      ? el('ul', { id: 'flagged-billing', class: 'flagged' }, flagged.map(([section, kind, object]) => el('li', { 'data-flagged': object.id },
        el('div', { class: 'flagged-head' }, `${kind} `, el('a', { href: detailHref(section, object.id), class: 'mono', text: object.id }), ' ', badge(object.status)),
        el('span', { class: 'muted', text: object.needs_attention }))))
      : el('p', { id: 'flagged-billing', class: 'muted small', text: 'None flagged.' }),
    more ? el('p', { class: 'muted small', text: `The newest ${FLAGGED_SCAN} of each; more are flagged.` }) : null);
}

// ---- Charts: SVG drawn from the overview's figures (attributes only, so the strict CSP holds) ----

const CHART = { width: 480, height: 220, top: 22, bottom: 30 };
// Payment outcomes bottom to top: the money first, then what ended without it, then what is open.
const OUTCOME_ORDER = ['succeeded', 'reversed', 'failed', 'cancelled', 'expired', 'unknown', 'pending'];
const DAY_NAME = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', timeZone: 'UTC' });

function dayName(date) {
  return DAY_NAME.format(new Date(`${date}T00:00:00Z`));
}

/**
 * A chart of one column per day. Each column is a list of bars placed side by side, and each bar a
 * stack of segments [kind, value, text] scaled to the largest stack. Scaling is a ratio for
 * drawing; every figure shown stays an integer from the API.
 */
function dayChart(id, title, days, columns, maxLabel) {
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const slot = CHART.width / Math.max(1, days.length);
  const barsPerDay = Math.max(1, ...columns.map((bars) => bars.length));
  const barWidth = Math.min(26, (slot * 0.7) / barsPerDay);
  const largest = Math.max(0, ...columns.flat().map((stack) => stack.reduce((sum, [, value]) => sum + value, 0)));
  const drawn = days.map((day, i) => {
    const middle = i * slot + slot / 2;
    const left = middle - (barsPerDay * (barWidth + 2)) / 2;
    const bars = columns[i].map((stack, b) => {
      let y = CHART.top + plotHeight;
      return stack.filter(([, value]) => value > 0).map(([kind, value, text]) => {
        const h = Math.max((value / largest) * plotHeight, 1.5);
        y -= h;
        return svg('rect', { x: left + b * (barWidth + 2), y, width: barWidth, height: h, class: `bar ${kind}`, 'data-value': value },
          svg('title', {}, `${dayName(day.date)}: ${text}`));
      });
    });
    return svg('g', { 'data-date': day.date }, bars,
      svg('text', { x: middle, y: CHART.height - 10, 'text-anchor': 'middle', class: 'axis' }, dayName(day.date)));
  });
  return chartFrame(id, `${title}; the largest day is ${maxLabel(largest)}`, maxLabel(largest), drawn);
}

function chartFrame(id, description, topLabel, content) {
  const baseline = CHART.height - CHART.bottom;
  return svg('svg', { id, class: 'chart', viewBox: `0 0 ${CHART.width} ${CHART.height}`, role: 'img', 'aria-labelledby': `${id}-title` },
    svg('title', { id: `${id}-title` }, description),
    svg('line', { x1: 0, x2: CHART.width, y1: CHART.top, y2: CHART.top, class: 'grid' }),
    svg('text', { x: 2, y: CHART.top - 6, class: 'axis' }, topLabel),
    svg('line', { x1: 0, x2: CHART.width, y1: baseline, y2: baseline, class: 'baseline' }),
    content);
}

const countText = (n, one, many) => `${group(n)} ${n === 1 ? one : many}`;

function volumeChart(volume) {
  const tallyText = (name, tally) => `${name} ${money(tally.amount)} (${countText(tally.count, 'payment', 'payments')})`;
  return dayChart('volume-chart', 'Collected and paid out per day', volume,
    volume.map((day) => [
      [['collected', day.collected.amount, tallyText('collected', day.collected)]],
      [['paid-out', day.paid_out.amount, tallyText('paid out', day.paid_out)]],
    ]), money);
}

function outcomesChart(volume) {
  return dayChart('outcomes-chart', 'Payments per day by status', volume,
    volume.map((day) => [OUTCOME_ORDER.map((status) => [`outcome-${status}`, day.payments[status], `${group(day.payments[status])} ${status}`])]),
    (largest) => countText(largest, 'payment', 'payments'));
}

function payoutChart(volume) {
  return dayChart('payouts-chart', 'Paid out per day', volume,
    volume.map((day) => [[['paid-out', day.paid_out.amount, `paid out ${money(day.paid_out.amount)} in ${countText(day.paid_out.count, 'payout', 'payouts')}`]]]),
    money);
}

/** Each day's success rate as a point on a 0–100% scale, joined where neighbouring days have one. */
function successChart(volume) {
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const slot = CHART.width / Math.max(1, volume.length);
  const points = volume.map((day, i) => {
    if (day.success_rate === null) return null;
    return { day, x: i * slot + slot / 2, y: CHART.top + plotHeight * (1 - Number(day.success_rate)) };
  });
  const lines = points.slice(1).map((point, i) => (point && points[i]
    ? svg('line', { x1: points[i].x, y1: points[i].y, x2: point.x, y2: point.y, class: 'rate-line' }) : null));
  const dots = points.map((point) => (point
    ? svg('circle', { cx: point.x, cy: point.y, r: 4, class: 'rate-dot', 'data-date': point.day.date, 'data-rate': point.day.success_rate },
      svg('title', {}, `${dayName(point.day.date)}: ${percent(point.day.success_rate)} paid`)) : null));
  const days = volume.map((day, i) => svg('text', { x: i * slot + slot / 2, y: CHART.height - 10, 'text-anchor': 'middle', class: 'axis' }, dayName(day.date)));
  const half = CHART.top + plotHeight / 2;
  const halfway = [svg('line', { x1: 0, x2: CHART.width, y1: half, y2: half, class: 'grid' }),
    svg('text', { x: 2, y: half - 6, class: 'axis' }, '50%')];
  return chartFrame('success-chart', 'Share of ended payments that were paid, per day', '100%', [halfway, lines, dots, days]);
}

/** Failures by Daraja result code, most frequent first, as labelled horizontal bars. */
function failureChart(id, codes) {
  if (!codes.length) return el('p', { id, class: 'muted', text: 'None failed.' });
  const largest = Math.max(...codes.map((code) => code.count));
  return el('ul', { id, class: 'failure-codes' }, codes.map((code) => {
    const name = code.result_code ?? 'no code';
    const width = Math.max((code.count / largest) * 100, 1);
    return el('li', { 'data-code': name },
      el('span', { class: 'failure-label' }, el('strong', { class: 'mono', text: name }), ' ', el('span', { class: 'muted', text: code.description ?? 'no callback (expired)' })),
      svg('svg', { class: 'failure-bar', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
        svg('rect', { x: 0, y: 0, width, height: 10, class: 'bar failed' })),
      el('span', { class: 'failure-count', text: group(code.count) }));
  }));
}

// ---- Lists ----

function listView(section, params, stale) {
  const config = LISTS[section];
  const state = { lastId: null, loadedMore: false, plans: new Map() };
  const tbody = el('tbody');
  const loadMore = el('button', { type: 'button', id: 'load-more', class: 'button secondary', hidden: true, text: 'Load more' });
  const note = el('p', { class: 'muted small list-note' });
  const columns = config.columns;
  const headings = columns.map((field) => el('th', { scope: 'col', class: MONEY_FIELDS.has(field) ? 'num' : null, text: label(field) }));
  if (section === 'webhooks') headings.push(el('th', { scope: 'col' }, el('span', { class: 'visually-hidden', text: 'Actions' })));
  if (section === 'plans') headings.push(el('th', { scope: 'col' }, el('span', { class: 'visually-hidden', text: 'Subscriptions' })));
  const table = el('table', { id: 'list', class: 'table' },
    el('caption', { class: 'visually-hidden', text: config.title }), el('thead', {}, el('tr', {}, headings)), tbody);
  const creator = config.create?.(() => refresh());
  const summary = config.summary?.(params, stale);
  const node = el('section', { id: 'list-view' },
    viewHead(config.title),
    creator?.node,
    summary?.node,
    filterForm(section, config, params),
    el('div', { class: 'table-scroll card', role: 'region', 'aria-label': config.title, tabindex: 0 }, table),
    el('div', { class: 'list-foot' }, loadMore, note));
  const query = listQuery(section, config, params);
  const page = (after) => api('GET', config.path, {
    query: { ...query, limit: config.unpaged ? 100 : PAGE_SIZE, starting_after: after },
  });
  const row = (object) => listRow(section, object, (replayed) => syncRows(tbody, [row(replayed)], true), state.plans);

  /** Reads the plans a page's rows name (and the newest, for the form), before the rows are drawn. */
  async function readPlans(rows) {
    if (!config.withPlans) return;
    const newest = await planChoices();
    for (const plan of newest) state.plans.set(plan.id, plan);
    const missing = [...new Set(rows.map((object) => object.plan))].filter((id) => id && !state.plans.has(id));
    const older = await Promise.all(missing.map((id) => api('GET', `/v1/plans/${segment(id)}`).catch(() => null)));
    for (const plan of older) if (plan) state.plans.set(plan.id, plan);
    creator?.update?.(newest);
  }

  function showPage(answer) {
    if (answer.data.length) state.lastId = answer.data[answer.data.length - 1].id;
    loadMore.hidden = !answer.has_more || Boolean(config.unpaged);
  }
  async function refresh() {
    if (state.loadedMore) {
      // Re-reading only the first page would drop the pages the user loaded; say so instead.
      fill(note, 'There is new activity. ', el('button', { type: 'button', class: 'link', text: 'Show the newest', onclick: () => render() }));
      return;
    }
    const [answer] = await Promise.all([page(), summary?.refresh()]);
    await readPlans(answer.data);
    if (stale()) return;
    keepingScroll(() => syncRows(tbody, answer.data.map(row)));
    if (!answer.data.length) tbody.replaceChildren(emptyRow(columns.length + 1, config));
    showPage(answer);
    note.textContent = config.unpaged && answer.data.length === 100 ? 'The newest 100 deliveries.' : '';
  }
  loadMore.addEventListener('click', () => busy(loadMore, async () => {
    const answer = await page(state.lastId);
    await readPlans(answer.data);
    if (stale()) return;
    state.loadedMore = true;
    tbody.append(...answer.data.map(row));
    showPage(answer);
  }));
  tbody.addEventListener('click', (event) => {
    const tr = event.target.closest('tr[data-id]');
    if (!tr || event.target.closest('a, button') || String(window.getSelection())) return;
    location.hash = detailHref(section, tr.dataset.id);
  });
  return { node, refresh };
}

/** The query parameter a search box's text goes to: a phone-like text to the phone filter. */
function searchParam(search, text) {
  return search.otherParam && !/^\+?[\d\s]{9,}$/.test(text) ? search.otherParam : search.param;
}

function listQuery(section, config, params) {
  const names = ['status', config.search?.param, config.search?.otherParam, ...(config.filters ?? []).map((f) => f.param),
    'created_after', config.attention ? 'needs_attention' : null];
  const query = {};
  for (const name of names) if (name && params.get(name)) query[name] = params.get(name);
  return query;
}

/** A plan by its name, its id on hover; by its id when the plan could not be read. */
function planLink(id, plan) {
  return el('a', { href: detailHref('plans', id), title: id, class: plan ? null : 'mono', text: plan ? plan.name : id });
}

function emptyRow(span, config) {
  return el('tr', {}, el('td', { colspan: span, class: 'empty muted', text: `No ${config.title.toLowerCase()} to show.` }));
}

function listRow(section, object, replaced, plans) {
  const tr = el('tr', { 'data-id': object.id, class: 'clickable' });
  for (const field of LISTS[section].columns) {
    let content = field === 'id'
      ? el('a', { href: detailHref(section, object.id), class: 'mono', text: object.id })
      : fieldValue(field, object[field]);
    if (section === 'plans' && field === 'interval') content = everyText(object);
    if (section === 'subscriptions' && field === 'plan') content = planLink(object.plan, plans.get(object.plan));
    if (section === 'plans' && field === 'trial_days') content = object.trial_days ? `${group(object.trial_days)} days` : dash();
    if ((section === 'links' || section === 'checkouts') && field === 'amount') content = amountText(object);
    tr.append(el('td', { 'data-field': FIELD_ALIASES[field] ?? field, class: MONEY_FIELDS.has(field) ? 'num' : null }, content));
  }
  if (section === 'webhooks') tr.append(el('td', {}, replayButton(object, replaced)));
  if (section === 'plans') tr.append(el('td', {}, el('a', { href: `#/subscriptions?plan=${encodeURIComponent(object.id)}`, text: 'Subscriptions' })));
  return tr;
}

/**
 * Puts fresh rows in the table, updating rows already there cell by cell rather than replacing
 * them, so a row (and a reader's place, focus or selection) survives a live refresh.
 */
function syncRows(tbody, freshRows, onlyUpdate = false) {
  const existing = new Map([...tbody.querySelectorAll('tr[data-id]')].map((tr) => [tr.dataset.id, tr]));
  let index = 0;
  for (const fresh of freshRows) {
    const old = existing.get(fresh.dataset.id);
    if (old) {
      [...fresh.cells].forEach((cell, i) => {
        const target = old.cells[i];
        if (target && target.textContent !== cell.textContent) target.replaceChildren(...cell.childNodes);
      });
    }
    if (onlyUpdate) continue;
    const row = old ?? fresh;
    if (tbody.children[index] !== row) tbody.insertBefore(row, tbody.children[index] ?? null);
    index++;
  }
  if (!onlyUpdate) [...tbody.children].slice(index).forEach((leftover) => leftover.remove());
}

function filterForm(section, config, params) {
  if (!config.statuses && !config.search) return null;
  const field = (text, control) => el('label', { class: 'field' }, el('span', { text }), control);
  const controls = [];
  if (config.statuses) {
    controls.push(field('Status', el('select', { name: 'status' },
      el('option', { value: '', text: 'Any status' }),
      config.statuses.map((status) => el('option', { value: status, selected: params.get('status') === status, text: status })))));
  }
  if (config.search) {
    const { param, inputmode, placeholder } = config.search;
    controls.push(field(config.search.label, el('input', {
      type: 'search', name: 'q', value: params.get(param) ?? (config.search.otherParam ? params.get(config.search.otherParam) : null) ?? '', inputmode, placeholder, autocomplete: 'off', spellcheck: 'false',
    })));
  }
  for (const { param, label: text, placeholder } of config.filters ?? []) {
    controls.push(field(text, el('input', {
      type: 'search', name: param, value: params.get(param) ?? '', placeholder, autocomplete: 'off', spellcheck: 'false',
    })));
  }
  if (config.since) {
    controls.push(field('Created after (EAT)', el('input', { type: 'datetime-local', name: 'created_after', value: toLocalInput(params.get('created_after')) })));
  }
  if (config.attention) {
    controls.push(el('label', { class: 'field check' },
      el('input', { type: 'checkbox', name: 'needs_attention', value: 'true', checked: params.get('needs_attention') === 'true' }),
      el('span', { text: 'Needs attention' })));
  }
  const form = el('form', { id: 'filters', class: 'filters card', role: 'search', 'aria-label': `Filter ${config.title.toLowerCase()}` },
    controls,
    el('div', { class: 'filter-buttons' },
      el('button', { type: 'submit', id: 'apply-filters', class: 'button', text: 'Apply' }),
      [...params.keys()].length ? el('a', { href: `#/${section}`, class: 'button ghost', text: 'Clear' }) : null));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams();
    if (data.get('status')) next.set('status', data.get('status'));
    const text = String(data.get('q') ?? '').trim();
    if (text) next.set(searchParam(config.search, text), text);
    for (const { param } of config.filters ?? []) {
      const value = String(data.get(param) ?? '').trim();
      if (value) next.set(param, value);
    }
    if (data.get('created_after')) next.set('created_after', fromLocalInput(data.get('created_after')));
    if (data.get('needs_attention')) next.set('needs_attention', 'true');
    const queryText = next.toString();
    navigate(`#/${section}${queryText ? `?${queryText}` : ''}`);
  });
  return form;
}

/** An instant (ISO-8601 or unix seconds) as a datetime-local value in East Africa Time. */
function toLocalInput(value) {
  if (!value) return '';
  const date = new Date(/^\d+$/.test(value) ? Number(value) * 1000 : value);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() + EAT_OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local value, read as East Africa Time, as an ISO-8601 instant. */
function fromLocalInput(value) {
  const date = new Date(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value}+03:00` : value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function replayButton(delivery, replaced) {
  const button = el('button', { type: 'button', class: 'button small secondary', 'data-action': 'replay', text: 'Replay' });
  button.addEventListener('click', () => busy(button, async () => {
    const answer = await api('POST', `/v1/webhook-deliveries/${segment(delivery.id)}/replay`);
    notice(`Delivery ${answer.id} is queued again.`);
    replaced?.(answer);
  }));
  return button;
}

// ---- Detail ----

function detailView(section, id, stale) {
  const config = LISTS[section];
  const withHistory = section !== 'webhooks';
  // Daraja calls back about payments, not about links and sessions (their payments have the callbacks).
  const withCallbacks = withHistory && section !== 'links' && section !== 'checkouts';
  const path = `${config.path}/${segment(id)}`;
  // The timeline and callbacks boxes stay the same elements across refreshes; their content changes.
  const top = el('div', { class: 'detail-top' }, loading());
  const timeline = el('ol', { id: 'timeline', class: 'timeline' });
  const callbacks = el('section', { id: 'callbacks', class: 'card' });
  const node = el('section', { id: 'detail', 'data-id': id },
    backLink(section),
    top,
    withHistory ? el('section', { class: 'card' }, el('h2', { text: 'Events' }), timeline) : null,
    withCallbacks ? callbacks : null);

  async function refresh() {
    const [object, events, received, items, funnel] = await Promise.all([
      api('GET', path),
      withHistory ? api('GET', '/v1/events', { query: { object_id: id, limit: 100 } }) : null,
      withCallbacks ? api('GET', '/v1/callbacks', { query: { object_id: id, limit: 100 } }) : null,
      section === 'batches' ? api('GET', `${path}/items`, { query: { limit: 100 } }) : null,
      section === 'links' ? api('GET', '/v1/checkout/funnel', { query: { payment_link: id } }) : null,
    ]);
    const [related, qr] = await Promise.all([
      relatives(section, object),
      // A QR code that cannot be read leaves the rest of the page as it is.
      section === 'links' ? linkQr(object).catch(() => null) : null,
    ]);
    if (stale()) return;
    redraw(node, () => {
      fill(top, detailTop(section, object, items, refresh, related, { funnel, qr }));
      if (withHistory) fill(timeline, timelineItems(events));
      if (withCallbacks) fill(callbacks, callbackItems(received));
    });
  }
  return { node, refresh };
}

function backLink(section) {
  return el('p', { class: 'back' }, el('a', { href: `#/${section}`, text: `← ${LISTS[section].title}` }));
}

function detailTop(section, object, items, refresh, related, { funnel, qr }) {
  const config = LISTS[section];
  const parts = [
    el('div', { class: 'view-head' },
      el('h1', {}, `${config.kind} `, el('span', { class: 'mono id', text: object.id }), copyButton(object.id, 'ID')),
      object.status ? el('span', { 'data-field': 'status' }, badge(object.status)) : null),
  ];
  if (object.needs_attention) {
    parts.push(el('p', { class: 'alert' }, el('strong', { text: 'Needs attention: ' }), object.needs_attention));
  }
  if (section === 'batches') parts.push(batchActions(object, refresh), batchProgress(object));
  if (section === 'payouts') parts.push(heldActions(object, refresh), payoutChecks(object));
  if (section === 'webhooks') parts.push(el('div', { class: 'actions' }, replayButton(object, () => refresh())));
  if (section === 'links') parts.push(linkActions(object, refresh), el('div', { class: 'share-grid' }, linkShare(object, qr), linkFunnel(funnel)));
  if (section === 'checkouts') parts.push(sessionActions(object, refresh));
  parts.push(el('div', { class: 'field-groups' }, fieldGroups(withoutUnusedLimits(object)), relatedCard(related)));
  if (items) parts.push(batchItems(object, items));
  return parts;
}

// ---- Item pages: fields grouped and labelled as an operator reads them ----

// Each group's heading and its fields in order. A field in no group is shown under "Other", so a
// field the API gains later still appears.
const FIELD_GROUPS = [
  ['money', 'Money', ['amount', 'min_amount', 'max_amount', 'paid_amount', 'total_amount', 'item_count', 'org_account_balance']],
  ['checkout', 'Checkout', ['url', 'code', 'payment_link', 'payment', 'attempt_in_progress', 'max_uses', 'uses',
    'payments_count', 'paid_count', 'success_url', 'cancel_url']],
  ['customer', 'Customer', ['phone', 'paid_phone', 'msisdn', 'first_name', 'middle_name', 'last_name', 'recipient_name',
    'expected_name', 'receiver_type', 'receiver', 'receiver_name', 'requester', 'primary_short_code', 'partner_name']],
  ['mpesa', 'M-Pesa', ['mpesa_receipt', 'trans_id', 'receipt', 'reversal_receipt', 'result_code', 'result_desc',
    'transaction_type', 'short_code', 'receiver_short_code', 'checkout_request_id', 'merchant_request_id',
    'originator_conversation_id', 'conversation_id', 'request_ref_id', 'third_party_trans_id']],
  ['purpose', 'What it is for', ['type', 'reference', 'description', 'remarks', 'occasion', 'bill_ref_number',
    'invoice_number', 'account_reference', 'payment_reference', 'metadata']],
  ['trouble', 'Failure and retries', ['failure', 'failure_reason', 'resubmissions', 'source', 'attempts', 'last_http_status', 'last_error']],
  ['links', 'Belongs to', ['original', 'reversal_id', 'batch_id', 'batch_row', 'event', 'endpoint']],
];
// Shown by the page's head or a card of its own, not in a group.
const SHOWN_ELSEWHERE = new Set(['id', 'object', 'status', 'needs_attention', 'currency', 'progress', 'checks', 'review']);
const COPYABLE = new Set(['mpesa_receipt', 'trans_id', 'receipt', 'reversal_receipt', 'checkout_request_id', 'merchant_request_id',
  'originator_conversation_id', 'conversation_id', 'request_ref_id', 'third_party_trans_id', 'event', 'url', 'code']);
// Addresses shown as links: a payment page, and where it sends the customer (the API allows only http and https).
const URL_FIELDS = new Set(['url', 'success_url', 'cancel_url']);
const DETAIL_LABELS = {
  amount: 'Amount', paid_amount: 'Amount paid', total_amount: 'Total', item_count: 'Rows', org_account_balance: 'Shortcode balance after',
  phone: 'Phone', paid_phone: 'Paid from', msisdn: 'Payer', recipient_name: 'Name on M-Pesa', expected_name: 'Expected name',
  receiver_type: 'Receiver type', receiver_name: 'Receiver name on M-Pesa', primary_short_code: 'Buyer\'s till', partner_name: 'Partner name',
  mpesa_receipt: 'M-Pesa receipt', trans_id: 'M-Pesa receipt', receipt: 'Receipt reversed', reversal_receipt: 'Reversal receipt',
  result_code: 'Result code', result_desc: 'Result', transaction_type: 'Transaction type', short_code: 'Shortcode',
  receiver_short_code: 'Receiving shortcode', checkout_request_id: 'CheckoutRequestID', merchant_request_id: 'MerchantRequestID',
  originator_conversation_id: 'OriginatorConversationID', conversation_id: 'ConversationID', request_ref_id: 'RequestRefID',
  third_party_trans_id: 'ThirdPartyTransID', bill_ref_number: 'Account number (BillRefNumber)', invoice_number: 'Invoice number',
  account_reference: 'Account reference', payment_reference: 'Payment reference', failure_reason: 'Why it failed',
  source: 'Reported by', last_http_status: 'Last HTTP status', last_error: 'Last error', original: 'Reverses',
  reversal_id: 'Reversed by', batch_id: 'Batch', batch_row: 'Row in the batch', event: 'Event', endpoint: 'Endpoint',
  created_at: 'Created', updated_at: 'Last changed', paid_at: 'Paid', completed_at: 'Completed', confirmed_at: 'Confirmed',
  trans_time: 'M-Pesa time', delivered_at: 'Delivered', next_attempt_at: 'Next attempt',
  min_amount: 'Least amount', max_amount: 'Largest amount', url: 'Payment page', code: 'Code', payment_link: 'Payment link',
  payment: 'Newest payment', attempt_in_progress: 'Payment in progress', max_uses: 'Most payments', uses: 'Uses counted',
  payments_count: 'Payments started', paid_count: 'Payments paid', success_url: 'Once paid, sent to',
  cancel_url: 'On giving up, sent to', expires_at: 'Expires', opened_at: 'Page opened',
};

const detailLabel = (field) => DETAIL_LABELS[field] ?? label(field);

/** The object's fields as labelled groups, times last in the order they happened. */
function fieldGroups(object) {
  const fields = Object.keys(object).filter((field) => !SHOWN_ELSEWHERE.has(field));
  const times = fields.filter(isTimeField);
  const grouped = new Set([...times, ...FIELD_GROUPS.flatMap(([, , members]) => members)]);
  const other = fields.filter((field) => !grouped.has(field));
  const section = (key, title, members) => {
    const shown = members.filter((field) => field in object && !SHOWN_ELSEWHERE.has(field));
    if (!shown.length) return null;
    return el('section', { class: 'card field-group', 'data-group': key }, el('h2', { text: title }),
      el('dl', { class: 'fields readable' }, shown.map((field) => [
        el('dt', { text: detailLabel(field) }),
        el('dd', { 'data-field': field }, detailValue(field, object[field])),
      ])));
  };
  // Created first, last changed last, the rest as they happened (never-happened ones at the end).
  const last = Number.MAX_SAFE_INTEGER;
  const when = (field) => (field === 'created_at' ? -1 : field === 'updated_at' ? last
    : object[field] ? new Date(object[field]).getTime() : last - 1);
  return [
    ...FIELD_GROUPS.map(([key, title, members]) => section(key, title, members)),
    section('other', 'Other', other),
    section('timeline', 'When (East Africa Time)', [...times].sort((a, b) => when(a) - when(b))),
  ];
}

/** How a field reads on an item page: its list form, ids linked, receipts and ids with a copy button. */
function detailValue(field, value) {
  if (value === null || value === undefined || value === '') return dash();
  if (field === 'metadata' && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length) return dash();
    return el('dl', { class: 'metadata' }, entries.map(([key, v]) => [el('dt', { class: 'mono', text: key }), el('dd', {}, idLink(v) ?? String(v))]));
  }
  if (field === 'original' && typeof value === 'object') return [`${value.object} `, idLink(value.id) ?? value.id];
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const shown = URL_FIELDS.has(field) && /^https?:\/\//.test(value)
    ? el('a', { href: value, target: '_blank', rel: 'noopener noreferrer', class: 'mono', text: value })
    : fieldValue(field, value);
  return COPYABLE.has(field) && typeof value === 'string' ? [shown, ' ', copyButton(value, detailLabel(field))] : shown;
}

/** A button that copies a value (an id, a receipt) and says so. */
function copyButton(value, what) {
  const button = el('button', { type: 'button', class: 'copy', 'data-copy': value, title: `Copy ${what}`, 'aria-label': `Copy ${what}`, text: 'Copy' });
  button.addEventListener('click', async () => {
    button.textContent = (await copyText(value)) ? 'Copied' : 'Select and copy';
    setTimeout(() => { button.textContent = 'Copy'; }, 1500);
  });
  return button;
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no permission, page not focused): fall back to a selection below.
    }
  }
  const buffer = el('textarea', { class: 'copy-buffer', readonly: true, 'aria-hidden': 'true' });
  buffer.value = text;
  document.body.append(buffer);
  buffer.select();
  const copied = document.execCommand('copy');
  buffer.remove();
  return copied;
}

/**
 * The objects related to this one, each read so its status shows: the reversals of its receipt,
 * what a reversal reverses, the batch of a payout, the C2B payment's reversal, any id in its
 * metadata (a charge's invoice, a checkout's session and link), for a webhook delivery its event's
 * object, a payment link's newest sessions and payments, and a session's link and payments.
 */
async function relatives(section, object) {
  const ids = new Map();
  const known = new Map(); // objects a list already gave: not read again
  const add = (relation, id, found) => {
    if (!id || !ID_ROUTES.some(([prefix]) => id.startsWith(prefix)) || id === object.id || ids.has(id)) return;
    ids.set(id, relation);
    if (found) known.set(id, found);
  };
  add('Reverses', object.original?.id);
  add('Reversed by', object.reversal_id);
  add('Batch', object.batch_id);
  if (section === 'checkouts') {
    add('Payment link', object.payment_link);
    add('Newest payment', object.payment);
  }
  for (const [key, value] of Object.entries(object.metadata ?? {})) {
    add(METADATA_RELATIONS[key] ?? 'Named in metadata', typeof value === 'string' ? value : null);
  }
  if (section === 'links' || section === 'checkouts') {
    const [sessions, payments] = await Promise.all([
      section === 'links' ? api('GET', '/v1/checkout-sessions', { query: { payment_link: object.id, limit: RELATED_SHOWN } }) : null,
      checkoutPayments(object),
    ]);
    sessions?.data.forEach((session) => add('Checkout', session.id, session));
    payments.forEach((payment) => add(section === 'links' ? 'Payment' : 'Earlier payment', payment.id, payment));
  }
  const receipt = section === 'c2b' ? object.trans_id : object.mpesa_receipt;
  const lookups = [];
  if (receipt && section !== 'reversals') {
    lookups.push(api('GET', '/v1/reversals', { query: { receipt, limit: 10 } })
      .then((list) => list.data.forEach((reversal) => add('Reversed by', reversal.id))));
  }
  if (section === 'webhooks' && object.event) {
    lookups.push(api('GET', `/v1/events/${segment(object.event)}`)
      .then((event) => add('The event is about', event.data?.object?.id ?? event.data?.id)));
  }
  await Promise.all(lookups);
  return Promise.all([...ids].map(async ([id, relation]) => {
    const [, target] = ID_ROUTES.find(([prefix]) => id.startsWith(prefix));
    const found = known.get(id) ?? await api('GET', `${LISTS[target].path}/${segment(id)}`).catch(() => null);
    return { relation, id, target, object: found };
  }));
}

// How a payment made through checkout names its session and link in its metadata.
const METADATA_RELATIONS = { checkout_session: 'Paid through checkout', payment_link: 'Paid through link' };
// How many of a link's sessions, and of a link's or session's payments, its Related box lists.
const RELATED_SHOWN = 10;

/**
 * The newest payments made through a payment link or a checkout session. The payments API filters
 * by reference, not by metadata: a checkout's payments carry its reference, and their metadata
 * names the session and link, so the newest 100 with the reference are read and sorted out here.
 */
async function checkoutPayments(object) {
  const key = object.object === 'payment_link' ? 'payment_link' : 'checkout_session';
  const list = await api('GET', '/v1/payments', { query: { reference: object.reference, limit: 100 } });
  return list.data.filter((payment) => payment.metadata?.[key] === object.id).slice(0, RELATED_SHOWN);
}

function relatedCard(related) {
  if (!related.length) return null;
  return el('section', { id: 'related', class: 'card field-group' }, el('h2', { text: 'Related' }),
    el('ul', { class: 'related' }, related.map(({ relation, id, target, object }) => el('li', { 'data-related': id },
      el('span', { class: 'muted', text: `${relation}: ` }),
      `${LISTS[target].kind} `, el('a', { href: detailHref(target, id), class: 'mono', text: id }),
      object?.status ? [' ', badge(object.status)] : null,
      object?.amount !== undefined && object?.amount !== null ? ` ${money(object.amount)}` : null))));
}

function timelineItems(events) {
  if (!events.data.length) return [el('li', { class: 'muted', text: 'No events yet.' })];
  return events.data.map((event) => el('li', { 'data-type': event.type },
    el('div', { class: 'timeline-head' }, el('strong', { text: event.type }), ' ', timeEl(event.created_at),
      ' · ', el('a', { href: `#/webhooks?event=${encodeURIComponent(event.id)}`, text: 'webhook deliveries' })),
    el('details', { 'data-key': event.id },
      el('summary', { text: 'Event JSON' }),
      el('pre', { class: 'json', text: JSON.stringify(event, null, 2) }))));
}

function callbackItems(received) {
  const items = received.data.map((callback) => el('details', { class: 'callback', 'data-key': `callback-${callback.id}` },
    el('summary', {},
      badge(callback.outcome), ' ', el('span', { class: 'mono', text: callback.kind }), ' · ', timeEl(callback.received_at),
      callback.detail ? el('span', { class: 'callback-reason', text: callback.detail }) : null),
    el('p', { class: 'muted small' }, `From ${callback.remote_address}`, callback.match_key ? ` · ${callback.match_key}` : ''),
    el('pre', { class: 'json', text: prettyJson(callback.body) })));
  return [
    el('h2', { text: 'Daraja callbacks' }),
    items.length ? items : el('p', { class: 'muted', text: 'No callback from Daraja for this one.' }),
  ];
}

function batchActions(batch, refresh) {
  const actions = BATCH_ACTIONS[batch.status] ?? [];
  if (!actions.length) return null;
  return el('div', { class: 'actions' }, actions.map((action) => {
    const button = el('button', {
      type: 'button', 'data-action': action, class: `button ${action === 'cancel' ? 'danger' : ''}`,
      text: action.charAt(0).toUpperCase() + action.slice(1),
    });
    button.addEventListener('click', () => busy(button, async () => {
      await api('POST', `/v1/payout-batches/${segment(batch.id)}/${action}`);
      notice(`Batch ${BATCH_DONE[action]}.`);
      await refresh();
    }));
    return button;
  }));
}

/** Approve and Reject on a held payout: another API key than its maker's must approve (the API says so if not). */
function heldActions(payout, refresh) {
  if (payout.status !== 'held') return null;
  return el('div', { class: 'actions' }, HELD_ACTIONS.map(([action, text, tone, question, done]) =>
    confirmedAction(`/v1/payouts/${segment(payout.id)}/${action}`, { action, text, tone, question, done }, refresh)));
}

/** A button that POSTs to `path` once the person confirms `question`, then says `done` and refreshes. */
function confirmedAction(path, { action, text, tone, question, done }, refresh) {
  const button = el('button', { type: 'button', 'data-action': action, class: `button ${tone}`, text });
  button.addEventListener('click', () => {
    if (!window.confirm(question)) return;
    busy(button, async () => {
      await api('POST', path);
      notice(done);
      await refresh();
    });
  });
  return button;
}

/** What the checks before sending found, and who decided on the payout they held. */
function payoutChecks(payout) {
  if (!payout.checks?.length) return null;
  const columns = ['check', 'outcome', 'found', 'attempt', 'checked_at'];
  const names = { check: 'Check', outcome: 'Outcome', found: 'Found', attempt: 'Sending', checked_at: 'Checked' };
  const checkNames = { sim_swap: 'SIM swap', name: 'Name (Hakikisha)' };
  const rows = payout.checks.map((check) => el('tr', { 'data-check': check.check, 'data-outcome': check.outcome },
    columns.map((field) => el('td', {}, field === 'check' ? (checkNames[check.check] ?? check.check)
      : field === 'attempt' ? String(check.attempt + 1) : fieldValue(field, check[field])))));
  const review = payout.review;
  return el('section', { id: 'checks', class: 'card' },
    el('h2', { text: 'Checks before sending' }),
    payout.expected_name ? el('p', { class: 'small' }, 'Expected name: ', el('strong', { text: payout.expected_name })) : null,
    el('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Checks before sending', tabindex: 0 },
      el('table', { class: 'table' },
        el('thead', {}, el('tr', {}, columns.map((field) => el('th', { scope: 'col', text: names[field] })))),
        el('tbody', {}, rows))),
    review ? el('p', { id: 'review', class: 'small' }, badge(review.decision), ` by ${review.by} `, timeEl(review.at)) : null);
}

/**
 * Where the batch's rows are, one bar per state that has any: drawn in SVG from the counts, so a
 * state with no rows draws nothing (a <progress> at 0 is drawn full by some browsers' themes).
 */
function batchProgress(batch) {
  const rows = PROGRESS_STATES.filter((state) => batch.progress?.[state]?.count > 0).map((state) => {
    const tally = batch.progress[state];
    const width = (tally.count / Math.max(batch.item_count, 1)) * 100;
    return el('div', { class: 'progress-row', 'data-progress': state, 'data-count': tally.count },
      el('span', { class: 'progress-state', text: state }),
      svg('svg', { class: 'meter', viewBox: '0 0 100 10', preserveAspectRatio: 'none', role: 'img', 'aria-label': `${state}: ${tally.count} of ${batch.item_count}` },
        svg('rect', { x: 0, y: 0, width: 100, height: 10, class: 'meter-track' }),
        svg('rect', { x: 0, y: 0, width, height: 10, class: `meter-fill ${state}` })),
      el('span', { class: 'small', text: `${group(tally.count)} of ${group(batch.item_count)} · ${money(tally.amount)}` }));
  });
  return el('section', { id: 'progress', class: 'card' }, el('h2', { text: 'Progress' }),
    rows.length ? rows : el('p', { class: 'muted', text: 'No rows.' }));
}

function batchItems(batch, items) {
  const columns = ['batch_row', 'id', 'status', 'amount', 'phone', 'mpesa_receipt', 'failure_reason'];
  // No data-field here: in a detail view, [data-field="status"] is the batch's own status.
  const rows = items.data.map((payout) => el('tr', {}, columns.map((field) => el('td', { class: MONEY_FIELDS.has(field) ? 'num' : null },
    field === 'id' ? el('a', { href: detailHref('payouts', payout.id), class: 'mono', text: payout.id }) : fieldValue(field, payout[field])))));
  return el('section', { class: 'card' },
    el('h2', { text: items.has_more ? `The first ${group(items.data.length)} of ${group(batch.item_count)} rows` : 'Rows' }),
    el('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Rows of the batch', tabindex: 0 },
      el('table', { class: 'table' },
        el('thead', {}, el('tr', {}, columns.map((field) => el('th', { scope: 'col', text: field === 'batch_row' ? 'Row' : label(field) })))),
        el('tbody', {}, rows))));
}

// ---- Payment links and checkout sessions ----

/** A link or session with a fixed amount has no limits to show (they are null): left out. */
function withoutUnusedLimits(object) {
  if (!('min_amount' in object) || object.amount === null || object.min_amount !== null) return object;
  const shown = { ...object };
  delete shown.min_amount;
  delete shown.max_amount;
  return shown;
}

/** A link's or session's amount: fixed, or the limits of what the customer enters. */
function amountText(object) {
  if (object.amount !== null && object.amount !== undefined) return money(object.amount);
  if (object.min_amount === null || object.min_amount === undefined) return dash();
  return `${money(object.min_amount)}–${group(object.max_amount)}`;
}

/** The amount as a card printed for customers says it. */
function amountSentence(link) {
  return link.amount !== null && link.amount !== undefined ? money(link.amount)
    : `Any amount from ${money(link.min_amount)} to ${money(link.max_amount)}`;
}

const LINK_AMOUNTS = [['fixed', 'A fixed amount'], ['range', 'The customer enters it']];

/** "New link": the form, then the new link's page with its URL and QR code. */
function newLinkForm() {
  const { form, controls } = apiForm({
    id: 'new-link',
    submitText: 'Create link',
    fields: [
      { name: 'description', label: 'What it is for', required: true, placeholder: 'Lunch at the canteen', hint: 'Up to 100 characters, shown to the customer.' },
      { name: 'reference', label: 'Account reference', required: true, placeholder: 'LUNCH', hint: 'Up to 12 characters, on the customer\'s prompt.' },
      { name: 'amount_type', label: 'Amount', required: true, options: LINK_AMOUNTS },
      { name: 'amount', label: 'Amount (KES)', required: true, inputmode: 'numeric', placeholder: '500', hint: 'Whole shillings, 1 to 250,000.' },
      { name: 'min_amount', label: 'At least (KES)', inputmode: 'numeric', placeholder: '1' },
      { name: 'max_amount', label: 'At most (KES)', inputmode: 'numeric', placeholder: '250000' },
      { name: 'max_uses', label: 'Most payments', inputmode: 'numeric', placeholder: 'No limit', hint: '1 for a one-off invoice.' },
      { name: 'expires_at', label: 'Expires (EAT)', type: 'datetime-local' },
    ],
    send: (values, key) => {
      const { amount_type: kind, ...body } = values;
      if (kind === 'fixed') {
        // Without an amount the API makes a link whose customer enters one: never what "fixed" meant.
        if (!body.amount) throw new ApiError(400, { message: 'Enter the amount, or choose "The customer enters it".', param: 'amount' });
        delete body.min_amount;
        delete body.max_amount;
      } else {
        delete body.amount;
      }
      if (body.expires_at) body.expires_at = fromLocalInput(body.expires_at);
      return api('POST', '/v1/payment-links', { body: formBody(body, ['amount', 'min_amount', 'max_amount', 'max_uses']), key });
    },
    done: async (link, form) => {
      form.reset();
      showAmountFields();
      noticeOnNextPage(`Payment link created: share its address or print its QR code.`);
      location.hash = detailHref('links', link.id);
    },
  });
  const kind = controls.get('amount_type');
  function showAmountFields() {
    const fixed = kind.value === 'fixed';
    controls.get('amount').closest('label').hidden = !fixed;
    controls.get('min_amount').closest('label').hidden = fixed;
    controls.get('max_amount').closest('label').hidden = fixed;
  }
  kind.addEventListener('change', showAmountFields);
  showAmountFields();
  return { node: createBox('create-link', 'New link', form) };
}

function linkActions(link, refresh) {
  const download = el('button', { type: 'button', class: 'button secondary', 'data-action': 'download-qr', text: 'Download QR (PNG)' });
  download.addEventListener('click', () => busy(download, () => downloadQr(link)));
  return el('div', { class: 'actions' },
    el('a', { href: `${detailHref('links', link.id)}/card?print=1`, id: 'print-card', class: 'button', text: 'Print QR card' }),
    download,
    el('a', { href: `#/checkouts?payment_link=${encodeURIComponent(link.id)}`, class: 'button secondary', text: 'Its checkouts' }),
    link.status === 'active' ? confirmedAction(`/v1/payment-links/${segment(link.id)}/deactivate`, {
      action: 'deactivate', text: 'Deactivate', tone: 'danger',
      question: 'Deactivate this link? It takes no more payments, in pages already open too; a prompt already sent still settles.',
      done: 'Link deactivated: it takes no more payments.',
    }, refresh) : null);
}

function sessionActions(session, refresh) {
  if (session.status !== 'open') return null;
  return el('div', { class: 'actions' }, confirmedAction(`/v1/checkout-sessions/${segment(session.id)}/expire`, {
    action: 'expire', text: 'Expire', tone: 'danger',
    question: 'Expire this checkout? Its page takes no more payments.',
    done: 'Checkout expired: its page takes no more payments.',
  }, refresh));
}

/** The link's address to copy and its QR code to show or print. */
function linkShare(link, qr) {
  return el('section', { id: 'share', class: 'card' }, el('h2', { text: 'Share' }),
    el('p', { class: 'share-url' },
      el('a', { id: 'link-url', href: link.url, target: '_blank', rel: 'noopener noreferrer', class: 'mono', text: link.url }),
      copyButton(link.url, 'link address')),
    qr ? qrImage(qr, 'link-qr', `QR code of ${link.url}`) : el('p', { class: 'muted', text: 'The QR code could not be loaded.' }),
    el('p', { class: 'muted small', text: 'A phone\'s camera opens the payment page from the code.' }));
}

// A link's address never changes: its QR code is read once per page load.
const qrCodes = new Map();

/**
 * The link's QR code as its square's side and the path of its dark modules. The SVG needs the key,
 * so it is fetched, and its two values are taken out and checked: only they reach the page, drawn
 * as attributes (the dashboard's policy allows images from here or data: URLs, and no inline style).
 */
function linkQr(link) {
  if (!qrCodes.has(link.id)) {
    const read = api('GET', `/v1/payment-links/${segment(link.id)}/qr.svg`, { as: 'text' }).then(parseQr);
    read.catch(() => qrCodes.delete(link.id));
    qrCodes.set(link.id, read);
  }
  return qrCodes.get(link.id);
}

function parseQr(text) {
  const root = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  const box = /^0 0 (\d{1,4}) \1$/.exec(root.getAttribute('viewBox') ?? '');
  const path = root.querySelector('path')?.getAttribute('d') ?? '';
  if (root.localName !== 'svg' || !box || !/^[MhvZz0-9 -]+$/.test(path)) throw new Error('not a QR code');
  return { side: Number(box[1]), path };
}

function qrImage(qr, id, description) {
  return svg('svg', { id, class: 'qr', viewBox: `0 0 ${qr.side} ${qr.side}`, 'shape-rendering': 'crispEdges', role: 'img', 'aria-label': description },
    svg('rect', { width: qr.side, height: qr.side, fill: '#fff' }),
    svg('path', { d: qr.path, fill: '#000' }));
}

/** Saves the PNG (20 pixels a module): fetched with the key, handed to the browser as a data: URL. */
async function downloadQr(link) {
  const png = await api('GET', `/v1/payment-links/${segment(link.id)}/qr.png`, { query: { module_pixels: 20 }, as: 'blob' });
  const url = await new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(png);
  });
  const save = el('a', { href: url, download: `payment-link-${link.code}.png`, hidden: true });
  document.body.append(save);
  save.click();
  save.remove();
}

const FUNNEL_STEPS = [['created', 'Created', 'created'], ['opened', 'Page opened', 'opened'],
  ['prompted', 'Prompted', 'prompted'], ['paid', 'Paid', 'paid']];

/**
 * How far sessions got, one bar per step scaled to the sessions created, each with its share of
 * the step before. Counts and money stay the API's integers; only the shares are ratios.
 */
function funnelChart(id, funnel) {
  const first = Math.max(funnel.created, 1);
  return el('div', { id, class: 'funnel' },
    el('ol', { class: 'funnel-steps' }, FUNNEL_STEPS.map(([step, name], i) => {
      const count = funnel[step];
      const before = i > 0 ? funnel[FUNNEL_STEPS[i - 1][0]] : null;
      return el('li', { 'data-step': step, 'data-count': count },
        el('span', { class: 'funnel-name', text: name }),
        svg('svg', { class: 'meter', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
          svg('rect', { x: 0, y: 0, width: 100, height: 10, class: 'meter-track' }),
          svg('rect', { x: 0, y: 0, width: (count / first) * 100, height: 10, class: `meter-fill funnel-${step}` })),
        el('span', { class: 'funnel-count', text: group(count) }),
        i > 0 ? el('span', { class: 'funnel-share muted', text: `→ ${before ? percent(count / before) : '—'} of ${FUNNEL_STEPS[i - 1][2]}` }) : null);
    })),
    el('p', { class: 'funnel-paid' }, 'Paid in: ', el('strong', { 'data-stat': 'paid_amount', text: money(funnel.paid_amount) })));
}

function linkFunnel(funnel) {
  return el('section', { id: 'link-funnel', class: 'card' }, el('h2', { text: 'Conversion' }),
    el('p', { class: 'muted small', text: 'Each visit to the link opens a checkout: how far they got.' }),
    funnelChart('link-funnel-chart', funnel));
}

const FUNNEL_DAYS = [7, 30];

/** The funnel of the sessions created in the last 7 or 30 days, of one link or all. */
function funnelBox(linkId, stale) {
  let days = FUNNEL_DAYS[0];
  const body = el('div', {}, loading());
  const buttons = FUNNEL_DAYS.map((n) => el('button', {
    type: 'button', class: 'button small secondary', 'data-days': n, 'aria-pressed': String(n === days), text: `Last ${n} days`,
  }));
  const node = el('section', { id: 'funnel', class: 'card' },
    el('div', { class: 'card-head' },
      el('h2', { text: linkId ? 'Conversion of this link' : 'Conversion' }),
      el('div', { class: 'segmented', role: 'group', 'aria-label': 'Period' }, buttons)),
    el('p', { class: 'muted small', text: 'The checkouts created in the period, and how far they got.' }),
    body);
  async function refresh() {
    const since = new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const funnel = await api('GET', '/v1/checkout/funnel', { query: { payment_link: linkId, created_after: since } });
    if (stale()) return;
    node.dataset.days = days;
    fill(body, funnelChart('checkout-funnel', funnel));
  }
  for (const button of buttons) {
    button.addEventListener('click', () => busy(button, async () => {
      days = Number(button.dataset.days);
      buttons.forEach((other) => other.setAttribute('aria-pressed', String(other === button)));
      await refresh();
    }));
  }
  return { node, refresh };
}

/**
 * A link's QR card, for a counter or a door: on screen a preview, on paper the only thing printed
 * (app.css's print rules). `?print=1` opens the print dialog once it is drawn.
 */
function linkCardView(id, params, stale) {
  const node = el('section', { id: 'card-view', 'data-id': id },
    el('p', { class: 'back no-print' }, el('a', { href: detailHref('links', id), text: '← The link' })), loading());
  async function refresh() {
    const link = await api('GET', `/v1/payment-links/${segment(id)}`);
    const [page, qr] = await Promise.all([
      // The customer's view of the link names the merchant: public, no key.
      request(null, 'GET', `/pay/api/${encodeURIComponent(link.code)}`).catch(() => null),
      linkQr(link),
    ]);
    if (stale()) return;
    const print = el('button', { type: 'button', id: 'print-now', class: 'button', text: 'Print' });
    print.addEventListener('click', () => window.print());
    fill(node,
      el('p', { class: 'back no-print' }, el('a', { href: detailHref('links', id), text: '← The link' })),
      link.status === 'active' ? null
        : el('p', { class: 'alert no-print', text: `This link is ${link.status}: a customer who scans the card cannot pay it.` }),
      el('div', { class: 'actions no-print' }, print),
      qrCard(link, page, qr),
      el('p', { class: 'muted small no-print', text: 'Only the card is printed. The code reads from a creased or partly covered print too.' }));
  }
  function shown() {
    if (params.get('print') !== '1' || !node.querySelector('#qr-card')) return;
    // Once: a reload or going back here shows the card without printing it again.
    history.replaceState(null, '', `${detailHref('links', id)}/card`);
    setTimeout(() => window.print(), 0);
  }
  return { node, refresh, shown };
}

function qrCard(link, page, qr) {
  return el('article', { id: 'qr-card', class: 'qr-card' },
    page?.merchant_name ? el('p', { class: 'qr-merchant', text: page.merchant_name }) : null,
    el('h1', { class: 'qr-description', text: link.description }),
    el('p', { class: 'qr-amount', text: amountSentence(link) }),
    qrImage(qr, 'card-qr', `QR code of ${link.url}`),
    el('p', { class: 'qr-scan' },
      el('span', { lang: 'en' }, 'Scan with your phone camera to pay with ', el('span', { class: 'nowrap', text: 'M-Pesa' })),
      el('span', { lang: 'sw' }, 'Changanua kwa kamera ya simu yako kulipa kwa ', el('span', { class: 'nowrap', text: 'M-Pesa' }))),
    el('p', { class: 'qr-url mono', text: link.url }));
}

// ---- Subscriptions, invoices and plans: pages that read as sentences, not field dumps ----

const READABLE_DETAILS = { subscriptions: subscriptionParts, invoices: invoiceParts, plans: planParts };
const INVOICES_SHOWN = 12;
const RAILS = { stk: 'STK push each period', ratiba: 'Ratiba standing order (M-Pesa debits it)' };
const INTERVALS = { day: ['day', 'days'], week: ['week', 'weeks'], month: ['month', 'months'], quarter: ['quarter', 'quarters'], year: ['year', 'years'] };
// What a subscription's state allows (the API's transition table); the API still has the last word.
const SUBSCRIPTION_ACTIONS = {
  pending: ['cancel'],
  trialing: ['pause', 'cancel-at-period-end', 'cancel'],
  active: ['charge-now', 'pause', 'cancel-at-period-end', 'cancel'],
  past_due: ['charge-now', 'pause', 'cancel-at-period-end', 'cancel'],
  paused: ['resume', 'cancel-at-period-end', 'cancel'],
};
const SUBSCRIPTION_BUTTONS = {
  'charge-now': { text: 'Charge now', path: 'charge-now' },
  pause: { text: 'Pause', path: 'pause', done: 'Subscription paused: nothing is invoiced or charged until it is resumed.' },
  resume: { text: 'Resume', path: 'resume', done: 'Subscription resumed.' },
  'cancel-at-period-end': {
    text: 'Cancel at period end', path: 'cancel', body: { at_period_end: true }, tone: 'danger',
    confirm: 'Cancel this subscription when its current period ends? The period already paid for runs on.',
    done: 'The subscription will be cancelled when its current period ends.',
  },
  cancel: {
    text: 'Cancel now', path: 'cancel', body: { at_period_end: false }, tone: 'danger',
    confirm: 'Cancel this subscription now? Nothing more is invoiced or charged, and it cannot be undone.',
    done: 'Subscription cancelled.',
  },
};

/**
 * A page for one subscription, invoice or plan: what `parts(id, refresh, kept)` draws from the API
 * (a promise of the elements), then the object's events. `kept` lives as long as the page: what
 * parts put there (a form) is drawn again as the same element, so a live update leaves it alone.
 */
function readableDetail(section, id, stale, parts) {
  const kept = new Map();
  const top = el('div', { class: 'detail-top' }, loading());
  const timeline = el('ol', { id: 'timeline', class: 'timeline' });
  const node = el('section', { id: 'detail', 'data-id': id },
    backLink(section), top, el('section', { class: 'card' }, el('h2', { text: 'Events' }), timeline));
  async function refresh() {
    const [drawn, events] = await Promise.all([
      parts(id, refresh, kept),
      api('GET', '/v1/events', { query: { object_id: id, limit: 100 } }),
    ]);
    if (stale()) return;
    redraw(node, () => {
      fillKeeping(top, drawn);
      fill(timeline, timelineItems(events));
    });
  }
  return { node, refresh };
}

function readableHead(kind, object) {
  return [
    el('div', { class: 'view-head' },
      el('h1', {}, `${kind} `, el('span', { class: 'mono id', text: object.id }), copyButton(object.id, 'ID')),
      el('span', { 'data-field': 'status' }, badge(object.status))),
    object.needs_attention ? el('p', { class: 'alert' }, el('strong', { text: 'Needs attention: ' }), object.needs_attention) : null,
  ];
}

/** Labelled facts; a fact whose value is null or undefined is left out. */
function facts(title, rows) {
  return el('section', { class: 'card' }, el('h2', { text: title }),
    el('dl', { class: 'fields readable' }, rows.filter(([, , value]) => value !== null && value !== undefined).map(([field, name, value]) => [
      el('dt', { text: name }),
      el('dd', { 'data-field': field }, value),
    ])));
}

function everyText(plan) {
  const [one, many] = INTERVALS[plan.interval] ?? [plan.interval, plan.interval];
  return plan.interval_count > 1 ? `every ${group(plan.interval_count)} ${many}` : `every ${one}`;
}

function priceText(plan) {
  const trial = plan.trial_days ? `, after a ${group(plan.trial_days)}-day free trial` : '';
  return `${money(plan.amount)} ${everyText(plan)}${trial}`;
}

function ordinal(n) {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function resultText(object) {
  if (object.result_code === null || object.result_code === undefined) return null;
  return `${object.result_code}${object.result_desc ? ` · ${object.result_desc}` : ''}`;
}

function metadataValue(metadata) {
  return metadata && Object.keys(metadata).length ? el('code', { class: 'json', text: JSON.stringify(metadata) }) : null;
}

async function subscriptionParts(id, refresh, kept) {
  const subscription = await api('GET', `/v1/subscriptions/${segment(id)}`);
  const changeable = subscription.rail === 'stk' && !['cancelled', 'ended'].includes(subscription.status);
  const [plan, invoices, plans] = await Promise.all([
    api('GET', `/v1/plans/${segment(subscription.plan)}`),
    api('GET', '/v1/invoices', { query: { subscription: id, limit: INVOICES_SHOWN } }),
    changeable ? planChoices() : null,
  ]);
  // The list leaves out each invoice's charge attempts; its own page has them.
  const detailed = await Promise.all(invoices.data.map((invoice) => api('GET', `/v1/invoices/${segment(invoice.id)}`)));
  const s = subscription;
  const monthly = ['month', 'quarter', 'year'].includes(plan.interval);
  const order = s.standing_order;
  return [
    readableHead('Subscription', s),
    subscriptionActions(s, refresh),
    changeable ? subscriptionChanges(s, plans, kept, refresh) : null,
    facts('Subscription', [
      ['phone', 'Customer phone', el('span', { class: 'mono', text: s.phone })],
      ['reference', 'Account reference', s.reference],
      ['plan', 'Plan', [el('a', { href: detailHref('plans', plan.id), text: plan.name }), ` · ${priceText(plan)}`]],
      ['rail', 'Charged by', RAILS[s.rail] ?? s.rail],
      ['start_date', 'Started', dateText(s.start_date)],
      ['trial_end', 'Trial ends', s.trial_end ? dateText(s.trial_end) : null],
      ['next_billing_at', 'Next billing', s.status === 'cancelled' || s.status === 'ended' ? null : timeEl(s.next_billing_at)],
      ['billing_anchor', 'Billing day', monthly && s.billing_anchor ? `the ${ordinal(s.billing_anchor)} (the last day of a shorter month)` : null],
      ['end_date', 'Ends', s.end_date ? dateText(s.end_date) : null],
      ['cancel_at_period_end', 'Cancels at period end', s.cancel_at_period_end ? 'Yes: it is cancelled when the current period ends' : null],
      ['result', 'Last result from M-Pesa', resultText(s)],
      ['metadata', 'Metadata', metadataValue(s.metadata)],
      ['created_at', 'Created', timeEl(s.created_at)],
      ['updated_at', 'Last changed', timeEl(s.updated_at)],
    ]),
    order ? facts('Standing order', [
      ['standing_order_name', 'Name', order.name],
      ['standing_order_amount', 'Amount', money(order.amount)],
      ['standing_order_ref', 'Daraja reference', order.response_ref_id],
      ['standing_order_transaction', 'Transaction', order.transaction_id],
    ]) : null,
    el('section', { id: 'invoices', class: 'card' },
      el('h2', { text: invoices.has_more ? `The newest ${group(detailed.length)} invoices` : 'Invoices' }),
      detailed.length ? detailed.map((invoice) => invoiceBlock(invoice)) : el('p', { class: 'muted', text: 'No invoice yet: one is made when a billing period is due.' }),
      el('p', {}, el('a', { href: `#/invoices?subscription=${encodeURIComponent(s.id)}`, text: 'All invoices of this subscription' }))),
  ];
}

function subscriptionActions(subscription, refresh) {
  const actions = (SUBSCRIPTION_ACTIONS[subscription.status] ?? [])
    .filter((action) => action !== 'cancel-at-period-end' || !subscription.cancel_at_period_end);
  if (!actions.length) return null;
  return el('div', { class: 'actions' }, actions.map((action) => {
    const { text, path, body, tone, confirm, done } = SUBSCRIPTION_BUTTONS[action];
    const button = el('button', { type: 'button', 'data-action': action, class: `button ${tone ?? ''}`, text });
    button.addEventListener('click', () => {
      if (confirm && !window.confirm(confirm)) return;
      busy(button, async () => {
        const answer = await api('POST', `/v1/subscriptions/${segment(subscription.id)}/${path}`, { body });
        // charge-now answers the invoice; the billing run prompts at its next_attempt_at (after quiet hours).
        notice(done ?? `Invoice ${answer.id} (${money(answer.amount)}) will be charged ${chargeTime(answer.next_attempt_at)}: ${subscription.phone} gets a prompt then.`);
        await refresh();
      });
    });
    return button;
  }));
}

/**
 * Change plan and change phone, drawn once per page (kept) and brought up to date on each refresh.
 * Both apply from the next period or charge, as the API says.
 */
function subscriptionChanges(subscription, plans, kept, refresh) {
  if (!kept.has('changes')) {
    const path = (action) => `/v1/subscriptions/${segment(subscription.id)}/${action}`;
    const planForm = apiForm({
      id: 'change-plan',
      submitText: 'Change plan',
      fields: [{ name: 'plan', label: 'Plan from the next period', required: true, options: [] }],
      send: (values, key) => api('POST', path('change-plan'), { body: { plan: values.plan }, key }),
      done: async (changed) => {
        const chosen = JSON.parse(planForm.controls.get('plan').dataset.options).find(([value]) => value === changed.plan);
        notice(`From its next period this subscription is billed on ${chosen ? chosen[1] : changed.plan}; the current period keeps its price.`);
        await refresh();
      },
    });
    const phoneForm = apiForm({
      id: 'change-phone',
      submitText: 'Change phone',
      fields: [{ name: 'phone', label: 'Phone from the next charge', required: true, inputmode: 'tel', placeholder: '0712345678' }],
      send: (values, key) => api('POST', path('change-phone'), { body: { phone: values.phone }, key }),
      done: async (changed, form) => {
        form.reset();
        notice(`From its next charge this subscription prompts ${changed.phone}.`);
        await refresh();
      },
    });
    const node = el('section', { id: 'changes', class: 'card' }, el('h2', { text: 'Change' }),
      el('div', { class: 'change-forms' }, planForm.form, phoneForm.form));
    kept.set('changes', { node, planForm });
  }
  const { node, planForm } = kept.get('changes');
  const options = plans.map(planOption);
  if (!plans.some((plan) => plan.id === subscription.plan)) options.unshift([subscription.plan, subscription.plan]);
  const select = planForm.controls.get('plan');
  // The current plan is chosen until someone picks another.
  setOptions(select, options, subscription.plan);
  if (!select.dataset.touched) select.value = subscription.plan;
  select.onchange = () => { select.dataset.touched = 'true'; };
  return node;
}

function chargeTime(value) {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? `at ${TIME_FORMAT.format(date)} EAT` : 'shortly';
}

/** One invoice with each attempt to charge it, for a subscription's page. */
function invoiceBlock(invoice) {
  return el('article', { class: 'invoice', 'data-invoice': invoice.id },
    el('div', { class: 'invoice-head' },
      el('a', { href: detailHref('invoices', invoice.id), class: 'mono', text: invoice.id }),
      badge(invoice.status),
      el('strong', { text: money(invoice.amount) }),
      el('span', { class: 'muted' }, 'for ', dateText(invoice.period_start), ' – ', dateText(invoice.period_end))),
    el('p', { class: 'muted small' }, invoiceWhen(invoice)),
    invoice.needs_attention ? el('p', { class: 'alert' }, el('strong', { text: 'Needs attention: ' }), invoice.needs_attention) : null,
    chargesTable(invoice.charges));
}

function invoiceWhen(invoice) {
  return [
    'Due ', timeEl(invoice.due_at),
    invoice.paid_at ? [' · paid ', timeEl(invoice.paid_at)] : null,
    invoice.mpesa_receipt ? ` · receipt ${invoice.mpesa_receipt}` : null,
    invoice.status === 'open' && invoice.next_attempt_at ? [' · next try ', timeEl(invoice.next_attempt_at)] : null,
  ];
}

function chargesTable(charges) {
  if (!charges?.length) return el('p', { class: 'muted small', text: 'Not charged yet.' });
  const rows = charges.map((charge) => el('tr', { 'data-payment': charge.payment },
    el('td', { class: 'num', text: group(charge.attempt) }),
    el('td', {}, el('a', { href: detailHref('payments', charge.payment), class: 'mono', text: charge.payment })),
    el('td', {}, charge.status ? badge(charge.status) : dash()),
    el('td', {}, resultText(charge) ?? dash()),
    el('td', {}, charge.mpesa_receipt ? el('span', { class: 'mono', text: charge.mpesa_receipt }) : dash()),
    el('td', {}, timeEl(charge.created_at))));
  return el('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Charge attempts', tabindex: 0 },
    el('table', { class: 'table charges' },
      el('thead', {}, el('tr', {}, ['Try', 'Payment', 'Status', 'Result', 'Receipt', 'Started'].map((text) => el('th', { scope: 'col', text })))),
      el('tbody', {}, rows)));
}

async function invoiceParts(id) {
  const invoice = await api('GET', `/v1/invoices/${segment(id)}`);
  const subscription = await api('GET', `/v1/subscriptions/${segment(invoice.subscription)}`);
  return [
    readableHead('Invoice', invoice),
    facts('Invoice', [
      ['amount', 'Amount', money(invoice.amount)],
      ['subscription', 'Subscription', [el('a', { href: detailHref('subscriptions', subscription.id), class: 'mono', text: subscription.id }),
        ` · ${subscription.phone} · ${subscription.reference}`]],
      ['period', 'Period', [dateText(invoice.period_start), ' – ', dateText(invoice.period_end)]],
      ['due_at', 'Due', timeEl(invoice.due_at)],
      ['attempts', 'Charge attempts', group(invoice.attempts)],
      ['next_attempt_at', 'Next try', invoice.status === 'open' && invoice.next_attempt_at ? timeEl(invoice.next_attempt_at) : null],
      ['paid_at', 'Paid', invoice.paid_at ? timeEl(invoice.paid_at) : null],
      ['mpesa_receipt', 'Receipt', invoice.mpesa_receipt ? el('span', { class: 'mono', text: invoice.mpesa_receipt }) : null],
      ['result', 'Last result from M-Pesa', resultText(invoice)],
      ['created_at', 'Created', timeEl(invoice.created_at)],
    ]),
    el('section', { id: 'charges', class: 'card' }, el('h2', { text: 'Charge attempts' }), chargesTable(invoice.charges)),
  ];
}

async function planParts(id) {
  const plan = await api('GET', `/v1/plans/${segment(id)}`);
  return [
    el('div', { class: 'view-head' }, el('h1', {}, `${plan.name} `, el('span', { class: 'mono id', text: plan.id }))),
    el('div', { class: 'actions' }, el('a', { href: `#/subscriptions?plan=${encodeURIComponent(plan.id)}`, class: 'button secondary', text: 'Its subscriptions' })),
    facts('Plan', [
      ['name', 'Name', plan.name],
      ['amount', 'Price', `${money(plan.amount)} ${everyText(plan)}`],
      ['trial_days', 'Free trial', plan.trial_days ? `${group(plan.trial_days)} days` : 'None'],
      ['metadata', 'Metadata', metadataValue(plan.metadata)],
      ['created_at', 'Created', timeEl(plan.created_at)],
      ['updated_at', 'Last changed', timeEl(plan.updated_at)],
    ]),
  ];
}

// ---- Phone (the embedded emulator's customer) ----

function phoneView(stale) {
  const manual = el('input', { type: 'checkbox', id: 'manual-mode', disabled: true });
  const prompts = el('ul', { id: 'prompts', class: 'prompts' });
  const empty = el('p', { class: 'muted', text: 'No prompt is waiting. Create a payment and its prompt appears here.' });
  const body = el('div', {},
    el('div', { class: 'card' },
      el('label', { class: 'check', for: 'manual-mode' }, manual, el('span', { text: 'Answer prompts myself' })),
      el('p', { class: 'muted small', text: 'When on, STK prompts wait here for your answer instead of being answered by the emulator\'s test numbers.' })),
    prompts, empty);
  const node = el('section', { id: 'phone' }, viewHead('Phone'), body);
  let modeVersion = 0; // a poll that began before the box was ticked must not untick it
  const timer = setInterval(() => refresh().catch(showError), 2000);

  async function refresh() {
    const version = modeVersion;
    let answer;
    try {
      answer = await api('GET', '/v1/emulator/prompts');
    } catch (error) {
      if (error.status !== 404) throw error;
      if (stale()) return;
      clearInterval(timer);
      phoneLink().hidden = true;
      body.replaceChildren(el('p', { class: 'card', text: 'The gateway is connected to Safaricom; there is no phone to simulate.' }));
      return;
    }
    if (stale()) return;
    if (version === modeVersion) {
      manual.checked = Boolean(answer.manual_mode);
      manual.disabled = false;
    }
    syncPrompts(answer.prompts);
  }

  function syncPrompts(list) {
    const wanted = new Set(list.map((prompt) => prompt.checkout_request_id));
    // Only cards that went away are removed and only new ones added, so a focused button stays.
    for (const card of [...prompts.children]) if (!wanted.has(card.dataset.checkout)) card.remove();
    const shown = new Set([...prompts.children].map((card) => card.dataset.checkout));
    for (const prompt of list) if (!shown.has(prompt.checkout_request_id)) prompts.append(promptCard(prompt));
    empty.hidden = list.length > 0;
  }

  function promptCard(prompt) {
    const card = el('li', { class: 'prompt card', 'data-checkout': prompt.checkout_request_id },
      el('div', { class: 'prompt-head' }, el('span', { class: 'mono', text: prompt.phone }), el('strong', { class: 'prompt-amount', text: money(prompt.amount) })),
      el('p', {}, 'Pay to account ', el('strong', { text: prompt.account_reference || '—' })),
      el('p', { class: 'muted small' }, 'Asked ', timeEl(prompt.created_at)));
    const buttons = PROMPT_ACTIONS.map(([action, text, tone]) => el('button', { type: 'button', class: `button ${tone}`, 'data-action': action, text }));
    for (const button of buttons) {
      button.addEventListener('click', async () => {
        buttons.forEach((b) => { b.disabled = true; });
        try {
          await api('POST', `/v1/emulator/prompts/${segment(prompt.checkout_request_id)}/${button.dataset.action}`);
          card.remove();
          notice(`${button.textContent}: the prompt to ${prompt.phone} for ${money(prompt.amount)} is answered.`);
        } catch (error) {
          showError(error);
          buttons.forEach((b) => { b.disabled = false; });
        }
        if (!stale()) await refresh().catch(showError);
      });
    }
    card.append(el('div', { class: 'actions' }, buttons));
    return card;
  }

  manual.addEventListener('change', async () => {
    const version = ++modeVersion;
    manual.disabled = true;
    try {
      const settings = await api('PUT', '/v1/emulator/settings', { body: { manual_mode: manual.checked } });
      manual.checked = Boolean(settings.manual_mode);
      notice(settings.manual_mode ? 'Prompts now wait for your answer.' : 'The emulator answers prompts by itself again.');
    } catch (error) {
      manual.checked = !manual.checked;
      showError(error);
    } finally {
      if (version === modeVersion) manual.disabled = false;
    }
  });

  return { node, refresh, dispose: () => clearInterval(timer) };
}

// ---- Start ----

function start() {
  $('#signin').addEventListener('submit', onSignIn);
  $('#password-button').addEventListener('click', onPasswordSignIn);
  $('#dashboard-password').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onPasswordSignIn();
    }
  });
  offerPassword();
  $('#signout').addEventListener('click', onSignOut);
  window.addEventListener('hashchange', () => render());
  if (sessionKey()) enterApp();
}

start();
