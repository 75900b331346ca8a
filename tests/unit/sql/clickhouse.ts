// A real ClickHouse for the dialect tests, when the machine has one: Debian's clickhouse-server
// (18.16 in bookworm) started for the test in a temporary folder on free ports, and its client
// for queries. `clickhouse-format` (clickhouse-tools) is ClickHouse's own parser. Without them
// the tests fall back to a structural check and say so.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const SERVER = ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'].find(existsSync);
const CLIENT = ['/usr/bin/clickhouse-client'].find(existsSync);
const FORMAT = ['/usr/bin/clickhouse-format'].find(existsSync);

/** ClickHouse's own parser, when installed: null when it parses, else its message. */
export function clickhouseParse(sql: string): string | null | undefined {
  if (!FORMAT) return undefined;
  try {
    execFileSync(FORMAT, [], { input: sql, stdio: ['pipe', 'pipe', 'pipe'] });
    return null;
  } catch (e) {
    const err = e as { stderr?: Buffer };
    return (err.stderr?.toString() ?? String(e)).split('\n')[0];
  }
}

export const hasClickhouseFormat = FORMAT !== undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Clickhouse {
  version: string;
  /** Run a query; `input` is sent on stdin (an INSERT's data). */
  query(sql: string, input?: string): string;
  stop(): void;
}

/** Start a throwaway server in `dir`, or null when ClickHouse is not installed. */
export async function startClickhouse(dir: string): Promise<Clickhouse | null> {
  if (!SERVER || !CLIENT) return null;
  const [tcp, http] = [await freePort(), await freePort()];
  for (const sub of ['data', 'tmp', 'user_files', 'format_schemas']) {
    mkdirSync(join(dir, sub), { recursive: true });
  }
  writeFileSync(
    join(dir, 'users.xml'),
    `<yandex><profiles><default/></profiles><quotas><default/></quotas><users><default>
      <password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile>
      <quota>default</quota></default></users></yandex>`,
  );
  writeFileSync(
    join(dir, 'config.xml'),
    `<yandex><logger><level>error</level><console>1</console></logger>
      <timezone>UTC</timezone><listen_host>127.0.0.1</listen_host><tcp_port>${tcp}</tcp_port><http_port>${http}</http_port>
      <path>${dir}/data/</path><tmp_path>${dir}/tmp/</tmp_path>
      <user_files_path>${dir}/user_files/</user_files_path>
      <format_schema_path>${dir}/format_schemas/</format_schema_path>
      <users_config>${dir}/users.xml</users_config><mark_cache_size>67108864</mark_cache_size>
      <default_profile>default</default_profile><default_database>default</default_database>
    </yandex>`,
  );
  const server: ChildProcess = spawn(SERVER, [`--config-file=${dir}/config.xml`], {
    cwd: dir,
    stdio: 'ignore',
  });
  const query = (sql: string, input?: string) =>
    execFileSync(CLIENT, ['--host', '127.0.0.1', '--port', String(tcp), '--query', sql], {
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
    }).toString();
  const stop = () => {
    if (server.exitCode === null) server.kill();
  };
  // Ready when it answers (a loaded machine can take a few seconds).
  for (let wait = 0; wait < 60; wait++) {
    try {
      const version = query('SELECT version()').trim();
      return { version, query, stop };
    } catch {
      if (server.exitCode !== null) return null;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  stop();
  return null;
}
