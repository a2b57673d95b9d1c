package io.chartreuse.realnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.ProcessResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubectl chartreuse status/launch/cleanup} against the shop on the real node. */
@ExtendWith(RealNodeExtension.class)
class PluginRealNodeIT {
  @TempDir Path temp;

  @Test
  void statusLaunchAndCleanupAgainstTheRealNode() throws Exception {
    RealNode node = RealNode.get();
    String namespace = node.createNamespace("plugin");
    TestDatabase database = TestPostgres.get().createDatabase("real_plugin");
    RealShop shop = new RealShop(node, namespace, database, temp);
    shop.helm("install").assertOk();
    new ShopState(node, namespace).awaitRunning();

    ProcessResult status = plugin(node, "status", "-n", namespace);
    assertEquals(0, status.exitCode(), status.toString());
    assertTrue(status.output().contains("shop"), status.output());

    // A migration added behind Helm's back (as if the image changed) is pending; launch runs the
    // hook's Job again.
    try (Connection connection = TestPostgres.get().adminTo(database)) {
      connection.createStatement().execute("DELETE FROM flyway_schema_history WHERE version = '3'");
      connection.createStatement().execute("DROP INDEX IF EXISTS orders_product_id");
    }
    ProcessResult launch = plugin(node, "launch", "shop", "-n", namespace);
    assertEquals(0, launch.exitCode(), launch.toString());
    assertTrue(launch.output().contains("succeeded"), launch.output());
    try (Connection connection = database.connect()) {
      assertEquals(List.of("1", "2", "3"), MigrationFiles.appliedVersions(connection));
    }

    ProcessResult cleanup = plugin(node, "cleanup", "shop", "-n", namespace);
    assertEquals(0, cleanup.exitCode(), cleanup.toString());
    assertTrue(
        plugin(node, "cleanup", "shop", "-n", namespace).output().contains("nothing to clean up"));
  }

  private static ProcessResult plugin(RealNode node, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "chartreuse";
    System.arraycopy(args, 0, all, 1, args.length);
    return node.kubectl(Duration.ofMinutes(4), all);
  }
}
