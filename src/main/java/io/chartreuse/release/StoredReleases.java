package io.chartreuse.release;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The latest revision of each release in Helm's storage: decoded, or unreadable and why. */
public record StoredReleases(List<HelmRelease> readable, List<UnreadableRelease> unreadable) {
  public StoredReleases {
    readable = List.copyOf(readable);
    unreadable = List.copyOf(unreadable);
  }

  /** {@code namespace/name} of every release Helm has, readable or not. */
  public Set<String> installed() {
    Set<String> names = new HashSet<>();
    readable.forEach(r -> names.add(r.namespace() + "/" + r.name()));
    unreadable.forEach(r -> names.add(r.namespace() + "/" + r.name()));
    return names;
  }
}
