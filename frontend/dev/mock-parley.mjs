#!/usr/bin/env node
// A stand-in for the `parley` binary, for frontend work without the Rust server.
//
//   node dev/mock-parley.mjs demo --listen 127.0.0.1:8080 --admin-password secret
//   PARLEY_BIN=dev/mock-parley.mjs npm run test:e2e      (after npm run build)
//
// It implements the draft schema (../schema/schema.graphql) in memory with graphql-js and
// graphql-ws: cookie sessions, users/roles/groups/tokens, Leads and Contacts with field
// metadata, phone normalisation to E.164 (German numbers), notifications with a live
// subscription, and serves dist/ like the real binary (SPA fallback, /healthz).
// Messaging: a connected demo account with one profile, conversations and messages with the
// 24-hour window and live `messageEvents`, templates reviewed automatically after ~1.5 s,
// predefined texts (search with snippets), merge fields, the Messages module's filters, search
// snippets and saved views (seeded "Unreplied" and "Sent today"), message alerts, activities,
// and the demo's simulated phone (`simulator`,
// `simulatorThread`, `simulateCustomerMessage`, which are not in the SDL yet and are added here).
// It is NOT the product: behaviour details of the real server win.
import http from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes, randomUUID } from 'node:crypto';
import { buildSchema, graphql, GraphQLError, subscribe } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';

const here = path.dirname(fileURLToPath(import.meta.url));
const frontendDir = path.resolve(here, '..');
const distDir = path.join(frontendDir, 'dist');

// ---- command line -------------------------------------------------------------------------
const argv = process.argv.slice(2);
if (argv[0] !== 'demo') {
  console.error('usage: mock-parley.mjs demo [--listen ADDR] [--admin-password PW] [--data DIR]');
  process.exit(2);
}
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const listen = opt('--listen', '127.0.0.1:8080');
const adminPassword = opt('--admin-password', randomBytes(8).toString('hex'));
const [host, portStr] = listen.split(':');

// ---- data ---------------------------------------------------------------------------------
const now = () => new Date().toISOString();
const users = [
  {
    id: 'u1',
    email: 'admin@parley.local',
    name: 'Demo Admin',
    password: adminPassword,
    isAdmin: true,
    language: 'EN',
    roleId: 'r1',
    active: true,
    messageAlerts: true,
    createdAt: now(),
  },
];
const roles = [{ id: 'r1', name: 'CEO', parentId: null }, { id: 'r2', name: 'Sales', parentId: 'r1' }];
const groups = [];
const tokens = [];
const notifications = []; // { id, userId, title, body, link, read, createdAt }
const sessions = new Map(); // token -> userId
const loginAttempts = new Map();

const f = (apiName, label, labelDe, fieldType, extra = {}) => ({
  apiName,
  label,
  labelDe,
  fieldType,
  required: false,
  options: [],
  lookupModule: null,
  custom: false,
  ...extra,
});
const personFields = [
  f('First_Name', 'First Name', 'Vorname', 'TEXT'),
  f('Last_Name', 'Last Name', 'Nachname', 'TEXT', { required: true }),
  f('Email', 'Email', 'E-Mail', 'EMAIL'),
  f('Phone', 'Phone', 'Telefon', 'PHONE'),
  f('Mobile', 'Mobile', 'Mobil', 'PHONE'),
  f('Owner', 'Lead Owner', 'Lead-Besitzer', 'OWNER'),
];
const modules = [
  {
    apiName: 'Leads',
    label: 'Leads',
    labelDe: 'Leads',
    custom: false,
    fields: [
      ...personFields,
      f('Company', 'Company', 'Unternehmen', 'TEXT'),
      f('Lead_Status', 'Lead Status', 'Lead-Status', 'PICKLIST', {
        options: ['New', 'Contacted', 'Qualified', 'Lost'],
      }),
      f('Annual_Revenue', 'Annual Revenue', 'Jahresumsatz', 'CURRENCY'),
      f('Email_Opt_Out', 'Email Opt Out', 'E-Mail-Abmeldung', 'BOOLEAN'),
      f('Follow_Up', 'Follow-up Date', 'Nachfassdatum', 'DATE'),
      f('Description', 'Description', 'Beschreibung', 'MULTILINE'),
    ],
  },
  {
    apiName: 'Contacts',
    label: 'Contacts',
    labelDe: 'Kontakte',
    custom: false,
    fields: [
      ...personFields.map((x) =>
        x.apiName === 'Owner' ? { ...x, label: 'Contact Owner', labelDe: 'Kontaktbesitzer' } : x,
      ),
      f('Account', 'Account', 'Firma', 'LOOKUP', { lookupModule: 'Leads' }),
      f('Birthday', 'Date of Birth', 'Geburtsdatum', 'DATE'),
      f('Last_Call', 'Last Call', 'Letzter Anruf', 'DATETIME'),
    ],
  },
];
modules.push({
  apiName: 'Quotes',
  label: 'Quotes',
  labelDe: 'Angebote',
  custom: false,
  fields: [
    f('Subject', 'Subject', 'Betreff', 'TEXT', { required: true }),
    f('Contact_Name', 'Contact Name', 'Kontaktname', 'LOOKUP', { lookupModule: 'Contacts' }),
    f('Grand_Total', 'Grand Total', 'Gesamtsumme', 'CURRENCY'),
    f('Owner', 'Quote Owner', 'Angebotsbesitzer', 'OWNER'),
  ],
});
const records = []; // { id, module, values, ownerId, createdAt, modifiedAt }
const seed = (module, values) =>
  records.push({ id: randomUUID(), module, values, ownerId: 'u1', createdAt: now(), modifiedAt: now() });
seed('Leads', { First_Name: 'Anna', Last_Name: 'Schmidt', Mobile: '+4915112345678', Company: 'Schmidt GmbH', Lead_Status: 'New' });
seed('Leads', { First_Name: 'Ben', Last_Name: 'Meyer', Email: 'ben@example.com', Lead_Status: 'Contacted', Description: '<b>not bold</b>\nsecond line' });
seed('Contacts', { First_Name: 'Clara', Last_Name: 'Weber', Phone: '+493012345678' });
seed('Quotes', { Subject: 'Angebot Business Paket', Contact_Name: records[records.length - 1].id, Grand_Total: 177.31 });
for (let i = 0; i < 60; i++) seed('Leads', { Last_Name: `Bulk ${String(i).padStart(2, '0')}` });

