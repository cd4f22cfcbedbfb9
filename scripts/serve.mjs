#!/usr/bin/env node
// A tiny static file server for www/ (no dependencies).
// Usage: node scripts/serve.mjs [--root www] [--port N] [--host 127.0.0.1] [--header 'Name: value']...
//   --port defaults to $PORT or 8000; 0 picks a free port. Prints the URL once listening.
//   --header adds a response header to every response (e.g. a Content-Security-Policy).

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const args = process.argv.slice(2);
let root = 'www';
let port = process.env.PORT ?? '8000';
let host = '127.0.0.1';
const headers = {};
for (let i = 0; i < args.length; i++) {
  const value = args[i + 1];
  switch (args[i]) {
    case '--root': root = value; i++; break;
    case '--port': port = value; i++; break;
    case '--host': host = value; i++; break;
    case '--header': {
      const at = value?.indexOf(':') ?? -1;
      if (at < 1) usage(`bad --header ${value}`);
      headers[value.slice(0, at).trim()] = value.slice(at + 1).trim();
      i++;
      break;
    }
    case '-h': case '--help': usage(); break;
    default: usage(`unknown argument ${args[i]}`);
  }
}
if (!/^\d+$/.test(String(port))) usage(`bad port ${port}`);

function usage(problem) {
  if (problem) console.error(`serve: ${problem}`);
  console.error("usage: node scripts/serve.mjs [--root DIR] [--port N] [--host H] [--header 'Name: value']...");
  process.exit(problem ? 2 : 0);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8', '.ts': 'text/plain; charset=utf-8',
  '.xml': 'application/xml', '.rss': 'application/rss+xml', '.atom': 'application/atom+xml',
  '.opml': 'text/x-opml',
};
const base = resolve(root);

const server = createServer(async (req, res) => {
  const send = (code, text) => {
    res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
    res.end(text);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    return send(400, 'bad request\n');
  }
  if (path.includes('\0')) return send(400, 'bad request\n');
  let file = resolve(join(base, path));
  if (file !== base && !file.startsWith(base + sep)) return send(403, 'forbidden\n');
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { Location: `${path}/`, ...headers });
        return res.end();
      }
      file = join(file, 'index.html');
      info = await stat(file);
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      // An index's shard (corroborate index) is named by its checksum: it never changes.
      'Cache-Control': /\/s\/[0-9a-f]{16}\.bin$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  } catch {
    send(404, 'not found\n');
  }
});

server.on('error', (e) => {
  console.error(`serve: ${e.message}`);
  process.exit(1);
});
server.listen(Number(port), host, () => {
  const { port: actual } = server.address();
  const shown = host.includes(':') ? `[${host}]` : host;
  console.log(`Serving ${base} at http://${shown}:${actual}/`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
