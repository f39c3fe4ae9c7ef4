#!/usr/bin/env node
/*
 * Launcher for the npm package telegram-test-api@4.2.1 (jehy), loopback only.
 *
 *   node ttapi_server.js --modules /path/to/node_modules [--port 0] [--stock]
 *                        [--no-limits] [--store-timeout 600] [--max-lifetime 3600]
 *
 * Prints "TTAPI_READY port=<n> patched=<0|1>" on stdout once listening on 127.0.0.1.
 *
 * The stock emulator cannot drive a python-telegram-bot v22 bot (see README.md next to this
 * file). Unless --stock is given, this launcher patches it IN MEMORY (the package on disk is
 * untouched). Each patch is named in PATCHES and reported by GET /_ttapi/info.
 * Exits by itself on SIGTERM/SIGINT, when its parent process goes away, or after
 * --max-lifetime seconds.
 */
'use strict';

const path = require('path');

function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : def;
}
const flag = (name) => process.argv.includes(`--${name}`);

const HOST = '127.0.0.1'; // never anything else
const modules = arg('modules', path.join(process.cwd(), 'node_modules'));
const pkgDir = path.join(path.resolve(modules), 'telegram-test-api');
const TelegramServer = require(pkgDir);
const { routes } = require(path.join(pkgDir, 'lib', 'routes', 'index'));
const PKG_VERSION = require(path.join(pkgDir, 'package.json')).version;

const STOCK = flag('stock');
const LIMITS = !flag('no-limits');
const PATCHES = [];

// Telegram Bot API limits (core.telegram.org/bots/api) enforced when LIMITS is on.
const MAX_TEXT = 4096; // sendMessage/editMessageText text, after entities parsing
const MAX_CAPTION = 1024; // media captions, after entities parsing
const MAX_CALLBACK_DATA_BYTES = 64; // InlineKeyboardButton.callback_data, 1-64 bytes
const MAX_UPLOAD_DOC = 50e6; // multipart upload, other files (50 MB)
const MAX_UPLOAD_PHOTO = 10e6; // sendPhoto (10 MB)
const BOT_USER = {
  id: 666, is_bot: true, first_name: 'Test First name', username: 'TestNameBot',
  can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
};

const ok = (res, result) => res.json({ ok: true, result });
const fail = (res, code, description) => res.status(code).json({ ok: false, error_code: code, description });
const jsonField = (v) => {
  if (typeof v !== 'string') return v;
  try { return JSON.parse(v); } catch (e) { return v; }
};

// Visible length of a text as Telegram counts it (UTF-16 units) after entity parsing.
function visibleLength(text, parseMode) {
  let t = String(text == null ? '' : text);
  const mode = String(parseMode || '').toLowerCase();
  if (mode === 'html') {
    t = t.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#\d+;/g, 'x');
  } else if (mode === 'markdownv2') {
    t = t.replace(/\\([\s\S])/g, '$1'); // approximate: only drops escapes
  }
  return t.length;
}

function checkMarkup(markup) {
  if (!LIMITS || !markup || !Array.isArray(markup.inline_keyboard)) return null;
  for (const row of markup.inline_keyboard) {
    for (const b of row || []) {
      if (b && b.callback_data !== undefined) {
        const n = Buffer.byteLength(String(b.callback_data), 'utf8');
        if (n < 1 || n > MAX_CALLBACK_DATA_BYTES) return 'Bad Request: BUTTON_DATA_INVALID';
      }
    }
  }
  return null;
}

// --- minimal multipart/form-data reader (PTB uploads files this way) ---------------------
function readRaw(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) { reject(new Error('too big')); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseMultipart(buf, contentType) {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType || '');
  if (!m) return { fields: {}, files: {} };
  const delim = Buffer.from(`--${m[1] || m[2]}`);
  const fields = {};
  const files = {};
  let pos = buf.indexOf(delim);
  while (pos !== -1) {
    let start = pos + delim.length;
    if (buf.slice(start, start + 2).toString() === '--') break;
    start += 2; // CRLF after the delimiter
    const next = buf.indexOf(delim, start);
    if (next === -1) break;
    const part = buf.slice(start, next - 2); // drop CRLF before the next delimiter
    const hEnd = part.indexOf('\r\n\r\n');
    if (hEnd !== -1) {
      const headers = part.slice(0, hEnd).toString('utf8');
      const body = part.slice(hEnd + 4);
      const name = (/;\s*name="([^"]*)"/i.exec(headers) || [])[1];
      const filename = (/;\s*filename="([^"]*)"/i.exec(headers) || [])[1];
      const ctype = (/content-type:\s*([^\r\n]+)/i.exec(headers) || [])[1];
      if (name !== undefined) {
        if (filename !== undefined) files[name] = { filename, mime: ctype, body };
        else fields[name] = body.toString('utf8');
      }
    }
    pos = next;
  }
  return { fields, files };
}

