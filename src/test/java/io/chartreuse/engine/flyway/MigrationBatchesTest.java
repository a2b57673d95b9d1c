package io.chartreuse.engine.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chartreuse.engine.PendingMigration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigrationBatchesTest {
  private static PendingMigration tx(String version) {
    return new PendingMigration(version, "d", "s", true);
  }

  private static PendingMigration nonTx(String version) {
    return new PendingMigration(version, "d", "s", false);
  }

  @Test
  void allTransactionalIsOneStepToHead() {
    assertEquals(
        List.of(new MigrationBatches.Batch(List.of("1", "2", "R:v"), true, Optional.empty())),
        MigrationBatches.plan(List.of(tx("1"), tx("2"), tx("R:v"))));
  }

  @Test
  void repeatablesJoinTheLastTransactionalStep() {
    assertEquals(
        List.of(
            new MigrationBatches.Batch(List.of("1"), true, Optional.of("1")),
            new MigrationBatches.Batch(List.of("2"), false, Optional.of("2")),
            new MigrationBatches.Batch(List.of("3", "R:v"), true, Optional.empty())),
        MigrationBatches.plan(List.of(tx("1"), nonTx("2"), tx("3"), tx("R:v"))));
  }

  @Test
  void afterALastNonTransactionalStepRepeatablesAreAStepOfTheirOwn() {
    assertEquals(
        List.of(
            new MigrationBatches.Batch(List.of("1"), true, Optional.of("1")),
            new MigrationBatches.Batch(List.of("2"), false, Optional.of("2")),
            new MigrationBatches.Batch(List.of("R:v", "R:w"), true, Optional.empty())),
        MigrationBatches.plan(List.of(tx("1"), nonTx("2"), tx("R:v"), tx("R:w"))));
  }

  @Test
  void withoutRepeatablesTheLastStepEndsAtHead() {
    assertEquals(
        List.of(
            new MigrationBatches.Batch(List.of("1"), true, Optional.of("1")),
            new MigrationBatches.Batch(List.of("2"), false, Optional.empty())),
        MigrationBatches.plan(List.of(tx("1"), nonTx("2"))));
  }
}
