# The runner image: a JRE, the chartreuse jar, the chartreuse-upgrade / chartreuse-restore aliases the
# chart calls, Python with Alembic for Alembic users, a non-root user, and /app/migrations where the
# chart looks for Flyway migrations by default.
#
#   mvn -B -q package -DskipTests && docker build -t chartreuse/chartreuse:0.1.0 .
#
# Application images usually extend it:  FROM chartreuse/chartreuse:0.1.0 / COPY db/migration /app/migrations
FROM eclipse-temurin:17-jre-jammy

RUN apt-get update \
 && apt-get install -y --no-install-recommends python3-alembic python3-psycopg2 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 chartreuse \
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin chartreuse \
 && mkdir -p /app/migrations /app/alembic

COPY target/chartreuse-*[0-9].jar /app/chartreuse.jar
COPY docker/chartreuse docker/chartreuse-upgrade docker/chartreuse-restore /usr/local/bin/

ENV CHARTREUSE_PYTHON=/usr/bin/python3 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:-UsePerfData"
USER 10001:10001
WORKDIR /app
ENTRYPOINT ["chartreuse"]
CMD ["--help"]
