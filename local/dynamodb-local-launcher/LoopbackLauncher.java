/*
 * Starts DynamoDB Local bound to one interface, and keeps its stream store bounded while it runs.
 *
 * Binding: DynamoDB Local's own command line has no host option and listens on every interface; this
 * launcher builds the server the same way (ServerRunner, the same arguments), then sets the host on its
 * Jetty connectors before starting it.
 *
 * Stream store: DynamoDB Local keeps every stream record in the `us` table of its SQLite database and deletes
 * the old ones (older than RECORD_SURVIVAL_DURATION + SAFETY_SURVIVAL_PADDING, 24 h + 6 h) only when it opens
 * the database. A long `npm start` would grow it without end. So every `--trim-stream-records-every-ms`
 * this launcher runs that same delete inside the running server, as a job on DynamoDB Local's own SQLite queue
 * (the one thread that runs all of its SQLite work, so the delete is serialized with every request and no
 * second connection ever touches the file). Records past 24 h are already invisible to GetRecords; the store
 * then holds at most the retention plus one interval of records.
 *
 * Run by local/dynamodb-local.ts, compiled once into the temp directory with javac (or, failing that, in Java's
 * source-file mode; JDK 11+; no build step):
 *   java -cp DynamoDBLocal.jar:DynamoDBLocal_lib/* LoopbackLauncher.java --host 127.0.0.1
 *        [--trim-stream-records-every-ms N] [--stream-record-retention-ms N] -port 8000 ...
 */
import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import com.almworks.sqlite4java.SQLiteStatement;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.AbstractLocalDynamoDBServerHandler;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteDBAccess;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

