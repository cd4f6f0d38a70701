// One database API for both engines: the PostgreSQL server (node-postgres pool) and the
// embedded PGlite. Queries are written with Kysely (typed) or its `sql` template; both
// drivers accept the same SQL (PostgreSQL 15 dialect, no extensions).
//
// PGlite has exactly one connection. The driver below serialises access with a mutex, so a
// transaction holds the instance until it commits and no other request can interleave with
// it. Always pass the open transaction (`trx`) down to the code that runs inside it: using
// the outer handle inside a transaction would wait for the transaction itself (deadlock).
import fs from 'node:fs';
import path from 'node:path';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type Transaction,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import type { DB } from './schema.ts';

export type Engine = 'pglite' | 'postgres';
export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Either the root handle or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  readonly engine: Engine;
  readonly db: Db;
  /** Run a script of several statements (migrations). No parameters. */
  execScript(sqlText: string): Promise<void>;
  /** PGlite only: the whole data folder as an uncompressed tarball (tests open copies of it). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
  /** Connections of the PostgreSQL pool (total, idle, callers waiting for one); absent on PGlite. */
  poolStats?(): PoolStats;
  /**
   * Calls `listener` for every connection error the pool absorbed (the server terminated or
   * dropped a connection). Such errors never crash the process; the broken connection is
   * discarded and a new one is opened on the next query. Returns a function that unsubscribes.
   */
  onConnectionError?(listener: (err: Error) => void): () => void;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

// Same value shapes on both engines: int8 → number (counts, integer Rupiah fit in 2^53),
// numeric → string (exact), date → 'YYYY-MM-DD' string, timestamptz → Date.
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => v);
pg.types.setTypeParser(DATE, (v) => v);

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const res = await this.pglite.query<R>(compiled.sql, compiled.parameters as unknown[]);
    const affected = res.affectedRows ?? 0;
    return {
      rows: res.rows,
      numAffectedRows: /^\s*(insert|update|delete|merge)/i.test(compiled.sql) ? BigInt(affected) : undefined,
    };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on PGlite');
  }
}

class PGliteDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();
  readonly #connection: PGliteConnection;
  constructor(private readonly pglite: PGlite) {
    this.#connection = new PGliteConnection(pglite);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.lock();
    // One physical connection: wrap it so each holder has its own release handle.
    const conn: DatabaseConnection = {
      executeQuery: (c) => this.#connection.executeQuery(c),
      streamQuery: () => this.#connection.streamQuery(),
    };
    this.#releases.set(conn, release);
    return conn;
  }
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const iso = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await conn.executeQuery(CompiledQuery.raw(`begin${iso}`));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    this.#releases.get(conn)?.();
    this.#releases.delete(conn);
  }
  async destroy(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
  /** Multi-statement script, holding the lock. */
  async exec(sqlText: string): Promise<void> {
    const release = await this.#mutex.lock();
    try {
      await this.pglite.exec(sqlText);
    } catch (err) {
      await this.pglite.exec('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      release();
    }
  }
}

class PGliteDialect implements Dialect {
  readonly driver: PGliteDriver;
  constructor(pglite: PGlite) {
    this.driver = new PGliteDriver(pglite);
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver() {
    return this.driver;
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

/** Folders this process holds open (a lock file with our own pid is otherwise taken as stale). */
const heldFolders = new Set<string>();

/**
 * PGlite does not lock its data folder, and a second process on the same folder silently
 * loses committed rows. Simpul takes an exclusive lock file with its pid; a stale lock (its
 * process is gone, or it carries our own pid from an earlier run, e.g. pid 1 in a container)
 * is taken over. A second open of the same folder in this process is refused as well.
 */
function lockDataFolder(dir: string): () => void {
  const lockPath = path.join(dir, 'simpul.lock');
  const key = fs.realpathSync(dir);
  if (heldFolders.has(key)) {
    throw new Error(`The database folder ${dir} is already open in this process; PGlite allows one instance per folder.`);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      heldFolders.add(key);
      return () => {
        heldFolders.delete(key);
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockPath, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `The database folder ${dir} is in use by another Simpul process (pid ${pid}). ` +
            'PGlite allows one process per folder; stop it or use DATABASE_URL for a PostgreSQL server.',
        );
      }
      fs.unlinkSync(lockPath);
    }
  }
  throw new Error(`Could not lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface OpenOptions {
  /** postgres://… — uses the PostgreSQL server. */
  databaseUrl?: string;
  /** Folder for PGlite data; `memory://` for an in-memory database (tests). */
  pgliteDir?: string;
  /** PGlite only: start from this data folder tarball (from `dumpDataDir`) instead of an empty one. */
  pgliteLoadDataDir?: Blob;
  poolSize?: number;
  /** How long a query waits for a connection before failing (ms; default 5000): fail fast during an outage. */
  connectionTimeoutMs?: number;
  /** An idle connection is closed after this long (ms; default 30000). */
  idleTimeoutMs?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      // During an outage a request fails within seconds (503) instead of hanging.
      connectionTimeoutMillis: opts.connectionTimeoutMs ?? 5000,
      idleTimeoutMillis: opts.idleTimeoutMs ?? 30_000,
      keepAlive: true,
    });
    // When PostgreSQL terminates connections (restart, failover, pg_terminate_backend), node-postgres
    // emits 'error' on the client, and on the pool for an idle one; without listeners Node treats
    // it as an unhandled 'error' event and the process exits. Every client gets a listener from
    // its creation (a client checked out by Kysely has none of the pool's), and the pool one.
    const listeners = new Set<(err: Error) => void>();
    const reported = new WeakSet<Error>();
    const report = (err: Error) => {
      if (reported.has(err)) return; // the same error reaches the client and the pool
      reported.add(err);
      for (const l of listeners) {
        try {
          l(err);
        } catch {
          /* a listener's fault must not bring the process down either */
        }
      }
    };
    pool.on('connect', (client) => client.on('error', report));
    pool.on('error', report);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      engine: 'postgres',
      db,
      async execScript(sqlText) {
        const client = await pool.connect();
        try {
          await client.query(sqlText);
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw err;
        } finally {
          client.release();
        }
      },
      async close() {
        await db.destroy();
      },
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      onConnectionError(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    };
  }
  const dir = opts.pgliteDir ?? './data/pglite';
  let unlock = () => {};
  let dataDir: string | undefined;
  if (dir !== 'memory://') {
    fs.mkdirSync(dir, { recursive: true });
    unlock = lockDataFolder(dir);
    dataDir = dir;
  }
  try {
    const pglite = await PGlite.create({
      dataDir,
      loadDataDir: opts.pgliteLoadDataDir,
      parsers: {
        [INT8]: (v: string) => Number(v),
        [NUMERIC]: (v: string) => v,
        [DATE]: (v: string) => v,
      },
    });
    void pgliteTypes;
    const dialect = new PGliteDialect(pglite);
    const db = new Kysely<DB>({ dialect });
    return {
      engine: 'pglite',
      db,
      execScript: (sqlText) => dialect.driver.exec(sqlText),
      dumpDataDir: () => pglite.dumpDataDir('none'),
      async close() {
        await db.destroy();
        // Kysely only closes a driver it has used: close an instance no query touched, too.
        if (!pglite.closed) await pglite.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}
