package io.chartreuse.config;

import io.chartreuse.exit.ChartreuseException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The original's Patroni wait, generalised: before migrating, prove that the owner role can create
 * a table that the writer role can insert into and the reader role can read (default privileges
 * set).
 */
public record ReadinessProbeSettings(
    boolean enabled, String ownerRole, String writerRole, String readerRole, Duration timeout) {
  /** Role names go into SET ROLE unquoted, so only plain identifiers are accepted. */
  private static final Pattern ROLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

  public ReadinessProbeSettings {
    for (String role : List.of(ownerRole, writerRole, readerRole)) {
      if (!ROLE.matcher(role).matches()) {
        throw ChartreuseException.usage(
            "readiness probe role '"
                + role
                + "' is not a plain PostgreSQL role name;"
                + " set CHARTREUSE_READINESS_*_ROLE to the role's name");
      }
    }
  }
}
