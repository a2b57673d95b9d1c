package io.chartreuse.db;

import java.time.Instant;
import java.util.Optional;

/**
 * Who holds a database's chartreuse lock, as PostgreSQL reports it, and the statement it is
 * executing, if any: a runner killed during a long statement (CREATE INDEX CONCURRENTLY) leaves its
 * backend finishing that statement, and holding the lock, until PostgreSQL notices the client is
 * gone.
 */
public record LockHolder(
    int pid,
    String applicationName,
    Optional<Instant> since,
    Optional<String> clientAddress,
    Optional<String> executing) {
  public String describe() {
    return "pid "
        + pid
        + " ("
        + (applicationName == null || applicationName.isEmpty()
            ? "no application_name"
            : applicationName)
        + clientAddress.map(a -> " from " + a).orElse("")
        + ")"
        + since.map(s -> " since " + s).orElse("")
        + executing
            .map(
                e ->
                    ", still executing "
                        + e
                        + " (a statement of a run that may be gone: PostgreSQL finishes it, then the lock is free)")
            .orElse("");
  }
}