function imageSize(b) {
  if (b.length > 24 && b.slice(1, 4).toString() === 'PNG') {
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) { // JPEG: find SOFn
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) { i += 1; continue; }
      const marker = b[i + 1];
      const len = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
      }
      i += 2 + len;
    }
  }
  return { width: 0, height: 0 };
}

function applyPatches() {
  const chats = {}; // chat id -> Chat object seen in user updates
  const files = {}; // file_id -> {body, file_path, mime, file_unique_id}
  const answers = []; // recorded answerCallbackQuery calls
  const commands = {}; // token -> BotCommand[]
  let fileSeq = 1;

  // P1: getMe must return a full User (stock lacks is_bot -> PTB TypeError at initialize()).
  PATCHES.push('getMe returns is_bot and the other required User fields');
  // P2: sendMessage result: date in seconds (stock: milliseconds -> PTB "year ... out of range"),
  //     plus from=bot and the real chat object.
  PATCHES.push('bot message results carry date in seconds, from, and the chat seen from the user');
  const origAdd = TelegramServer.prototype.addBotMessage;
  TelegramServer.prototype.addBotMessage = function addBotMessage(raw, token) {
    const msg = origAdd.call(this, raw, token);
    msg.date = Math.floor(Number(msg.date) / 1000);
    msg.from = BOT_USER;
    msg.chat = chats[String(msg.chat.id)] || msg.chat;
    delete msg.chat_id;
    // Waypoint: send options (link_preview_options...) arrive as JSON text and are not part of a Message.
    delete msg.link_preview_options;
    if (typeof msg.entities === 'string') msg.entities = jsonField(msg.entities);
    const stored = this.storage.botMessages[this.storage.botMessages.length - 1];
    if (stored) stored.editCount = 0;
    return msg;
  };
  // P3: callback_query updates carry chat_instance (required by PTB) and keep the message as
  //     sent; message updates drop the internal botToken field.
  PATCHES.push('callback_query updates carry chat_instance; internal botToken stripped from updates');
  const origFmt = TelegramServer.formatUpdate;
  TelegramServer.formatUpdate = (update) => {
    const out = origFmt(update);
    if (out.callback_query) {
      const cq = update.callbackQuery;
      const chatId = cq.message && cq.message.chat ? cq.message.chat.id : (cq.from || {}).id;
      out.callback_query.chat_instance = String(cq.chat_instance || chatId);
    } else if (out.message) {
      delete out.message.botToken;
    }
    return out;
  };
  // remember chats from user updates so bot results can echo the right Chat object
  for (const fn of ['addUserMessage', 'addUserCommand', 'addUserCallback']) {
    const orig = TelegramServer.prototype[fn];
    TelegramServer.prototype[fn] = function remember(m) {
      const chat = m && (m.chat || (m.message && m.message.chat));
      if (chat && chat.id !== undefined) chats[String(chat.id)] = chat;
      return orig.call(this, m);
    };
  }

  routes.unshift((app, server) => {
    const findBotMsg = (chatId, messageId) => server.storage.botMessages.find((u) => (
      String(u.messageId) === String(messageId) && String(u.message.chat_id) === String(chatId)));
    const asMessage = (u) => {
      const m = { ...u.message };
      delete m.chat_id; delete m.message_id;
      // Waypoint: send options such as link_preview_options arrive as JSON text; Telegram never echoes
      // them back as strings, and PTB 22 cannot parse them when they are.
      for (const k of ['link_preview_options', 'entities', 'caption_entities']) {
        if (typeof m[k] === 'string') m[k] = jsonField(m[k]);
        if (m[k] !== undefined && (m[k] === null || typeof m[k] !== 'object')) delete m[k];
      }
      delete m.link_preview_options;
      if (!m.reply_markup || !('inline_keyboard' in m.reply_markup)) delete m.reply_markup;
      const out = {
        ...m,
        message_id: u.messageId,
        date: Math.floor(u.time / 1000),
        from: BOT_USER,
        chat: chats[String(u.message.chat_id)] || { id: Number(u.message.chat_id), type: 'private', first_name: 'Bot' },
      };
      if (u.editDate) out.edit_date = u.editDate;
      return out;
    };

    // Telegram-shaped errors instead of stock {message} bodies (PTB then shows the text).
    app.use((req, res, next) => {
      res.sendError = (e) => fail(res, (e && e.http) || 500, `telegram-test-api: ${e && e.message}`);
      next();
    });
    PATCHES.push('errors are Telegram-shaped {ok:false,error_code,description}');

    app.all('/bot:token/getMe', (req, res) => ok(res, BOT_USER));

    // P4: long polling getUpdates (stock answers at once -> PTB polls in a busy loop).
    PATCHES.push('getUpdates honours timeout (long polling, capped at 25 s)');
    app.all('/bot:token/getUpdates', (req, res) => {
      const token = req.params.token;
      const p = { ...req.query, ...req.body };
      const timeout = Math.max(0, Math.min(Number(p.timeout || 0), 25));
      const pending = () => server.storage.userMessages.some((u) => u.botToken === token && !u.isRead);
      if (pending() || timeout === 0) { ok(res, server.getUpdates(token)); return; }
      let done = false;
      const events = ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery'];
      const cleanup = () => { done = true; clearTimeout(timer); events.forEach((e) => server.off(e, onEvent)); };
      const finish = () => { if (done) return; cleanup(); ok(res, server.getUpdates(token)); };
      const onEvent = () => { if (pending()) setImmediate(finish); };
      const timer = setTimeout(finish, timeout * 1000);
      events.forEach((e) => server.on(e, onEvent));
      res.on('close', () => { if (!done) cleanup(); }); // client went away: keep updates queued
    });

    // P5: sendMessage with Telegram's validation (text length, empty text, callback_data).
    app.all('/bot:token/sendMessage', (req, res, next) => {
      const text = req.body.text;
      if (text === undefined || String(text).trim() === '') { fail(res, 400, 'Bad Request: message text is empty'); return; }
      if (LIMITS && visibleLength(text, req.body.parse_mode) > MAX_TEXT) { fail(res, 400, 'Bad Request: message is too long'); return; }
      const err = checkMarkup(jsonField(req.body.reply_markup));
      if (err) { fail(res, 400, err); return; }
      next(); // stock handler (with P2)
    });
    if (LIMITS) PATCHES.push(`limits: text <= ${MAX_TEXT}, caption <= ${MAX_CAPTION}, callback_data 1-${MAX_CALLBACK_DATA_BYTES} bytes, upload <= 50 MB (photo 10 MB)`);

    // P6: edits return the edited Message (stock returns null -> PTB AttributeError), 400 when
    //     the message is missing or unchanged, keyboard removed when reply_markup is omitted.
    PATCHES.push('editMessageText/ReplyMarkup/Caption return the Message; 400 not found / not modified');
    const edit = (kind) => (req, res) => {
      const b = req.body;
      if (b.inline_message_id) { ok(res, true); return; }
      const u = findBotMsg(b.chat_id, b.message_id);
      if (!u) { fail(res, 400, 'Bad Request: message to edit not found'); return; }
      const markup = jsonField(b.reply_markup);
      const err = checkMarkup(markup);
      if (err) { fail(res, 400, err); return; }
      const next = { ...u.message };
      if (kind === 'text') {
        if (b.text === undefined || String(b.text).trim() === '') { fail(res, 400, 'Bad Request: message text is empty'); return; }
        if (LIMITS && visibleLength(b.text, b.parse_mode) > MAX_TEXT) { fail(res, 400, 'Bad Request: MESSAGE_TOO_LONG'); return; }
        next.text = b.text;
        if (b.parse_mode !== undefined) next.parse_mode = b.parse_mode; else delete next.parse_mode;
        if (b.entities !== undefined) next.entities = jsonField(b.entities); else delete next.entities;
      } else if (kind === 'caption') {
        if (LIMITS && visibleLength(b.caption, b.parse_mode) > MAX_CAPTION) { fail(res, 400, 'Bad Request: message caption is too long'); return; }
        if (b.caption !== undefined) next.caption = b.caption; else delete next.caption;
      }
      if (markup && typeof markup === 'object') next.reply_markup = markup; else delete next.reply_markup;
      if (JSON.stringify(next) === JSON.stringify(u.message)) {
        fail(res, 400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
        return;
      }
      u.message = next;
      u.editCount = (u.editCount || 0) + 1;
      u.editDate = Math.floor(Date.now() / 1000);
      server.emit(kind === 'markup' ? 'EditedMessageReplyMarkup' : 'EditedMessageText');
      ok(res, asMessage(u));
    };
    app.all('/bot:token/editMessageText', edit('text'));
    app.all('/bot:token/editMessageReplyMarkup', edit('markup'));
    app.all('/bot:token/editMessageCaption', edit('caption'));

    // P7: answerCallbackQuery is recorded (readable from the client side) and returns true.
    PATCHES.push('answerCallbackQuery recorded (POST /_ttapi/callbackAnswers) and returns true');
    app.all('/bot:token/answerCallbackQuery', (req, res) => {
      const b = { ...req.query, ...req.body };
      answers.push({
        token: req.params.token, callback_query_id: String(b.callback_query_id), text: b.text,
        show_alert: String(b.show_alert) === 'true', url: b.url, time: Date.now(),
      });
      ok(res, true);
    });

    // P8: sendDocument / sendPhoto (multipart upload or file_id), getFile, file download.
    PATCHES.push('sendDocument/sendPhoto (multipart or file_id), getFile and /file/bot<token>/<path>');
    const sendMedia = (kind) => async (req, res) => {
      let fields = { ...req.query, ...req.body };
      let upload = null;
      const limit = kind === 'photo' ? MAX_UPLOAD_PHOTO : MAX_UPLOAD_DOC;
      if (/multipart\/form-data/i.test(req.headers['content-type'] || '')) {
        let raw;
        try { raw = await readRaw(req, limit + 1024 * 1024); } catch (e) { fail(res, 413, 'Request Entity Too Large'); return; }
        const mp = parseMultipart(raw, req.headers['content-type']);
        fields = { ...fields, ...mp.fields };
        let ref = fields[kind];
        if (typeof ref === 'string' && ref.startsWith('attach://')) ref = ref.slice(9);
        upload = mp.files[kind] || (typeof ref === 'string' && mp.files[ref]) || null;
      }
      if (!fields.chat_id) { fail(res, 400, 'Bad Request: chat_id is empty'); return; }
      if (LIMITS && visibleLength(fields.caption, fields.parse_mode) > MAX_CAPTION) { fail(res, 400, 'Bad Request: message caption is too long'); return; }
      const markup = jsonField(fields.reply_markup);
      const err = checkMarkup(markup);
      if (err) { fail(res, 400, err); return; }
      let file;
      if (upload) {
        if (LIMITS && upload.body.length > limit) { fail(res, 400, `Bad Request: file is too big (${kind})`); return; }
        const n = fileSeq; fileSeq += 1;
        const ext = path.extname(upload.filename || '') || (kind === 'photo' ? '.jpg' : '');
        file = {
          file_id: `ttapi-file-${n}`, file_unique_id: `ttapi-uniq-${n}`, body: upload.body,
          mime: upload.mime, file_name: upload.filename,
          file_path: `${kind === 'photo' ? 'photos' : 'documents'}/file_${n}${ext}`,
        };
        files[file.file_id] = file;
      } else if (typeof fields[kind] === 'string' && files[fields[kind]]) {
        file = files[fields[kind]];
      } else if (typeof fields[kind] === 'string' && fields[kind]) {
        fail(res, 400, 'Bad Request: wrong file identifier/HTTP URL specified'); return;
      } else {
        fail(res, 400, `Bad Request: there is no ${kind} in the request`); return;
      }
      const msg = { chat_id: String(fields.chat_id) };
      for (const k of ['caption', 'parse_mode', 'reply_to_message_id', 'disable_notification']) {
        if (fields[k] !== undefined) msg[k] = fields[k];
      }
      if (fields.caption_entities !== undefined) msg.caption_entities = jsonField(fields.caption_entities);
      if (markup && typeof markup === 'object') msg.reply_markup = markup;
      if (kind === 'photo') {
        msg.photo = [{ file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.body.length, ...imageSize(file.body) }];
      } else {
        msg.document = { file_id: file.file_id, file_unique_id: file.file_unique_id, file_name: file.file_name, mime_type: file.mime, file_size: file.body.length };
      }
      const result = server.addBotMessage(msg, req.params.token);
      delete result.text;
      if (!result.reply_markup) delete result.reply_markup;
      ok(res, result);
    };
    app.all('/bot:token/sendDocument', sendMedia('document'));
    app.all('/bot:token/sendPhoto', sendMedia('photo'));
    app.all('/bot:token/getFile', (req, res) => {
      const f = files[({ ...req.query, ...req.body }).file_id];
      if (!f) { fail(res, 400, 'Bad Request: invalid file_id'); return; }
      ok(res, { file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.body.length, file_path: f.file_path });
    });
    app.get('/file/bot:token/*', (req, res) => {
      const f = Object.values(files).find((x) => x.file_path === req.params[0]);
      if (!f) { res.status(404).end(); return; }
      res.type(f.mime || 'application/octet-stream').send(f.body);
    });

    // P9: commands/menu/chat-action stubs.
    PATCHES.push('setMyCommands/getMyCommands/deleteMyCommands, sendChatAction, setChatMenuButton, setMyDescription, setMyShortDescription stubs');
    app.all('/bot:token/setMyCommands', (req, res) => { commands[req.params.token] = jsonField(({ ...req.query, ...req.body }).commands) || []; ok(res, true); });
    app.all('/bot:token/getMyCommands', (req, res) => ok(res, commands[req.params.token] || []));
    app.all('/bot:token/deleteMyCommands', (req, res) => { delete commands[req.params.token]; ok(res, true); });
    for (const m of ['sendChatAction', 'setChatMenuButton', 'setMyDescription', 'setMyShortDescription']) {
      app.all(`/bot:token/${m}`, (req, res) => ok(res, true));
    }

    // Client-side (test) helpers, beside the stock /sendMessage /sendCommand /sendCallback
    // /getUpdates /getUpdatesHistory client routes.
    app.post('/_ttapi/userUpdate', async (req, res) => {
      const { kind, payload } = req.body; // kind: message | command | callback
      const ids = { update_id: server.updateId, message_id: server.messageId, callback_query_id: String(server.callbackId) };
      try {
        if (kind === 'callback') await server.addUserCallback(payload);
        else if (kind === 'command') await server.addUserCommand(payload);
        else await server.addUserMessage(payload);
      } catch (e) { fail(res, 500, String(e)); return; }
      if (kind === 'callback') delete ids.message_id; else delete ids.callback_query_id;
      ok(res, ids);
    });
    app.post('/_ttapi/botMessages', (req, res) => {
      const { token, chatId } = req.body;
      ok(res, server.storage.botMessages
        .filter((u) => u.botToken === token && (chatId === undefined || String(u.message.chat_id) === String(chatId)))
        .map((u) => ({ message: asMessage(u), edit_count: u.editCount || 0, is_read: u.isRead })));
    });
    app.post('/_ttapi/callbackAnswers', (req, res) => ok(res, answers.filter((a) => a.token === req.body.token)));
    app.post('/_ttapi/getMyCommands', (req, res) => ok(res, commands[req.body.token] || []));
    app.get('/_ttapi/file/:fileId', (req, res) => {
      const f = files[req.params.fileId];
      if (!f) { res.status(404).end(); return; }
      res.type(f.mime || 'application/octet-stream').send(f.body);
    });
  });
}

if (!STOCK) applyPatches();
// registered in both modes, before the stock catch-all "Route not found"
routes.unshift((app) => app.get('/_ttapi/info', (req, res) => ok(res, {
  package: `telegram-test-api@${PKG_VERSION}`, patched: !STOCK, limits: !STOCK && LIMITS, patches: PATCHES,
})));

async function main() {
  const storeTimeout = Number(arg('store-timeout', '600'));
  const server = new TelegramServer({ port: 1, host: HOST, storeTimeout });
  if (!STOCK) server.setMaxListeners(100);
  server.config.port = Number(arg('port', '0')); // 0 = let the OS pick a free loopback port
  await server.start();
  const { port } = server.server.address();
  server.config.port = port;
  server.config.apiURL = `http://${HOST}:${port}`;
  process.stdout.write(`TTAPI_READY port=${port} patched=${STOCK ? 0 : 1}\n`);

  let stopping = false;
  const stop = (why) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`TTAPI_STOP ${why}\n`);
    setTimeout(() => process.exit(0), 2000).unref();
    server.stop().then(() => process.exit(0), () => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const parent = process.ppid;
  setInterval(() => { if (process.ppid !== parent) stop('parent gone'); }, 1000).unref();
  const life = Number(arg('max-lifetime', '3600'));
  setTimeout(() => stop('max-lifetime'), life * 1000).unref();
}

main().catch((e) => { process.stderr.write(`TTAPI_FAILED ${e && e.stack}\n`); process.exit(1); });