public class LoopbackLauncher {
  public static void main(String[] args) throws Exception {
    if (args.length < 2 || !args[0].equals("--host")) {
      System.err.println(
          "Usage: LoopbackLauncher --host HOST [--trim-stream-records-every-ms N] [--stream-record-retention-ms N] "
              + "<DynamoDB Local arguments>");
      System.exit(2);
    }
    String host = args[1];
    int at = 2;
    long trimEveryMs = 0;
    // DynamoDB Local's own rule at start-up: records older than 24 h + 6 h go.
    long retentionMs = AmazonDynamoDBLocal.RECORD_SURVIVAL_DURATION + AmazonDynamoDBLocal.SAFETY_SURVIVAL_PADDING;
    while (at + 1 < args.length && args[at].startsWith("--")) {
      if (args[at].equals("--trim-stream-records-every-ms")) trimEveryMs = Long.parseLong(args[at + 1]);
      else if (args[at].equals("--stream-record-retention-ms")) retentionMs = Long.parseLong(args[at + 1]);
      else break;
      at += 2;
    }
    String[] rest = Arrays.copyOfRange(args, at, args.length);
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(rest);
    Server server = (Server) field(DynamoDBProxyServer.class, "server").get(proxy);
    int bound = 0;
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof ServerConnector) {
        ((ServerConnector) connector).setHost(host);
        bound++;
      }
    }
    if (bound == 0) {
      // Refuse rather than listen on every interface.
      System.err.println("DynamoDB Local has no connector to bind to " + host + "; not starting");
      System.exit(3);
    }
    try {
      proxy.start();
    } catch (Exception error) {
      // Jetty's and SQLite's threads would keep the JVM running after main throws, with nothing listening:
      // say why on one line and end, so whoever started it knows at once (e.g. the port is taken).
      Throwable cause = error;
      while (cause.getCause() != null) cause = cause.getCause();
      System.err.println("DynamoDB Local could not start: " + error.getMessage() + (cause != error ? " (" + cause + ")" : ""));
      System.exit(4);
    }
    System.out.println("DynamoDB Local listening on " + host);
    startStreamStoreIndexing(proxy);
    if (trimEveryMs > 0) startStreamRecordTrim(proxy, trimEveryMs, retentionMs);
    proxy.join();
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field found = type.getDeclaredField(name);
    found.setAccessible(true);
    return found;
  }

  private static void startStreamRecordTrim(DynamoDBProxyServer proxy, long everyMs, long retentionMs) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "stream-record-trim");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        long deleted = trimStreamRecords(proxy, System.currentTimeMillis() - retentionMs);
        if (deleted > 0) System.out.println("Stream store trimmed: " + deleted + " records older than " + retentionMs + " ms deleted");
      } catch (Throwable error) {
        // Never take the server down for housekeeping; say so and try again next time.
        System.err.println("Stream store trim failed: " + error);
      }
    }, everyMs, everyMs, TimeUnit.MILLISECONDS);
  }

  /**
   * DynamoDB Local looks up the stream store (`us`) by stream and by shard, but the table's only key is
   * SequenceNumber, so each lookup walks the records of every stream: every write to a table with a stream
   * (SELECT MIN(SequenceNumber) FROM us WHERE StreamID = ?, to describe its stream), GetShardIterator and GetRecords
   * (WHERE ShardID = ? ORDER BY SequenceNumber) slow down in proportion to all the stream records kept, whichever
   * table they belong to (after a 1,200-product catalog load, each write to another table took ~16 ms more).
   * Indexes on (StreamID, SequenceNumber) and (ShardID, SequenceNumber) turn those walks into seeks. Databases are
   * opened on first use, so each one the server has opened gets them once, checked every INDEX_CHECK_EVERY_MS.
   */
  private static void startStreamStoreIndexing(DynamoDBProxyServer proxy) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "stream-store-index");
      thread.setDaemon(true);
      return thread;
    });
    Set<SQLiteDBAccess> indexed = Collections.newSetFromMap(new IdentityHashMap<>());
    timer.scheduleWithFixedDelay(() -> {
      try {
        for (SQLiteDBAccess database : openDatabases(proxy)) {
          if (indexed.contains(database)) continue;
          onSqliteQueue(database, new SQLiteJob<Integer>() {
            @Override
            protected Integer job(SQLiteConnection connection) throws Throwable {
              connection.exec("CREATE INDEX IF NOT EXISTS farmacruz_us_stream_sequence ON us (StreamID, SequenceNumber)");
              connection.exec("CREATE INDEX IF NOT EXISTS farmacruz_us_shard_sequence ON us (ShardID, SequenceNumber)");
              return 0;
            }
          });
          indexed.add(database);
          System.out.println("Stream store indexed by stream and by shard");
        }
      } catch (Throwable error) {
        // Only slower without it: say so and try again next time.
        System.err.println("Stream store index failed: " + error);
      }
    }, 0, INDEX_CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
  }

  private static final long INDEX_CHECK_EVERY_MS = 250;

  /** Runs a job on a database's SQLite queue, the one thread that runs all of DynamoDB Local's SQLite work. */
  private static <T> T onSqliteQueue(SQLiteDBAccess database, SQLiteJob<T> job) throws Exception {
    SQLiteQueue queue = (SQLiteQueue) field(SQLiteDBAccess.class, "queue").get(database);
    ReentrantReadWriteLock queueLock = (ReentrantReadWriteLock) field(SQLiteDBAccess.class, "queueLock").get(database);
    // The read lock is what DynamoDB Local's own jobs hold; its write lock guards closing the queue.
    queueLock.readLock().lock();
    try {
      return queue.execute(job).complete();
    } finally {
      queueLock.readLock().unlock();
    }
  }

  /** The SQLite databases the server has opened so far (one with -sharedDb; one per access key and region without). */
  private static List<SQLiteDBAccess> openDatabases(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
    Object serverHandler = field(DynamoDBProxyServer.class, "serverHandler").get(proxy);
    Object requestHandler = field(AbstractLocalDynamoDBServerHandler.class, "primaryHandler").get(serverHandler);
    List<Object> clients;
    // The handler creates its databases lazily in a synchronized method: read the map under the same lock.
    synchronized (requestHandler) {
      Map<?, ?> handlers = (Map<?, ?>) field(requestHandler.getClass(), "dbRequestHandlers").get(requestHandler);
      clients = new ArrayList<>(handlers.values());
    }
    List<SQLiteDBAccess> databases = new ArrayList<>();
    for (Object client : clients) {
      Object access = field(client.getClass(), "dbAccess").get(client);
      if (access instanceof SQLiteDBAccess) databases.add((SQLiteDBAccess) access);
    }
    return databases;
  }

  /**
   * Deletes the stream records created before `cutoffMillis` from every open database. Sequence numbers grow with
   * time, so the records to go are those before the first young enough one: found by walking the table in
   * sequence order (the primary key) and stopping there, then deleted as one key range — no scan of the records
   * that stay.
   */
  static long trimStreamRecords(DynamoDBProxyServer proxy, long cutoffMillis) throws Exception {
    long deleted = 0;
    for (SQLiteDBAccess database : openDatabases(proxy)) {
      SQLiteJob<Integer> job = new SQLiteJob<Integer>() {
        @Override
        protected Integer job(SQLiteConnection connection) throws Throwable {
          long firstKept = Long.MAX_VALUE;
          SQLiteStatement first = connection.prepare(
              "SELECT SequenceNumber FROM us WHERE CreationDateTime >= ? ORDER BY SequenceNumber LIMIT 1", false);
          try {
            first.bind(1, cutoffMillis);
            if (first.step()) firstKept = first.columnLong(0);
          } finally {
            first.dispose();
          }
          SQLiteStatement delete = connection.prepare("DELETE FROM us WHERE SequenceNumber < ? AND CreationDateTime < ?", false);
          try {
            delete.bind(1, firstKept);
            delete.bind(2, cutoffMillis);
            delete.step();
          } finally {
            delete.dispose();
          }
          return connection.getChanges();
        }
      };
      Integer changes = onSqliteQueue(database, job);
      if (changes != null) deleted += changes;
    }
    return deleted;
  }
}
