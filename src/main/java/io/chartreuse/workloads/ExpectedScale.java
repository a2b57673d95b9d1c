package io.chartreuse.workloads;

/**
 * One ExpectedDeploymentScale: the Deployment to stop, the replicas to bring back, and its stop
 * priority.
 */
public record ExpectedScale(String deploymentName, int expectedScale, int priority) {}
