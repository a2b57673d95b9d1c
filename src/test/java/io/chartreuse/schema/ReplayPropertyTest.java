package io.chartreuse.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.schema.diff.Change;
import io.chartreuse.schema.diff.Difference;
import io.chartreuse.schema.diff.SchemaDiff;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import java.sql.Connection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: for a random DDL history (seeded, so a failure replays), a replay on a fresh database
 * gives a snapshot with an empty diff; a database where one step (that no later step needs) was
 * left out differs by exactly that step's objects, each missing or changed, never anything else.
 */
class ReplayPropertyTest {
  private static final int STEPS = 30;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
  void aReplayIsEqualAndAMissingStepIsNamed(long seed) throws Exception {
    List<RandomDdl.Step> history = RandomDdl.history(seed, STEPS);
    List<RandomDdl.Step> leaves = RandomDdl.leaves(history);
    RandomDdl.Step skipped = leaves.get(new Random(seed).nextInt(leaves.size()));

    SchemaSnapshot original = build("replay_a", history, -1);
    SchemaSnapshot replay = build("replay_b", history, -1);
    SchemaSnapshot short1 = build("replay_c", history, skipped.index());

    assertEquals(List.of(), SchemaDiff.between(original, replay).lines(), "seed " + seed);
    assertEquals(original, replay, "seed " + seed);

    SchemaDiff diff = SchemaDiff.between(original, short1);
    Set<String> named =
        diff.differences().stream()
            .map(Difference::objectKey)
            .collect(Collectors.toCollection(TreeSet::new));
    String context = "seed " + seed + ", without step " + skipped + ": " + diff.lines();
    assertEquals(new TreeSet<>(skipped.touches()), named, context);
    assertTrue(
        diff.differences().stream().allMatch(difference -> difference.change() != Change.ADDED),
        context);
  }

  private static SchemaSnapshot build(String prefix, List<RandomDdl.Step> history, int skipped)
      throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase(prefix);
    try (Connection connection = database.connect()) {
      for (RandomDdl.Step step : history) {
        if (step.index() != skipped) {
          ShopSchema.execute(connection, step.sql());
        }
      }
      return ShopSchema.snapshot(connection);
    }
  }
}