// ---- pubsub -------------------------------------------------------------------------------
const listeners = new Set();
function notify(userId, title, body, link = null) {
  const n = { id: randomUUID(), userId, title, body, link, read: false, createdAt: now() };
  notifications.unshift(n);
  for (const l of listeners) l(n);
}
function subscribeNotifications(userId) {
  const queue = [];
  let wake = null;
  const listener = (n) => {
    if (n.userId !== userId) return;
    queue.push(n);
    wake?.();
  };
  listeners.add(listener);
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (!queue.length) await new Promise((r) => (wake = r));
      return { value: { notifications: queue.shift() }, done: false };
    },
    async return() {
      listeners.delete(listener);
      return { value: undefined, done: true };
    },
  };
}

// ---- schema -------------------------------------------------------------------------------
const baseSdl = readFileSync(path.resolve(frontendDir, '../schema/schema.graphql'), 'utf8');
// The demo simulator's operations, until the server's SDL has them.
const simulatorSdl = baseSdl.includes('simulatorThread')
  ? ''
  : `
type SimulatorInfo { phoneNumberId: String!, displayPhoneNumber: String! }
type SimulatedMessage { direction: String!, wamid: String!, type: String!, text: String, status: String!, at: DateTime! }
input SimulateMessageInput { waId: String!, name: String!, type: String!, text: String, caption: String,
  fileName: String, mimeType: String, dataBase64: String, latitude: Float, longitude: Float, emoji: String,
  reactToWamid: String, buttonText: String }
extend type Query { simulator: SimulatorInfo
  simulatorThread(waId: String!): [SimulatedMessage!]! }
extend type Mutation { simulateCustomerMessage(input: SimulateMessageInput!): String! }
`;
const schema = buildSchema(baseSdl + simulatorSdl);
// Custom scalars (JSON, DateTime) built from SDL pass values through unchanged, as needed here.

const err = (code, message) => new GraphQLError(message, { extensions: { code } });
const need = (ctx) => {
  const u = users.find((x) => x.id === ctx.userId);
  if (!u || !u.active) throw err('UNAUTHENTICATED', 'not signed in');
  return u;
};
const needAdmin = (ctx) => {
  const u = need(ctx);
  if (!u.isAdmin) throw err('FORBIDDEN', 'administrators only');
  return u;
};
const roleObj = (id) => {
  const r = roles.find((x) => x.id === id);
  return r ? { ...r, parent: () => roleObj(r.parentId) } : null;
};
const userObj = (u) => (u ? { ...u, role: () => roleObj(u.roleId) } : null);
const moduleMeta = (name) => modules.find((m) => m.apiName === name);

function e164(raw) {
  const digits = String(raw).replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.startsWith('0')) return `+49${digits.slice(1)}`;
  throw err('VALIDATION', `not a phone number: ${raw}`);
}
function cleanValues(module, values, { partial }) {
  const meta = moduleMeta(module);
  const out = {};
  for (const [k, v] of Object.entries(values ?? {})) {
    const field = meta.fields.find((x) => x.apiName === k);
    if (!field) throw new GraphQLError(`unknown field ${k}`, { extensions: { code: 'VALIDATION', field: k } });
    if (v === null || v === '') {
      out[k] = null;
      continue;
    }
    if (field.fieldType === 'PHONE') out[k] = e164(v);
    else if (field.fieldType === 'EMAIL' && !/^[^@\s]+@[^@\s]+$/.test(String(v)))
      throw new GraphQLError('invalid email address', { extensions: { code: 'VALIDATION', field: k } });
    else out[k] = v;
  }
  if (!partial) {
    for (const field of meta.fields) {
      if (field.required && (out[field.apiName] == null || out[field.apiName] === ''))
        throw new GraphQLError(`${field.label} is required`, { extensions: { code: 'VALIDATION', field: field.apiName } });
    }
  }
  return out;
}
const displayName = (r) =>
  [r.values.First_Name, r.values.Last_Name].filter(Boolean).join(' ') || r.values.Subject || r.id;
const recordObj = (r) => ({
  ...r,
  displayName: displayName(r),
  owner: () => userObj(users.find((u) => u.id === (r.values.Owner ?? r.ownerId))),
});
function connection(items, first = 50, after = null, map = (x) => x) {
  const start = after ? Number(Buffer.from(after, 'base64').toString()) + 1 : 0;
  const slice = items.slice(start, start + first);
  const nodes = slice.map(map);
  return {
    nodes,
    edges: nodes.map((node, i) => ({ cursor: Buffer.from(String(start + i)).toString('base64'), node })),
    pageInfo: {
      hasNextPage: start + first < items.length,
      endCursor: slice.length ? Buffer.from(String(start + slice.length - 1)).toString('base64') : null,
    },
    totalCount: items.length,
  };
}

