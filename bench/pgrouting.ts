import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A throwaway PostgreSQL 15 cluster with pgRouting (Debian packages), on a free port with its socket in a temp
// dir, for the network benchmark's pgr_dijkstra baseline. Undefined when PostgreSQL is not installed.

const BIN = '/usr/lib/postgresql/15/bin';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Pg {
  sql(query: string): string; // psql -At output
  stop(): void;
}

export async function startPostgres(): Promise<Pg | undefined> {
  if (!existsSync(join(BIN, 'initdb'))) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-pg-'));
  const asRoot = process.getuid?.() === 0;
  // initdb refuses root: run the cluster as the Debian `postgres` user then
  const run = (cmd: string, args: string[]) => {
    const r = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args], { encoding: 'utf8' }) : spawnSync(join(BIN, cmd), args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'bench', '--no-sync']);
  const port = await freePort();
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses='' -c fsync=off`, 'start']);
  const sql = (query: string) => {
    const file = join(dir, `q${Math.random().toString(36).slice(2)}.sql`);
    writeFileSync(file, query);
    if (asRoot) chownSync(file, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0);
    return run('psql', ['-h', dir, '-p', String(port), '-U', 'bench', '-d', 'postgres', '-At', '-v', 'ON_ERROR_STOP=1', '-f', file]);
  };
  return {
    sql,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
