package io.chartreuse.workloads;

import io.chartreuse.record.ClusterEvents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Optional;

/**
 * Events on the Deployments and HPAs the runner stops, starts, pauses and resumes, so that {@code
 * kubectl describe deployment web} answers "why is it at 0?" without chartreuse installed; also
 * when the runner runs from a workstation. Each says which release and why ({@link #because}: the
 * migration range and the Job, or a restore).
 */
public final class WorkloadTrail {
  private static final Kind DEPLOYMENT = new Kind("apps/v1", "Deployment");
  private static final Kind HPA = new Kind("autoscaling/v2", "HorizontalPodAutoscaler");

  private record Kind(String apiVersion, String name) {}

  private final Optional<ClusterEvents> events;
  private final String release;
  private String why;

  public WorkloadTrail(ClusterEvents events, String release, String why) {
    this.events = Optional.of(events);
    this.release = release;
    this.why = why;
  }

  private WorkloadTrail() {
    this.events = Optional.empty();
    this.release = "";
    this.why = "";
  }

  /** Says nothing. */
  public static WorkloadTrail none() {
    return new WorkloadTrail();
  }

  /** What the next Events give as the reason, e.g. {@code migrating default: 2 → 4}. */
  public void because(String why) {
    this.why = why;
  }

  void stopped(Deployment deployment) {
    Integer replicas = deployment.getSpec().getReplicas();
    say(
        DEPLOYMENT,
        deployment,
        "StoppedForMigration",
        "scaled from "
            + (replicas == null ? 1 : replicas)
            + " to 0 by chartreuse (release "
            + release
            + ") before "
            + why);
  }

  void broughtBack(Deployment deployment, int replicas) {
    say(
        DEPLOYMENT,
        deployment,
        "StartedAfterMigration",
        "scaled back to " + replicas + " by chartreuse (release " + release + ") after " + why);
  }

  void hpaPaused(HasMetadata hpa, String deployment) {
    say(
        HPA,
        hpa,
        "ScaleUpPausedForMigration",
        "scale-up paused by chartreuse (release "
            + release
            + ") while Deployment "
            + deployment
            + " is stopped, before "
            + why);
  }

  void hpaResumed(HasMetadata hpa) {
    say(
        HPA,
        hpa,
        "ScaleUpResumed",
        "behaviour restored by chartreuse (release " + release + ") after " + why);
  }

  /** Listed objects carry no kind; the API group of the HPA's kind is the same in every version. */
  private void say(Kind kind, HasMetadata object, String reason, String message) {
    String apiVersion = object.getApiVersion() != null ? object.getApiVersion() : kind.apiVersion();
    events.ifPresent(e -> e.on(apiVersion, kind.name(), object, reason, message));
  }
}
