// The ceiling: a bare node:http server answering the same tile bytes and headers Gauntlet sent, from memory.
// Input: a JSON file of { path, body (base64), headers } as the first argument. Prints its URL.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const tiles = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { path: string; body: string; headers: Record<string, string> }[];
const byPath = new Map(tiles.map((t) => [t.path, { body: Buffer.from(t.body, 'base64'), headers: t.headers }]));
const server = createServer((req, res) => {
  const t = byPath.get(req.url ?? '');
  if (!t) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, t.headers).end(t.body);
});
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
