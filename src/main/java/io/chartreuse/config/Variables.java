package io.chartreuse.config;

import java.util.Set;

/**
 * The environment variables the runner reads. Any other {@code CHARTREUSE_*} variable is a typo: a
 * usage error.
 */
public final class Variables {
  private Variables() {}

  // This project's own.
  public static final String ENGINE = "CHARTREUSE_ENGINE";
  public static final String DATABASE_URL = "CHARTREUSE_DATABASE_URL";
  public static final String DATABASE_USER = "CHARTREUSE_DATABASE_USER";
  public static final String DATABASE_PASSWORD = "CHARTREUSE_DATABASE_PASSWORD";
  public static final String DATABASE_SCHEMA = "CHARTREUSE_DATABASE_SCHEMA";
  public static final String FLYWAY_LOCATIONS = "CHARTREUSE_FLYWAY_LOCATIONS";
  public static final String FLYWAY_JARS = "CHARTREUSE_FLYWAY_JARS";
  public static final String DATABASE_WAIT_TIMEOUT = "CHARTREUSE_DATABASE_WAIT_TIMEOUT";
  public static final String LOCK_TIMEOUT = "CHARTREUSE_LOCK_TIMEOUT";
  public static final String STOP_PODS_TIMEOUT = "CHARTREUSE_STOP_PODS_TIMEOUT";
  public static final String STOP_POLICY = "CHARTREUSE_STOP_POLICY";
  public static final String MIGRATION_LOCK_TIMEOUT = "CHARTREUSE_MIGRATION_LOCK_TIMEOUT";
  public static final String ON_FAILURE = "CHARTREUSE_ON_FAILURE";
  public static final String ALLOW_EMPTY_DATABASE = "CHARTREUSE_ALLOW_EMPTY_DATABASE";
  public static final String ALLOW_HISTORY_DRIFT = "CHARTREUSE_ALLOW_HISTORY_DRIFT";
  public static final String ALLOW_SCHEMA_DRIFT = "CHARTREUSE_ALLOW_SCHEMA_DRIFT";
  public static final String DRIFT_SCHEMAS = "CHARTREUSE_DRIFT_SCHEMAS";
  public static final String READINESS_PROBE = "CHARTREUSE_READINESS_PROBE";
  public static final String READINESS_OWNER_ROLE = "CHARTREUSE_READINESS_OWNER_ROLE";
  public static final String READINESS_WRITER_ROLE = "CHARTREUSE_READINESS_WRITER_ROLE";
  public static final String READINESS_READER_ROLE = "CHARTREUSE_READINESS_READER_ROLE";
  public static final String READINESS_TIMEOUT = "CHARTREUSE_READINESS_TIMEOUT";
  public static final String PYTHON = "CHARTREUSE_PYTHON";
  public static final String SERVICEACCOUNT_DIR = "CHARTREUSE_SERVICEACCOUNT_DIR";
  public static final String LOG_FORMAT = "CHARTREUSE_LOG_FORMAT";
  public static final String STATUS_CONFIGMAP = "CHARTREUSE_STATUS_CONFIGMAP";
  public static final String JOB_NAME = "CHARTREUSE_JOB_NAME";
  public static final String POD_NAME = "CHARTREUSE_POD_NAME";
  public static final String POD_UID = "CHARTREUSE_POD_UID";
  public static final String EPHEMERAL_CONFIGMAP = "CHARTREUSE_EPHEMERAL_CONFIGMAP";
  public static final String EPHEMERAL_RESOURCES = "CHARTREUSE_EPHEMERAL_RESOURCES";

