# The runner image: a jlinked Java runtime made for the chartreuse jar, the jar with its start-up archive
# and the launchers, all in the self-contained, relocatable /opt/chartreuse; a non-root user; /app/migrations
# where the chart looks for Flyway migrations by default. No Python: an Alembic application copies
# /opt/chartreuse into its own Python image (README, examples/alembic/Dockerfile).
#
#   mvn -B -q package -DskipTests && docker build -t chartreuse/chartreuse:0.1.0 .
#   docker build --build-arg BASE=<a Debian image> …     (default debian:bookworm-slim; the tests use a
#                                                          local debootstrap base, scripts/test-cluster)
#
# Application images usually extend it:  FROM chartreuse/chartreuse:0.1.0 / COPY db/migration /app/migrations
ARG BASE=debian:bookworm-slim

# 1. The runtime: only the modules the runner uses (docs/benchmarks.md, "runner image"), from Debian's JDK.
FROM ${BASE} AS runtime
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jdk-headless postgresql \
 && rm -rf /var/lib/apt/lists/*
RUN jlink --add-modules java.base,java.desktop,java.management,java.naming,java.net.http,java.security.jgss,java.sql,jdk.httpserver,jdk.crypto.ec,jdk.unsupported \
      --strip-java-debug-attributes --no-header-files --no-man-pages --compress=2 --output /opt/chartreuse/runtime \
 && rm -f /opt/chartreuse/runtime/lib/server/classes.jsa

# 2. The start-up archive (/opt/chartreuse/chartreuse.jsa, see docker/make-archive), trained where it will
#    run, with this runtime, against a throwaway PostgreSQL that only this stage has.
FROM runtime AS archive
COPY target/chartreuse-*[0-9].jar /opt/chartreuse/chartreuse.jar
# Build tooling for the training run only, deleted below: never in the image.
COPY target/chartreuse-*-training.jar /opt/chartreuse/chartreuse-training.jar
COPY docker/chartreuse docker/chartreuse-upgrade docker/chartreuse-restore docker/make-archive /opt/chartreuse/bin/
RUN pg="$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)" \
 && mkdir -p /tmp/training && chown postgres /tmp/training \
 && echo training > /tmp/training/password && chown postgres /tmp/training/password \
 && runuser -u postgres -- "$pg/initdb" -D /tmp/training/data -U postgres --auth-local=trust \
      --auth-host=scram-sha-256 --pwfile=/tmp/training/password >/dev/null \
 && runuser -u postgres -- "$pg/pg_ctl" -D /tmp/training/data -w -l /tmp/training/server.log \
      -o "-p 55432 -k /tmp/training -c listen_addresses=127.0.0.1" start \
 && PATH="/opt/chartreuse/runtime/bin:$PATH" CHARTREUSE_HOME=/opt/chartreuse \
    CHARTREUSE_DATABASE_URL=jdbc:postgresql://127.0.0.1:55432/postgres CHARTREUSE_DATABASE_USER=postgres \
    CHARTREUSE_DATABASE_PASSWORD=training /opt/chartreuse/bin/make-archive \
 && runuser -u postgres -- "$pg/pg_ctl" -D /tmp/training/data -m fast -w stop \
 && rm -rf /tmp/training /opt/chartreuse/bin/make-archive /opt/chartreuse/chartreuse-training.jar

# 3. The image: the base and /opt/chartreuse (COPY keeps the files' times, which the archive checks).
FROM ${BASE}
COPY --from=archive /opt/chartreuse /opt/chartreuse
# The archive must map in the image as built (-Xshare:on fails otherwise), as the non-root user.
RUN echo 'chartreuse:x:10001:10001::/tmp:/usr/sbin/nologin' >>/etc/passwd \
 && echo 'chartreuse:x:10001:' >>/etc/group \
 && mkdir -p /app/migrations /app/alembic \
 && setpriv --reuid=10001 --regid=10001 --clear-groups \
      /opt/chartreuse/runtime/bin/java -Xshare:on -XX:SharedArchiveFile=/opt/chartreuse/chartreuse.jsa \
      -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -jar /opt/chartreuse/chartreuse.jar version
ENV PATH=/opt/chartreuse/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
USER 10001:10001
WORKDIR /app
ENTRYPOINT ["chartreuse"]
CMD ["--help"]
