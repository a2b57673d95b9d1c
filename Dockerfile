# The runner image: a JRE, the chartreuse jar with its start-up archive, the chartreuse-upgrade /
# chartreuse-restore aliases the chart calls, Python with Alembic for Alembic users, a non-root user, and
# /app/migrations where the chart looks for Flyway migrations by default.
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
COPY target/chartreuse-*-training.jar /app/chartreuse-training.jar
COPY docker/chartreuse docker/chartreuse-upgrade docker/chartreuse-restore docker/make-archive /usr/local/bin/

# The start-up archive (/app/chartreuse.jsa, see docker/make-archive): trained on real runs against a
# throwaway PostgreSQL that is installed, started, stopped and removed within this one layer, so the image
# does not carry it. It makes every Job's JVM start about twice as fast (docs/benchmarks.md).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql \
 && pg="$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)" \
 && mkdir -p /tmp/training && chown postgres /tmp/training \
 && echo training > /tmp/training/password && chown postgres /tmp/training/password \
 && runuser -u postgres -- "$pg/initdb" -D /tmp/training/data -U postgres --auth-local=trust \
      --auth-host=scram-sha-256 --pwfile=/tmp/training/password >/dev/null \
 && runuser -u postgres -- "$pg/pg_ctl" -D /tmp/training/data -w -l /tmp/training/server.log \
      -o "-p 55432 -k /tmp/training -c listen_addresses=127.0.0.1" start \
 && CHARTREUSE_DATABASE_URL=jdbc:postgresql://127.0.0.1:55432/postgres CHARTREUSE_DATABASE_USER=postgres \
    CHARTREUSE_DATABASE_PASSWORD=training make-archive \
 && runuser -u postgres -- "$pg/pg_ctl" -D /tmp/training/data -m fast -w stop \
 && rm -rf /tmp/training \
 && apt-get purge -y --auto-remove postgresql postgresql-common postgresql-client-common \
 && rm -rf /var/lib/apt/lists/* \
 && rm /usr/local/bin/make-archive /app/chartreuse-training.jar

ENV CHARTREUSE_PYTHON=/usr/bin/python3
USER 10001:10001
WORKDIR /app
ENTRYPOINT ["chartreuse"]
CMD ["--help"]
