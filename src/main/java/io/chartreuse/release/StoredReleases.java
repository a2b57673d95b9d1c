package io.chartreuse.release;

import java.util.List;

/** The latest revision of each release in Helm's storage: decoded, or unreadable and why. */
public record StoredReleases(List<HelmRelease> readable, List<UnreadableRelease> unreadable) {
  public StoredReleases {
    readable = List.copyOf(readable);
    unreadable = List.copyOf(unreadable);
  }
}
