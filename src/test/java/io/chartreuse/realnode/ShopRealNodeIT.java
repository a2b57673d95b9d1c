package io.chartreuse.realnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.ProcessResult;
import io.fabric8.kubernetes.api.model.autoscaling.v2beta2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/shop installed and upgraded with the real helm on the real node: the migration Job runs
 * the runner image in Docker under the real kubelet, stops the application's Deployments (their
 * pods really terminate) and brings them back (their pods really start), against the test
 * PostgreSQL.
 */
@ExtendWith(RealNodeExtension.class)
class ShopRealNodeIT {
  @TempDir Path temp;
  private RealNode node;
  private TestDatabase database;
  private RealShop shop;
  private ShopState state;

  @BeforeEach
  void setUp() {
    node = RealNode.get();
    String namespace = node.createNamespace("shop");
    database = TestPostgres.get().createDatabase("real_shop");
    shop = new RealShop(node, namespace, database, temp);
    state = new ShopState(node, namespace);
  }

  @Test
  void postModeInstallsAndUpgradesStoppingByPriorityAndResumingTheHpaExactly() throws Exception {
    shop.helm("install").assertOk();
    assertMigratedTo(List.of("1", "2", "3"));
    state.awaitRunning();
    HorizontalPodAutoscaler before = state.hpa();

    shop.migrations().add("V4__add_product_sku.sql", "ALTER TABLE products ADD COLUMN sku text;");
    shop.helm("upgrade").assertOk();
    assertMigratedTo(List.of("1", "2", "3", "4"));
    state.awaitRunning();
    HorizontalPodAutoscaler after = state.hpa();
    assertEquals(before.getSpec(), after.getSpec(), "the HPA is back exactly as it was");
    assertEquals(before.getMetadata().getAnnotations(), after.getMetadata().getAnnotations());
    // Both were really stopped (their pods ended on the node) and came back; the order by priority
    // is
    // proven on the fake kubelet (DeploymentScaleTest), where event times are not rounded to
    // seconds.
    assertTrue(
        state.scaledDownToZero().containsAll(List.of("shop-worker", "shop-web")),
        state.scaledDownToZero().toString());
  }

  @Test
  void preModeMigratesBeforeTheRolloutAndTheRestoreJobRunsOnTheNode() throws Exception {
    shop.helm("install", "upgradeBeforeDeployment=true").assertOk();
    state.awaitJobSucceeded("shop-chartreuse");
    assertMigratedTo(List.of("1", "2", "3"));
    state.awaitRunning();

    shop.migrations().add("V4__add_product_sku.sql", "ALTER TABLE products ADD COLUMN sku text;");
    shop.helm("upgrade", "upgradeBeforeDeployment=true").assertOk();
    assertMigratedTo(List.of("1", "2", "3", "4"));
    Job restore = state.awaitJobSucceeded("shop-chartreuse-restore");
    assertTrue(restore.getStatus().getSucceeded() > 0);
    state.awaitRunning();
  }

  @Test
  void aFailingMigrationLeavesTheSchemaAndBringsTheOldPodsBackAndThePluginShowsWhy()
      throws Exception {
    shop.helm("install").assertOk();
    state.awaitRunning();
    List<String> schemaBefore = schema();

    shop.migrations()
        .add(
            "V4__broken.sql",
            "ALTER TABLE products ADD COLUMN sku text; INSERT INTO no_such_table VALUES (1);");
    ProcessResult failed = shop.upgradeThroughPlugin();
    assertFalse(failed.ok(), failed.toString());
    assertTrue(
        failed.output().contains("migration Job shop-chartreuse-ephemeral failed")
            && failed.output().contains("--- log of the migration ---")
            && failed.output().contains("no_such_table"),
        failed.output());
    assertFalse(failed.output().contains(database.password()), "password printed");
    assertMigratedTo(List.of("1", "2", "3"));
    assertEquals(schemaBefore, schema(), "schema unchanged");
    state.awaitRunning();
  }

  private List<String> schema() throws Exception {
    try (Connection connection = database.connect()) {
      return MigrationFiles.schema(connection);
    }
  }

  private void assertMigratedTo(List<String> versions) throws Exception {
    try (Connection connection = database.connect()) {
      assertEquals(versions, MigrationFiles.appliedVersions(connection));
    }
  }
}