const root = {
  me: (_a, ctx) => userObj(users.find((u) => u.id === ctx.userId && u.active)),
  users: ({ first, after }, ctx) => (needAdmin(ctx), connection(users, first ?? 50, after, userObj)),
  roles: (_a, ctx) => (need(ctx), roles.map((r) => roleObj(r.id))),
  groups: (_a, ctx) => (
    needAdmin(ctx),
    groups.map((g) => ({ ...g, members: g.memberIds.map((id) => userObj(users.find((u) => u.id === id))).filter(Boolean) }))
  ),
  apiTokens: (_a, ctx) => {
    const u = need(ctx);
    return tokens.filter((x) => x.userId === u.id);
  },
  notifications: ({ first, after }, ctx) => {
    const u = need(ctx);
    const mine = notifications.filter((n) => n.userId === u.id);
    return { ...connection(mine, first ?? 20, after), unreadCount: mine.filter((n) => !n.read).length };
  },
  modules: (_a, ctx) => (need(ctx), modules),
  module: ({ apiName }, ctx) => (need(ctx), moduleMeta(apiName) ?? null),
  records: ({ module, first, after, search, sortBy, sortDesc }, ctx) => {
    need(ctx);
    if (!moduleMeta(module)) throw err('NOT_FOUND', `no module ${module}`);
    let list = records.filter((r) => r.module === module);
    if (search) {
      const q = search.toLowerCase();
      list = list.filter((r) => Object.values(r.values).some((v) => String(v ?? '').toLowerCase().includes(q)));
    }
    if (sortBy) {
      list = [...list].sort((a, b) => String(a.values[sortBy] ?? '').localeCompare(String(b.values[sortBy] ?? '')));
      if (sortDesc) list.reverse();
    }
    return connection(list, Math.min(first ?? 50, 200), after, recordObj);
  },
  record: ({ module, id }, ctx) => {
    need(ctx);
    const r = records.find((x) => x.module === module && x.id === id);
    return r ? recordObj(r) : null;
  },

  login: ({ email, password }, ctx) => {
    const key = email.toLowerCase();
    const attempts = (loginAttempts.get(key) ?? 0) + 1;
    loginAttempts.set(key, attempts);
    if (attempts > 10) throw err('RATE_LIMITED', 'too many attempts');
    const u = users.find((x) => x.email.toLowerCase() === key && x.active);
    if (!u || u.password !== password) throw err('UNAUTHENTICATED', 'wrong email or password');
    loginAttempts.delete(key);
    const token = randomBytes(24).toString('hex');
    sessions.set(token, u.id);
    ctx.setCookie(`parley_session=${token}; Path=/; HttpOnly; SameSite=Lax`);
    return { token, user: userObj(u) };
  },
  logout: (_a, ctx) => {
    if (ctx.sessionToken) sessions.delete(ctx.sessionToken);
    ctx.setCookie('parley_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    return true;
  },
  changePassword: ({ currentPassword, newPassword }, ctx) => {
    const u = need(ctx);
    if (u.password !== currentPassword) throw err('UNAUTHENTICATED', 'wrong password');
    if (newPassword.length < 8) throw err('VALIDATION', 'password too short');
    u.password = newPassword;
    return true;
  },
  setLanguage: ({ language }, ctx) => {
    const u = need(ctx);
    u.language = language;
    return userObj(u);
  },
  createUser: ({ input }, ctx) => {
    needAdmin(ctx);
    if (users.some((u) => u.email.toLowerCase() === input.email.toLowerCase()))
      throw err('CONFLICT', 'a user with this email exists');
    const u = {
      id: randomUUID(),
      email: input.email,
      name: input.name,
      password: input.password,
      isAdmin: !!input.isAdmin,
      language: input.language ?? 'EN',
      roleId: input.roleId ?? null,
      active: true,
      messageAlerts: true,
      createdAt: now(),
    };
    users.push(u);
    return userObj(u);
  },
  updateUser: ({ id, input }, ctx) => {
    needAdmin(ctx);
    const u = users.find((x) => x.id === id);
    if (!u) throw err('NOT_FOUND', 'no such user');
    for (const k of ['name', 'isAdmin', 'active']) if (input[k] != null) u[k] = input[k];
    if ('roleId' in input) u.roleId = input.roleId;
    return userObj(u);
  },
  createRole: ({ name, parentId }, ctx) => {
    needAdmin(ctx);
    const r = { id: randomUUID(), name, parentId: parentId ?? null };
    roles.push(r);
    return roleObj(r.id);
  },
  deleteRole: ({ id }, ctx) => {
    needAdmin(ctx);
    if (roles.some((r) => r.parentId === id)) throw err('CONFLICT', 'role has sub-roles');
    const i = roles.findIndex((r) => r.id === id);
    if (i < 0) throw err('NOT_FOUND', 'no such role');
    roles.splice(i, 1);
    return true;
  },
  createGroup: ({ name, memberIds }, ctx) => {
    needAdmin(ctx);
    const g = { id: randomUUID(), name, memberIds };
    groups.push(g);
    for (const m of memberIds) notify(m, `Added to group ${name}`, 'You are now a member.', '/leads');
    return root.groups({}, ctx).find((x) => x.id === g.id);
  },
  setGroupMembers: ({ id, memberIds }, ctx) => {
    needAdmin(ctx);
    const g = groups.find((x) => x.id === id);
    if (!g) throw err('NOT_FOUND', 'no such group');
    for (const m of memberIds) if (!g.memberIds.includes(m)) notify(m, `Added to group ${g.name}`, 'You are now a member.');
    g.memberIds = memberIds;
    return root.groups({}, ctx).find((x) => x.id === g.id);
  },
  deleteGroup: ({ id }, ctx) => {
    needAdmin(ctx);
    const i = groups.findIndex((g) => g.id === id);
    if (i >= 0) groups.splice(i, 1);
    return i >= 0;
  },
  createApiToken: ({ name }, ctx) => {
    const u = need(ctx);
    const t = { id: randomUUID(), userId: u.id, name, createdAt: now(), lastUsedAt: null, expiresAt: null };
    tokens.push(t);
    return { token: `prl_${randomBytes(24).toString('hex')}`, apiToken: t };
  },
  revokeApiToken: ({ id }, ctx) => {
    const u = need(ctx);
    const i = tokens.findIndex((t) => t.id === id && t.userId === u.id);
    if (i >= 0) tokens.splice(i, 1);
    return i >= 0;
  },
  markNotificationsRead: (_a, ctx) => {
    const u = need(ctx);
    for (const n of notifications) if (n.userId === u.id) n.read = true;
    return true;
  },
  createRecord: ({ module, values }, ctx) => {
    const u = need(ctx);
    if (!moduleMeta(module)) throw err('NOT_FOUND', `no module ${module}`);
    const r = { id: randomUUID(), module, values: cleanValues(module, values, { partial: false }), ownerId: u.id, createdAt: now(), modifiedAt: now() };
    records.push(r);
    return recordObj(r);
  },
  updateRecord: ({ module, id, values }, ctx) => {
    need(ctx);
    const r = records.find((x) => x.module === module && x.id === id);
    if (!r) throw err('NOT_FOUND', 'no such record');
    Object.assign(r.values, cleanValues(module, values, { partial: true }));
    r.modifiedAt = now();
    return recordObj(r);
  },
  deleteRecord: ({ module, id }, ctx) => {
    need(ctx);
    const i = records.findIndex((x) => x.module === module && x.id === id);
    if (i >= 0) records.splice(i, 1);
    return i >= 0;
  },
};

// ---- messaging ----------------------------------------------------------------------------
const DAY_MS = 24 * 3600 * 1000;
const STATUS_STEP_MS = 700; // the real demo waits ~2 s between sent, delivered and read
const iso = (ms) => new Date(ms).toISOString();
let account = { wabaId: 'demo-waba-100200300' };
const numbers = [
  { id: '100000000000001', displayPhoneNumber: '+49 30 1234567', verifiedName: 'Parley Demo', verified: true, registered: true },
  { id: '100000000000002', displayPhoneNumber: '+49 30 7654321', verifiedName: 'Parley Demo Zwei', verified: true, registered: false },
  { id: '100000000000003', displayPhoneNumber: '+49 40 5550000', verifiedName: 'Parley Nord', verified: false, registered: false },
];
const profiles = [
  {
    id: 'prof1',
    nickname: 'Parley Demo',
    phoneNumberId: '100000000000001',
    displayPhoneNumber: '+49 30 1234567',
    unknownSenders: 'Leads',
    active: true,
    userIds: [],
    groupIds: [],
    roleIds: [],
  },
];
const conversations = []; // { id, profileId, customerWaId, customerName, record: {module,id}|null, lastInboundAt, lastMessageAt }
const messages = []; // { id, conversationId, wamid, direction, type, text, status, timestamp(ms), errorCode, errorMessage, templateId, sentBy, media }
const templates = [];
const predefined = [];
const files = new Map(); // blob id -> { mimeType, data }

const msgListeners = new Set();
function emitMessage(m, isNew) {
  for (const l of msgListeners) l({ kind: isNew ? 'NEW' : 'STATUS', message: messageObj(m) });
}
function subscribeMessageEvents() {
  const queue = [];
  let wake = null;
  const listener = (e) => {
    queue.push(e);
    wake?.();
  };
  msgListeners.add(listener);
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (!queue.length) await new Promise((r) => (wake = r));
      return { value: { messageEvents: queue.shift() }, done: false };
    },
    async return() {
      msgListeners.delete(listener);
      return { value: undefined, done: true };
    },
  };
}

