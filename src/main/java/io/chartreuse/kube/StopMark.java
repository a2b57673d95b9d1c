package io.chartreuse.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/**
 * The annotation a runner sets on every Deployment it stops: written by the runner's workloads,
 * read by {@code restore}, {@code status} and the upgrade preflight. It lives here, below both,
 * because it is the contract between them.
 */
public final class StopMark {
  /** Its value is the release whose runner stopped the Deployment. */
  public static final String ANNOTATION = "wiremind.io/stopped-by";

  private StopMark() {}

  /** The release that stopped this object, if it carries the mark. */
  public static Optional<String> release(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(ANNOTATION));
  }

  public static boolean isStoppedBy(HasMetadata object, String release) {
    return release(object).filter(release::equals).isPresent();
  }
}
