package io.chartreuse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CHARTREUSE_STOP_POLICY and CHARTREUSE_MIGRATION_LOCK_TIMEOUT: defaults, and a one-line error for
 * a bad value.
 */
class StopPolicyConfigTest {
  private static final String URL = "postgresql://db/app";

  private static StopPolicy policy(Map<String, String> env) {
    return new RunnerConfigLoader(new Env(env)).load().release().stopPolicy();
  }

  @Test
  void alwaysUnlessSet() {
    assertEquals(StopPolicy.ALWAYS, policy(Map.of("CHARTREUSE_DATABASE_URL", URL)));
    assertEquals(
        StopPolicy.BREAKING,
        policy(Map.of("CHARTREUSE_DATABASE_URL", URL, "CHARTREUSE_STOP_POLICY", "breaking")));
    assertEquals(
        StopPolicy.NEVER,
        policy(Map.of("CHARTREUSE_DATABASE_URL", URL, "CHARTREUSE_STOP_POLICY", "NEVER")));
    assertEquals(
        StopPolicy.ALWAYS,
        policy(Map.of("CHARTREUSE_ALEMBIC_URL", URL, "CHARTREUSE_STOP_POLICY", "always")));
  }

  @Test
  void anythingElseIsAUsageErrorNamingTheVariableAndTheValues() {
    ChartreuseException e =
        assertThrows(
            ChartreuseException.class,
            () ->
                policy(
                    Map.of(
                        "CHARTREUSE_DATABASE_URL", URL, "CHARTREUSE_STOP_POLICY", "compatible")));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertEquals(
        "CHARTREUSE_STOP_POLICY must be one of always, breaking, never, got 'compatible'",
        e.getMessage());
  }

  @Test
  void migrationLockTimeoutIsAtLeastOneSecond() {
    assertEquals(
        java.time.Duration.ofSeconds(5),
        new RunnerConfigLoader(new Env(Map.of("CHARTREUSE_DATABASE_URL", URL)))
            .load()
            .timeouts()
            .migrationLock());
    ChartreuseException e =
        assertThrows(
            ChartreuseException.class,
            () ->
                new RunnerConfigLoader(
                        new Env(
                            Map.of(
                                "CHARTREUSE_DATABASE_URL",
                                URL,
                                "CHARTREUSE_MIGRATION_LOCK_TIMEOUT",
                                "0")))
                    .load());
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertEquals(
        "CHARTREUSE_MIGRATION_LOCK_TIMEOUT must be at least 1 second (0 would let a migration wait forever for a lock)",
        e.getMessage());
  }
}
