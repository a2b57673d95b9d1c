package io.chartreuse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CHARTREUSE_STOP_POLICY: always by default (the original's behaviour), any case, and a one-line error for anything else. */
class StopPolicyConfigTest {
  private static final String URL = "postgresql://db/app";

  private static StopPolicy policy(Map<String, String> env) {
    return new RunnerConfigLoader(new Env(env)).load().release().stopPolicy();
  }

  @Test
  void alwaysUnlessSet() {
    assertEquals(StopPolicy.ALWAYS, policy(Map.of("CHARTREUSE_DATABASE_URL", URL)));
    assertEquals(StopPolicy.BREAKING, policy(Map.of("CHARTREUSE_DATABASE_URL", URL, "CHARTREUSE_STOP_POLICY", "breaking")));
    assertEquals(StopPolicy.NEVER, policy(Map.of("CHARTREUSE_DATABASE_URL", URL, "CHARTREUSE_STOP_POLICY", "NEVER")));
    assertEquals(StopPolicy.ALWAYS, policy(Map.of("CHARTREUSE_ALEMBIC_URL", URL, "CHARTREUSE_STOP_POLICY", "always")));
  }

  @Test
  void anythingElseIsAUsageErrorNamingTheVariableAndTheValues() {
    ChartreuseException e = assertThrows(ChartreuseException.class,
        () -> policy(Map.of("CHARTREUSE_DATABASE_URL", URL, "CHARTREUSE_STOP_POLICY", "compatible")));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertEquals("CHARTREUSE_STOP_POLICY must be one of always, breaking, never, got 'compatible'", e.getMessage());
  }
}