const profileObj = (p) => p && { ...p };
const numberObj = (n) => {
  const linked = profiles.some((p) => p.active && p.phoneNumberId === n.id);
  const ineligibleReason = !n.verified
    ? "the number is not verified yet: verify it in Meta's WhatsApp Manager"
    : linked
      ? 'already linked to another profile'
      : null;
  return { ...n, eligible: !ineligibleReason, ineligibleReason };
};
const windowEnd = (c) => (c.lastInboundAt ? c.lastInboundAt + DAY_MS : null);
/** The first business message after an inbound one in its conversation: its reply. */
function replyTo(m) {
  if (m.direction !== 'INBOUND') return null;
  return (
    messages
      .filter((x) => x.conversationId === m.conversationId && x.direction === 'OUTBOUND' && x.timestamp >= m.timestamp)
      .sort((a, b) => a.timestamp - b.timestamp)[0] ?? null
  );
}
function messageObj(m, snippet = null) {
  const reply = replyTo(m);
  return {
    ...m,
    snippet,
    repliedAt: reply ? iso(reply.timestamp) : null,
    repliedBy: () => (reply ? userObj(users.find((u) => u.id === reply.sentBy)) : null),
    record: () => convObj(conversations.find((c) => c.id === m.conversationId))?.record() ?? null,
    provider: 'whatsapp',
    timestamp: iso(m.timestamp),
    replyToId: null,
    sentBy: () => userObj(users.find((u) => u.id === m.sentBy)),
    attachment: m.media
      ? { fileName: m.media.fileName, mimeType: m.media.mimeType, size: m.media.size, url: `/files/${m.media.blob}?message=${m.id}` }
      : null,
    conversation: () => convObj(conversations.find((c) => c.id === m.conversationId)),
  };
}
const convMessages = (c) => messages.filter((m) => m.conversationId === c.id).sort((a, b) => a.timestamp - b.timestamp);
function convObj(c, snippet = null) {
  if (!c) return null;
  return {
    ...c,
    snippet,
    profile: () => profileObj(profiles.find((p) => p.id === c.profileId)),
    record: () => {
      const r = c.record && records.find((x) => x.module === c.record.module && x.id === c.record.id);
      return r ? recordObj(r) : null;
    },
    windowExpiresAt: windowEnd(c) ? iso(windowEnd(c)) : null,
    windowOpen: !!windowEnd(c) && windowEnd(c) > Date.now(),
    lastMessageAt: iso(c.lastMessageAt),
    messages: ({ first, after }) => connection(convMessages(c), first ?? 50, after, messageObj),
    lastMessage: () => {
      const ms = convMessages(c);
      return ms.length ? messageObj(ms[ms.length - 1]) : null;
    },
  };
}
const templateObj = (t) => ({ ...t, updatedAt: iso(t.updatedAt), sendable: t.status === 'APPROVED' });

// Merge fields: `$[Leads.First Name]`, module and field by API name or label (English/German).
const same = (a, b) => String(a).trim().toLowerCase() === String(b).trim().toLowerCase();
function parseMerge(text, module) {
  const out = [];
  let rest = text;
  for (;;) {
    const start = rest.indexOf('$[');
    if (start < 0) break;
    const close = rest.indexOf(']', start);
    if (close < 0) throw err('VALIDATION', 'unclosed merge field');
    if (start > 0) out.push({ text: rest.slice(0, start) });
    const token = rest.slice(start, close + 1);
    const inner = token.slice(2, -1);
    const dot = inner.indexOf('.');
    if (dot < 0) throw err('VALIDATION', `${token}: write it as $[Module.Field]`);
    const mod = modules.find((m) => [m.apiName, m.label, m.labelDe].some((x) => same(x, inner.slice(0, dot))));
    if (!mod) throw err('VALIDATION', `${token}: there is no module '${inner.slice(0, dot)}'`);
    if (mod.apiName !== module) throw err('VALIDATION', `${token}: only fields of ${module} can be used here`);
    const field = mod.fields.find((f) => [f.apiName, f.label, f.labelDe].some((x) => same(x, inner.slice(dot + 1))));
    if (!field) throw err('VALIDATION', `${token}: ${mod.apiName} has no field '${inner.slice(dot + 1)}'`);
    out.push({ field: field.apiName });
    rest = rest.slice(close + 1);
  }
  if (rest) out.push({ text: rest });
  return out;
}
const renderMerge = (segments, record) =>
  segments.map((s) => (s.field ? String(record?.values[s.field] ?? '') : s.text)).join('');

function setStatusLater(m, steps) {
  let delay = 300;
  for (const status of steps) {
    setTimeout(() => {
      m.status = status;
      emitMessage(m, false);
    }, delay);
    delay += STATUS_STEP_MS;
  }
}
function touch(c, at) {
  c.lastMessageAt = Math.max(c.lastMessageAt, at);
}
function findOrCreateConversation(profileId, waId, record, name) {
  let c = conversations.find((x) => x.profileId === profileId && x.customerWaId === waId);
  if (!c) {
    c = {
      id: randomUUID(),
      profileId,
      customerWaId: waId,
      customerName: name ?? null,
      record,
      lastInboundAt: null,
      lastMessageAt: Date.now(),
    };
    conversations.push(c);
  }
  if (!c.record && record) c.record = record;
  return c;
}
function recordByPhone(e164) {
  return records.find(
    (r) => (r.module === 'Leads' || r.module === 'Contacts') && (r.values.Mobile === e164 || r.values.Phone === e164),
  );
}
const demoProfile = () => profiles.find((p) => p.active) ?? null;

