package io.chartreuse.config;

import java.util.Optional;

/** The Helm side of a run: which release's Deployments to stop, and the mode matrix inputs. */
public record ReleaseSettings(
    Optional<String> releaseName, boolean stopPods, boolean upgradeBeforeDeployment, boolean helmIsInstall) {}