  // The original Chartreuse's, accepted unchanged.
  public static final String RELEASE_NAME = "CHARTREUSE_RELEASE_NAME";
  public static final String ENABLE_STOP_PODS = "CHARTREUSE_ENABLE_STOP_PODS";
  public static final String UPGRADE_BEFORE_DEPLOYMENT = "CHARTREUSE_UPGRADE_BEFORE_DEPLOYMENT";
  public static final String HELM_IS_INSTALL = "HELM_IS_INSTALL";
  public static final String HELM_CHART_APP_VERSION = "HELM_CHART_APP_VERSION";
  public static final String HELM_CHART_VERSION = "HELM_CHART_VERSION";
  public static final String MULTI_CONFIG_PATH = "CHARTREUSE_MULTI_CONFIG_PATH";
  public static final String ALEMBIC_URL = "CHARTREUSE_ALEMBIC_URL";
  public static final String ALEMBIC_ALLOW_EMPTY =
      "CHARTREUSE_ALEMBIC_ALLOW_MIGRATION_FOR_EMPTY_DATABASE";
  public static final String ALEMBIC_ADDITIONAL_PARAMETERS =
      "CHARTREUSE_ALEMBIC_ADDITIONAL_PARAMETERS";
  public static final String ALEMBIC_DIRECTORY_PATH = "CHARTREUSE_ALEMBIC_DIRECTORY_PATH";
  public static final String ALEMBIC_CONFIG_FILE_PATH = "CHARTREUSE_ALEMBIC_CONFIG_FILE_PATH";
  public static final String PATRONI_POSTGRESQL = "CHARTREUSE_PATRONI_POSTGRESQL";
  public static final String PATRONI_WAIT_TIMEOUT =
      "CHARTREUSE_ALEMBIC_POSTGRES_WAIT_CONFIGURED_TIMEOUT";

  /** Emitted by the original chart but never read by any runner; accepted and ignored. */
  static final Set<String> IGNORED_LEGACY =
      Set.of(
          "CHARTREUSE_MIGRATE_CONTAINER_IMAGE",
          "CHARTREUSE_MIGRATE_IMAGE_PULL_SECRET",
          "CHARTREUSE_UPGRADE_PRIORITYCLASS_NAME");

  /**
   * Read by the launchers (bin/chartreuse; the image's chartreuse), not by the runner; accepted.
   */
  static final Set<String> LAUNCHER = Set.of("CHARTREUSE_CDS", "CHARTREUSE_HOME");

  /**
   * The project's test bed exports these ({@code eval "$(scripts/test-cluster env)"}); they are
   * never the runner's, so a shell that ran that line can still run {@code chartreuse run}.
   */
  static final String TEST_BED_PREFIX = "CHARTREUSE_TEST_";

  static final Set<String> KNOWN =
      Set.of(
          ENGINE,
          DATABASE_URL,
          DATABASE_USER,
          DATABASE_PASSWORD,
          DATABASE_SCHEMA,
          FLYWAY_LOCATIONS,
          FLYWAY_JARS,
          DATABASE_WAIT_TIMEOUT,
          LOCK_TIMEOUT,
          STOP_PODS_TIMEOUT,
          STOP_POLICY,
          MIGRATION_LOCK_TIMEOUT,
          ON_FAILURE,
          ALLOW_EMPTY_DATABASE,
          ALLOW_HISTORY_DRIFT,
          ALLOW_SCHEMA_DRIFT,
          DRIFT_SCHEMAS,
          READINESS_PROBE,
          READINESS_OWNER_ROLE,
          READINESS_WRITER_ROLE,
          READINESS_READER_ROLE,
          READINESS_TIMEOUT,
          PYTHON,
          SERVICEACCOUNT_DIR,
          LOG_FORMAT,
          STATUS_CONFIGMAP,
          JOB_NAME,
          POD_NAME,
          POD_UID,
          EPHEMERAL_CONFIGMAP,
          EPHEMERAL_RESOURCES,
          RELEASE_NAME,
          ENABLE_STOP_PODS,
          UPGRADE_BEFORE_DEPLOYMENT,
          MULTI_CONFIG_PATH,
          ALEMBIC_URL,
          ALEMBIC_ALLOW_EMPTY,
          ALEMBIC_ADDITIONAL_PARAMETERS,
          ALEMBIC_DIRECTORY_PATH,
          ALEMBIC_CONFIG_FILE_PATH,
          PATRONI_POSTGRESQL,
          PATRONI_WAIT_TIMEOUT);
}
