package io.chartreuse.bench;

import io.chartreuse.schema.SchemaSnapshot;
import io.chartreuse.schema.SnapshotJson;
import io.chartreuse.schema.SnapshotOptions;
import io.chartreuse.schema.catalog.CatalogReader;
import io.chartreuse.schema.store.SnapshotStore;
import io.chartreuse.schema.store.StoredSnapshot;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The in-JVM side of bench/schema-snapshot: times {@link CatalogReader#read} on one database (after
 * two warm-up reads, as in a runner that has loaded its classes), stores the snapshot once, and
 * prints one line of figures: {@code tables=… runs_ms=a,b,… json_bytes=… gzip_bytes=…}.
 *
 * <p>Arguments: JDBC URL, user, password (from the environment variable BENCH_PASSWORD), runs.
 */
public final class SchemaSnapshotBenchmark {
  private SchemaSnapshotBenchmark() {}

  public static void main(String[] args) throws Exception {
    Properties credentials = new Properties();
    credentials.setProperty("user", args[1]);
    credentials.setProperty("password", System.getenv("BENCH_PASSWORD"));
    int runs = Integer.parseInt(args[2]);
    CatalogReader reader = new CatalogReader(SnapshotOptions.allSchemas());
    try (Connection connection = DriverManager.getConnection(args[0], credentials)) {
      reader.read(connection);
      reader.read(connection);
      List<String> times = new ArrayList<>();
      SchemaSnapshot snapshot = null;
      for (int i = 0; i < runs; i++) {
        long started = System.nanoTime();
        snapshot = reader.read(connection);
        times.add(
            String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e6));
      }
      StoredSnapshot stored =
          new SnapshotStore().save(connection, snapshot, Optional.of("bench"), "bench");
      System.out.println(
          "tables="
              + snapshot.tables().size()
              + " columns="
              + snapshot.columns().size()
              + " indexes="
              + snapshot.indexes().size()
              + " views="
              + snapshot.views().size()
              + " routines="
              + snapshot.routines().size()
              + " runs_ms="
              + String.join(",", times)
              + " json_bytes="
              + SnapshotJson.bytes(snapshot).length
              + " gzip_bytes="
              + stored.compressedBytes());
    }
  }
}