Object.assign(root, {
  whatsappProfiles: (_a, ctx) => (need(ctx), account ? profiles.filter((p) => p.active).map(profileObj) : []),
  allWhatsappProfiles: (_a, ctx) => (needAdmin(ctx), profiles.map(profileObj)),
  whatsappAccount: (_a, ctx) => (needAdmin(ctx), account ? { ...account, webhookPath: '/webhooks/whatsapp' } : null),
  whatsappNumbers: (_a, ctx) => {
    needAdmin(ctx);
    if (!account) throw err('CONFLICT', 'connect a WhatsApp Business account first');
    return numbers.map(numberObj);
  },
  connectWhatsapp: ({ input }, ctx) => {
    needAdmin(ctx);
    for (const k of ['wabaId', 'accessToken', 'appSecret', 'verifyToken'])
      if (!String(input[k] ?? '').trim()) throw err('VALIDATION', `${k}: required`);
    account = { wabaId: input.wabaId.trim() };
    return { ...account, webhookPath: '/webhooks/whatsapp' };
  },
  registerWhatsappNumber: ({ phoneNumberId, pin }, ctx) => {
    needAdmin(ctx);
    if (!/^\d{6}$/.test(pin)) throw err('VALIDATION', 'pin: six digits');
    const n = numbers.find((x) => x.id === phoneNumberId);
    if (!n) throw err('NOT_FOUND', 'no such number');
    n.registered = true;
    return true;
  },
  createWhatsappProfile: ({ input }, ctx) => {
    needAdmin(ctx);
    if (!input.nickname.trim()) throw err('VALIDATION', 'nickname must have 1 to 60 characters');
    const n = numbers.find((x) => x.id === input.phoneNumberId);
    if (!n) throw err('VALIDATION', 'the account has no such number');
    const info = numberObj(n);
    if (info.ineligibleReason) throw err('VALIDATION', info.ineligibleReason);
    const p = {
      id: randomUUID(),
      nickname: input.nickname.trim(),
      phoneNumberId: n.id,
      displayPhoneNumber: n.displayPhoneNumber,
      unknownSenders: input.unknownSenders,
      active: true,
      userIds: input.userIds ?? [],
      groupIds: input.groupIds ?? [],
      roleIds: input.roleIds ?? [],
    };
    profiles.push(p);
    return profileObj(p);
  },
  deactivateWhatsapp: (_a, ctx) => {
    needAdmin(ctx);
    account = null;
    for (const p of profiles) p.active = false;
    return true;
  },

  conversations: ({ filter, search, first, after }, ctx) => {
    need(ctx);
    let list = conversations.filter(
      (c) =>
        (!filter?.profileId || c.profileId === filter.profileId) &&
        (!filter?.module || c.record?.module === filter.module) &&
        (!filter?.recordId || c.record?.id === filter.recordId),
    );
    const n = search?.trim().toLowerCase();
    if (n)
      list = list.filter(
        (c) =>
          (c.customerName ?? '').toLowerCase().includes(n) ||
          c.customerWaId.includes(n) ||
          convMessages(c).some((m) => (m.text ?? '').toLowerCase().includes(n)),
      );
    list = [...list].sort((a, b) => b.lastMessageAt - a.lastMessageAt);
    const convSnippet = (c) => {
      if (!n) return null;
      for (const text of [c.customerName, ...convMessages(c).reverse().map((m) => m.text)]) {
        const sn = makeSnippet(text, search);
        if (sn) return sn;
      }
      return null;
    };
    return connection(list, Math.min(first ?? 50, 500), after, (c) => convObj(c, convSnippet(c)));
  },
  conversation: ({ id }, ctx) => (need(ctx), convObj(conversations.find((c) => c.id === id))),
  messages: ({ filter, search, first, after }, ctx) => {
    const u = need(ctx);
    const list = messages
      .filter((m) => matchesFilter(m, filter ?? {}, u) && (!search?.trim() || makeSnippet(m.text, search)))
      .sort((a, b) => b.timestamp - a.timestamp);
    return connection(list, Math.min(first ?? 50, 500), after, (m) =>
      messageObj(m, search?.trim() ? makeSnippet(m.text, search) : null),
    );
  },

  templates: ({ module }, ctx) => (need(ctx), templates.filter((t) => !module || t.module === module).map(templateObj)),
  templatePreview: ({ templateId, module, recordId }, ctx) => {
    need(ctx);
    const t = templates.find((x) => x.id === templateId);
    if (!t) throw err('NOT_FOUND', 'no such template');
    const r = records.find((x) => x.module === module && x.id === recordId);
    if (!r) throw err('NOT_FOUND', 'no such record');
    return renderMerge(parseMerge(t.body, t.module), r);
  },
  createTemplate: ({ input }, ctx) => {
    const u = needAdmin(ctx);
    if (!account) throw err('CONFLICT', 'connect WhatsApp first');
    if (!/^[a-z0-9_]{1,512}$/.test(input.name)) throw err('VALIDATION', 'name: use lower-case letters, digits and underscores');
    if (!moduleMeta(input.module)) throw err('VALIDATION', `module: no module ${input.module}`);
    if (!input.body.trim()) throw err('VALIDATION', 'body: the body needs 1 to 1,024 characters');
    parseMerge(input.body, input.module);
    if (templates.some((t) => t.name === input.name && t.language === input.language))
      throw err('CONFLICT', `a template ${input.name} in ${input.language} exists`);
    const t = {
      id: randomUUID(),
      name: input.name,
      module: input.module,
      language: input.language,
      category: input.category,
      body: input.body,
      header: input.header || null,
      footer: input.footer || null,
      status: 'PENDING',
      rejectionReason: null,
      updatedAt: Date.now(),
      createdBy: u.id,
    };
    templates.push(t);
    review(t);
    return templateObj(t);
  },
  updateTemplate: ({ id, input }, ctx) => {
    needAdmin(ctx);
    const t = templates.find((x) => x.id === id);
    if (!t) throw err('NOT_FOUND', 'no such template');
    if (t.status === 'PENDING') throw err('CONFLICT', 'the template is in review and cannot be edited');
    if (input.name !== t.name || input.language !== t.language || input.module !== t.module)
      throw err('VALIDATION', 'name: name, language and module cannot change');
    parseMerge(input.body, t.module);
    Object.assign(t, {
      body: input.body,
      header: input.header || null,
      footer: input.footer || null,
      category: input.category,
      status: 'PENDING',
      rejectionReason: null,
      updatedAt: Date.now(),
    });
    review(t);
    return templateObj(t);
  },
  deleteTemplate: ({ id }, ctx) => {
    needAdmin(ctx);
    const i = templates.findIndex((x) => x.id === id);
    if (i < 0) throw err('NOT_FOUND', 'no such template');
    templates.splice(i, 1);
    return true;
  },
  sendTemplate: ({ input }, ctx) => {
    const u = need(ctx);
    const t = templates.find((x) => x.id === input.templateId);
    if (!t) throw err('NOT_FOUND', 'no such template');
    if (t.status !== 'APPROVED') throw err('TEMPLATE_NOT_APPROVED', t.status);
    if (t.module !== input.module) throw err('VALIDATION', `templateId: this template is for ${t.module}`);
    const r = records.find((x) => x.module === input.module && x.id === input.recordId);
    if (!r) throw err('NOT_FOUND', 'record');
    let recipient = r;
    if (r.module !== 'Leads' && r.module !== 'Contacts') {
      const id = r.values.Contact_Name ?? r.values.Lead_Name;
      recipient = records.find((x) => x.id === id);
      if (!recipient) throw err('VALIDATION', 'recordId: messages go only to Leads or Contacts, and this record links to neither');
    }
    const phone = (input.phoneField ? [input.phoneField] : ['Mobile', 'Phone'])
      .map((f) => recipient.values[f])
      .find((v) => typeof v === 'string' && v.startsWith('+'));
    if (!phone) throw err('VALIDATION', 'phoneField: the record has no mobile or phone number');
    const profile = profiles.find((p) => p.id === input.profileId && p.active);
    if (!profile) throw err('NOT_FOUND', 'profile');
    const c = findOrCreateConversation(profile.id, phone.slice(1), { module: recipient.module, id: recipient.id }, null);
    const now = Date.now();
    const m = {
      id: randomUUID(),
      conversationId: c.id,
      wamid: `wamid.${randomBytes(12).toString('hex')}`,
      direction: 'OUTBOUND',
      type: 'template',
      text: renderMerge(parseMerge(t.body, t.module), r),
      status: 'QUEUED',
      timestamp: now,
      errorCode: null,
      errorMessage: null,
      templateId: t.id,
      sentBy: u.id,
      media: null,
    };
    messages.push(m);
    touch(c, now);
    emitMessage(m, true);
    setStatusLater(m, ['SENT', 'DELIVERED', 'READ']);
    return messageObj(m);
  },
  sendReply: ({ input }, ctx) => {
    const u = need(ctx);
    const c = conversations.find((x) => x.id === input.conversationId);
    if (!c) throw err('NOT_FOUND', 'conversation');
    if (!(windowEnd(c) > Date.now())) throw err('WINDOW_CLOSED', 'the 24-hour window is closed');
    let text = input.text ?? '';
    if (input.predefinedTextId) {
      const p = predefined.find((x) => x.id === input.predefinedTextId);
      if (!p) throw err('NOT_FOUND', 'predefined text');
      const r = c.record && records.find((x) => x.id === c.record.id);
      text = renderMerge(parseMerge(p.text, p.module), r);
    } else if (c.record) {
      text = renderMerge(parseMerge(text, c.record.module), records.find((x) => x.id === c.record.id));
    }
    if (!text.trim()) throw err('VALIDATION', 'text: write something or pick a predefined text');
    const now = Date.now();
    const m = {
      id: randomUUID(),
      conversationId: c.id,
      wamid: `wamid.${randomBytes(12).toString('hex')}`,
      direction: 'OUTBOUND',
      type: 'text',
      text,
      status: 'QUEUED',
      timestamp: now,
      errorCode: null,
      errorMessage: null,
      templateId: null,
      sentBy: u.id,
      media: null,
    };
    messages.push(m);
    touch(c, now);
    emitMessage(m, true);
    setStatusLater(m, ['SENT', 'DELIVERED', 'READ']);
    return messageObj(m);
  },

  predefinedTexts: ({ module, search }, ctx) => {
    need(ctx);
    const n = search?.trim();
    return predefined
      .filter((p) => (!module || p.module === module) && (!n || makeSnippet(p.name, n) || makeSnippet(p.text, n)))
      .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
      .map((p) => ({ ...p, snippet: n ? makeSnippet(p.text, n) : null }));
  },
  replyPreview: ({ conversationId, predefinedTextId }, ctx) => {
    need(ctx);
    const c = conversations.find((x) => x.id === conversationId);
    if (!c) throw err('NOT_FOUND', 'conversation');
    const p = predefined.find((x) => x.id === predefinedTextId);
    if (!p) throw err('NOT_FOUND', 'predefined text');
    return renderMerge(parseMerge(p.text, p.module), c.record && records.find((x) => x.id === c.record.id));
  },
  createPredefinedText: ({ input }, ctx) => {
    need(ctx);
    if (!input.name.trim()) throw err('VALIDATION', 'name must have 1 to 100 characters');
    if (!input.text.trim()) throw err('VALIDATION', 'text must have 1 to 4,096 characters');
    if (!moduleMeta(input.module)) throw err('VALIDATION', `no module ${input.module}`);
    parseMerge(input.text, input.module);
    const p = { id: randomUUID(), name: input.name.trim(), module: input.module, text: input.text };
    predefined.push(p);
    return p;
  },
  updatePredefinedText: ({ id, name, text }, ctx) => {
    need(ctx);
    const p = predefined.find((x) => x.id === id);
    if (!p) throw err('NOT_FOUND', 'predefined text');
    parseMerge(text, p.module);
    Object.assign(p, { name: name.trim(), text });
    return p;
  },
  deletePredefinedText: ({ id }, ctx) => {
    need(ctx);
    const i = predefined.findIndex((x) => x.id === id);
    if (i < 0) throw err('NOT_FOUND', 'predefined text');
    predefined.splice(i, 1);
    return true;
  },

  simulator: (_a, ctx) => {
    need(ctx);
    const p = demoProfile();
    return p ? { phoneNumberId: p.phoneNumberId, displayPhoneNumber: p.displayPhoneNumber } : null;
  },
  simulatorThread: ({ waId }, ctx) => {
    need(ctx);
    const convIds = new Set(conversations.filter((c) => c.customerWaId === waId).map((c) => c.id));
    return messages
      .filter((m) => convIds.has(m.conversationId))
      .sort((a, b) => a.timestamp - b.timestamp)
      .map((m) => ({
        direction: m.direction === 'INBOUND' ? 'in' : 'out',
        wamid: m.wamid,
        type: m.type,
        text: m.text,
        status: m.direction === 'INBOUND' ? 'sent' : m.status.toLowerCase(),
        at: iso(m.timestamp),
      }));
  },
  simulateCustomerMessage: ({ input }, ctx) => {
    need(ctx);
    const p = demoProfile();
    if (!p) throw err('CONFLICT', 'no active profile');
    const waId = input.waId.replace(/\D/g, '');
    if (!/^\d{8,15}$/.test(waId)) throw err('VALIDATION', 'waId: digits with the country code');
    const e164 = `+${waId}`;
    const name = input.name?.trim() || null;
    let record = recordByPhone(e164);
    if (!record) {
      const parts = name ? name.split(' ') : [];
      const last = parts.length > 1 ? parts.pop() : (name ?? e164);
      const values = { Last_Name: last, Mobile: e164 };
      if (parts.length) values.First_Name = parts.join(' ');
      record = { id: randomUUID(), module: p.unknownSenders, values, ownerId: 'u1', createdAt: now(), modifiedAt: now() };
      records.push(record);
    }
    const c = findOrCreateConversation(p.id, waId, { module: record.module, id: record.id }, name);
    if (name) c.customerName = name;
    const at = Date.now();
    let text = input.text ?? null;
    let media = null;
    switch (input.type) {
      case 'image':
      case 'document': {
        const blob = randomUUID();
        const data = Buffer.from(input.dataBase64 ?? '', 'base64');
        files.set(blob, { mimeType: input.mimeType || 'application/octet-stream', data });
        media = { blob, fileName: input.fileName ?? null, mimeType: input.mimeType ?? null, size: data.length };
        text = input.caption ?? null;
        break;
      }
      case 'location':
        text = `${input.latitude}, ${input.longitude}`;
        break;
      case 'reaction':
        text = input.emoji ?? null;
        break;
      case 'button':
        text = input.buttonText ?? input.text ?? null;
        break;
      case 'text':
        if (!text?.trim()) throw err('VALIDATION', 'text: required');
        break;
      default:
        throw err('VALIDATION', `type: unknown type ${input.type}`);
    }
    const m = {
      id: randomUUID(),
      conversationId: c.id,
      wamid: `wamid.${randomBytes(12).toString('hex')}`,
      direction: 'INBOUND',
      type: input.type,
      text,
      status: 'RECEIVED',
      timestamp: at,
      errorCode: null,
      errorMessage: null,
      templateId: null,
      sentBy: null,
      media,
    };
    messages.push(m);
    c.lastInboundAt = at;
    touch(c, at);
    const from = c.customerName ?? e164;
    for (const u of users.filter((x) => x.isAdmin && x.active && x.messageAlerts))
      notify(u.id, `WhatsApp from ${from}`, text ?? '', `/messages/${c.id}`);
    emitMessage(m, true);
    return m.wamid;
  },
});

