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
const records = []; // { id, module, values, ownerId, createdAt, modifiedAt }
const seed = (module, values) =>
  records.push({ id: randomUUID(), module, values, ownerId: 'u1', createdAt: now(), modifiedAt: now() });
seed('Leads', { First_Name: 'Anna', Last_Name: 'Schmidt', Mobile: '+4915112345678', Company: 'Schmidt GmbH', Lead_Status: 'New' });
seed('Leads', { First_Name: 'Ben', Last_Name: 'Meyer', Email: 'ben@example.com', Lead_Status: 'Contacted', Description: '<b>not bold</b>\nsecond line' });
seed('Contacts', { First_Name: 'Clara', Last_Name: 'Weber', Phone: '+493012345678' });
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
const sdl = readFileSync(path.resolve(frontendDir, '../schema/schema.graphql'), 'utf8');
const schema = buildSchema(sdl);
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
  return {
    edges: slice.map((node, i) => ({ cursor: Buffer.from(String(start + i)).toString('base64'), node: map(node) })),
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
        rootValue: { notifications: (_a, ctx) => subscribeNotifications(ctx.userId) },
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
