package io.chartreuse.db;

import java.time.Instant;
import java.util.Optional;

/** Who holds a database's chartreuse lock, as PostgreSQL reports it. */
public record LockHolder(int pid, String applicationName, Optional<Instant> since, Optional<String> clientAddress) {
  public String describe() {
    return "pid " + pid + " (" + (applicationName == null || applicationName.isEmpty() ? "no application_name" : applicationName)
        + clientAddress.map(a -> " from " + a).orElse("") + ")" + since.map(s -> " since " + s).orElse("");
  }
}