// ---- Messages module: filters, search snippets, saved views, alerts, activities ------------
const UNIT_MS = { HOURS: 3600e3, DAYS: DAY_MS, WEEKS: 7 * DAY_MS, MONTHS: 30 * DAY_MS };
const durMs = (d) => d.amount * UNIT_MS[d.unit];
function periodRange(period) {
  const t = new Date();
  const today = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
  switch (period) {
    case 'TODAY':
      return [today, today + DAY_MS];
    case 'YESTERDAY':
      return [today - DAY_MS, today];
    case 'THIS_WEEK': {
      const monday = today - ((t.getUTCDay() + 6) % 7) * DAY_MS;
      return [monday, monday + 7 * DAY_MS];
    }
    default:
      return [Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1), Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1)];
  }
}
function matchesFilter(m, f, viewer) {
  const c = conversations.find((x) => x.id === m.conversationId);
  const rec = c?.record && records.find((x) => x.id === c.record.id);
  const ownerId = rec ? (rec.values.Owner ?? rec.ownerId) : null;
  const reply = replyTo(m);
  const nowMs = Date.now();
  if (f.conversationId && m.conversationId !== f.conversationId) return false;
  if (f.profileId && c?.profileId !== f.profileId) return false;
  if (f.module && c?.record?.module !== f.module) return false;
  if (f.recordId && c?.record?.id !== f.recordId) return false;
  if (f.direction && m.direction !== f.direction) return false;
  if (f.status && m.status !== f.status) return false;
  if (f.type && m.type !== f.type) return false;
  if (f.notRepliedWithin) {
    const x = durMs(f.notRepliedWithin);
    if (m.direction !== 'INBOUND') return false;
    if (reply ? reply.timestamp - m.timestamp <= x : nowMs - m.timestamp <= x) return false;
  }
  if (f.repliedWithin && !(reply && reply.timestamp - m.timestamp <= durMs(f.repliedWithin))) return false;
  if (f.within && nowMs - m.timestamp > durMs(f.within)) return false;
  if (f.period) {
    const [a, b] = periodRange(f.period);
    if (m.timestamp < a || m.timestamp >= b) return false;
  }
  if (f.from && m.timestamp < Date.parse(f.from)) return false;
  if (f.to && m.timestamp > Date.parse(f.to)) return false;
  if (f.ownerId && ownerId !== f.ownerId) return false;
  if (f.ownerIsMe && ownerId !== viewer.id) return false;
  if (f.repliedById && reply?.sentBy !== f.repliedById) return false;
  if (f.repliedByMe && reply?.sentBy !== viewer.id) return false;
  return true;
}
/** Every word of `search` in `text` (case-insensitive), or null: a window around the first hit. */
function makeSnippet(text, search) {
  if (!text) return null;
  const words = String(search).toLowerCase().split(/\s+/).filter(Boolean);
  const lower = text.toLowerCase();
  if (!words.length || !words.every((w) => lower.includes(w))) return null;
  const first = Math.min(...words.map((w) => lower.indexOf(w)));
  const start = Math.max(0, first - 30);
  const end = Math.min(text.length, start + 140);
  const prefix = start > 0 ? '…' : '';
  const fragment = prefix + text.slice(start, end) + (end < text.length ? '…' : '');
  const highlights = [];
  const fl = fragment.toLowerCase();
  for (const w of words) {
    for (let i = fl.indexOf(w); i >= 0; i = fl.indexOf(w, i + w.length)) highlights.push({ start: i, end: i + w.length });
  }
  highlights.sort((a, b) => a.start - b.start);
  return { fragment, highlights };
}

const views = [
  { id: randomUUID(), name: 'Unreplied', shared: true, ownerId: null, filter: { direction: 'INBOUND', notRepliedWithin: { amount: 1, unit: 'DAYS' } } },
  { id: randomUUID(), name: 'Sent today', shared: true, ownerId: null, filter: { direction: 'OUTBOUND', period: 'TODAY' } },
];
const viewObj = (v, u) => ({
  ...v,
  mine: v.ownerId === u.id,
  owner: () => userObj(users.find((x) => x.id === v.ownerId)),
});
const activities = [];
const activityObj = (a) => ({ ...a, owner: () => userObj(users.find((u) => u.id === a.ownerId)) });

Object.assign(root, {
  messageViews: (_a, ctx) => {
    const u = need(ctx);
    return views.filter((v) => v.shared || v.ownerId === u.id).map((v) => viewObj(v, u));
  },
  saveMessageView: ({ input }, ctx) => {
    const u = need(ctx);
    if (!input.name.trim()) throw err('VALIDATION', 'name: required');
    const filter = JSON.parse(JSON.stringify(input.filter));
    if (input.id) {
      const v = views.find((x) => x.id === input.id);
      if (!v) throw err('NOT_FOUND', 'no such view');
      if (v.ownerId !== u.id) throw err('FORBIDDEN', 'only the owner may change a view');
      Object.assign(v, { name: input.name.trim(), shared: input.shared, filter });
      return viewObj(v, u);
    }
    const v = { id: randomUUID(), name: input.name.trim(), shared: input.shared, ownerId: u.id, filter };
    views.push(v);
    return viewObj(v, u);
  },
  deleteMessageView: ({ id }, ctx) => {
    const u = need(ctx);
    const i = views.findIndex((x) => x.id === id);
    if (i < 0) throw err('NOT_FOUND', 'no such view');
    if (views[i].ownerId !== u.id && !u.isAdmin) throw err('FORBIDDEN', 'only the owner may delete a view');
    views.splice(i, 1);
    return true;
  },
  setMessageAlerts: ({ enabled }, ctx) => {
    const u = need(ctx);
    u.messageAlerts = enabled;
    return userObj(u);
  },
  activities: ({ module, recordId }, ctx) => (
    need(ctx),
    activities.filter((a) => a.module === module && a.recordId === recordId).reverse().map(activityObj)
  ),
  createActivity: ({ module, recordId, input }, ctx) => {
    const u = need(ctx);
    if (!records.some((r) => r.module === module && r.id === recordId)) throw err('NOT_FOUND', 'no such record');
    if (!input.subject.trim()) throw err('VALIDATION', 'subject: required');
    const a = {
      id: randomUUID(),
      module,
      recordId,
      kind: input.kind,
      subject: input.subject.trim(),
      description: input.description ?? null,
      status: input.status ?? 'PLANNED',
      dueAt: input.dueAt ?? null,
      startAt: input.startAt ?? null,
      endAt: input.endAt ?? null,
      ownerId: input.ownerId ?? u.id,
      createdAt: now(),
      modifiedAt: now(),
    };
    activities.push(a);
    return activityObj(a);
  },
  updateActivity: ({ id, input }, ctx) => {
    need(ctx);
    const a = activities.find((x) => x.id === id);
    if (!a) throw err('NOT_FOUND', 'no such activity');
    for (const [k, v] of Object.entries(input)) a[k === 'ownerId' ? 'ownerId' : k] = v;
    a.modifiedAt = now();
    return activityObj(a);
  },
  deleteActivity: ({ id }, ctx) => {
    need(ctx);
    const i = activities.findIndex((x) => x.id === id);
    if (i >= 0) activities.splice(i, 1);
    return i >= 0;
  },
});

// Review by "Meta": approved unless promotional or starting/ending with a merge field.
function review(t) {
  setTimeout(() => {
    const body = t.body.trim();
    if (/\b(free|discount|sale|offer|buy now|gratis|rabatt|angebot)\b/i.test(body)) {
      t.status = 'REJECTED';
      t.rejectionReason = 'PROMOTIONAL';
    } else if (body.startsWith('$[') || body.endsWith(']')) {
      t.status = 'REJECTED';
      t.rejectionReason = 'INVALID_FORMAT';
    } else {
      t.status = 'APPROVED';
    }
    t.updatedAt = Date.now();
  }, 1500);
}

// ---- HTTP ---------------------------------------------------------------------------------
function sessionFrom(req) {
  const m = /(?:^|;\s*)parley_session=([^;]+)/.exec(req.headers.cookie ?? '');
  const token = m?.[1];
  return { sessionToken: token, userId: token ? sessions.get(token) : undefined };
}

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  if (url.pathname.startsWith('/files/') && req.method === 'GET') {
    const file = files.get(url.pathname.slice('/files/'.length));
    if (!file || !sessionFrom(req).userId) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.data.length }).end(file.data);
    return;
  }
  if (url.pathname === '/graphql' && req.method === 'POST') {
    let body = '';
    for await (const chunk of req) body += chunk;
    let payload;
    try {
      payload = JSON.parse(body);
    } catch {
      res.writeHead(400).end('bad json');
      return;
    }
    const cookies = [];
    const ctx = { ...sessionFrom(req), setCookie: (c) => cookies.push(c) };
    const result = await graphql({
      schema,
      source: payload.query,
      variableValues: payload.variables,
      operationName: payload.operationName,
      rootValue: root,
      contextValue: ctx,
      fieldResolver: (source, args, context, info) => {
        const v = source?.[info.fieldName];
        return typeof v === 'function' ? (source === root ? v(args, context, info) : v(args, context)) : v;
      },
    });
    const headers = { 'content-type': 'application/json' };
    if (cookies.length) headers['set-cookie'] = cookies;
    res.writeHead(200, headers).end(JSON.stringify(result));
    return;
  }
  // Static files of the built SPA; client routes get index.html.
  const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; img-src 'self' data:";
  let file = path.join(distDir, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
  if (!file.startsWith(distDir) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(distDir, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404).end('run npm run build first');
    return;
  }
  res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': csp });
  res.end(readFileSync(file));
});

const wss = new WebSocketServer({ server, path: '/graphql/ws' });
useServer(
  {
    schema,
    context: (c) => ({ ...sessionFrom(c.extra.request), setCookie: () => {} }),
    onConnect: (c) => !!sessionFrom(c.extra.request).userId,
    subscribe: (args) =>
      subscribe({
        ...args,
        rootValue: {
          notifications: (_a, ctx) => subscribeNotifications(ctx.userId),
          messageEvents: () => subscribeMessageEvents(),
        },
      }),
  },
  wss,
);

server.listen(Number(portStr), host, () => {
  console.log(`mock parley on http://${listen} admin admin@parley.local / ${adminPassword}`);
});
const shutdown = () => {
  wss.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
