# Loadstack images: one file, one target per image, all from debian:bookworm-slim.
#
#   docker compose up --build          builds every target it needs (see docker-compose.yml)
#   docker build --target api-service -t loadstack/api-service .
#
# Targets: nginx, db, api-service, consumer-service, health-dashboard, load-agent, provisioner.
# Maven runs once, in the `build` stage; the Java targets copy their jar from it (and the load-agent JMeter's
# jars from the `jmeter` stage).
# No `# syntax=` line and no RUN --mount on purpose: this builds with the classic builder
# (docker-compose 1.29) as well as with BuildKit (docker compose v2), and pulls nothing but the base.
# Dependencies are cached in their own layer: it is rebuilt only when a pom.xml changes.
# Nothing secret is baked into any image: secrets are generated at first start (see db/ and monit/).

ARG BASE_IMAGE=debian:bookworm-slim

############################################################ common base: Monit as supervisor
FROM ${BASE_IMAGE} AS base
ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 TZ=UTC
# tini is PID 1 (reaps what Monit's children leave behind), Monit is its only child and starts the service.
RUN apt-get update \
 && apt-get install -y --no-install-recommends monit tini curl ca-certificates procps openssl \
 && rm -rf /var/lib/apt/lists/* /etc/monit/conf.d/* /etc/monit/conf-enabled/* /etc/monit/conf-available/*
# (Each image copies monit/loadstack-entrypoint and monit/loadstack-secrets after its own apt layer,
# so that editing a script does not reinstall packages.)
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/lib/loadstack/loadstack-entrypoint"]
EXPOSE 2812

############################################################ nginx: TLS, routing, failover
FROM base AS nginx
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/* /etc/nginx/conf.d/* /var/www/html
COPY monit/loadstack-entrypoint monit/loadstack-secrets /usr/local/lib/loadstack/
COPY nginx/nginx.conf /etc/nginx/nginx.conf
COPY nginx/loadstack/ /etc/nginx/loadstack/
COPY nginx/prestart nginx/nginx-ctl /usr/local/lib/loadstack/
COPY monit/nginx.monitrc /etc/loadstack/monit/service.monitrc
RUN chmod 0755 /usr/local/lib/loadstack/* && ln -s nginx-ctl /usr/local/lib/loadstack/service-ctl
ENV LOADSTACK_SERVICE=nginx
EXPOSE 8080 5000

############################################################ db: MariaDB 10.11 from Debian
FROM base AS db
RUN apt-get update \
 && apt-get install -y --no-install-recommends mariadb-server \
 && rm -rf /var/lib/apt/lists/* /var/lib/mysql/* \
 && mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld /var/lib/mysql
COPY monit/loadstack-entrypoint monit/loadstack-secrets /usr/local/lib/loadstack/
COPY db/90-loadstack.cnf /etc/mysql/mariadb.conf.d/90-loadstack.cnf
COPY db/prestart db/mariadb-ctl /usr/local/lib/loadstack/
COPY monit/db.monitrc /etc/loadstack/monit/service.monitrc
RUN chmod 0755 /usr/local/lib/loadstack/* && chmod 0644 /etc/mysql/mariadb.conf.d/90-loadstack.cnf \
 && ln -s mariadb-ctl /usr/local/lib/loadstack/service-ctl
ENV LOADSTACK_SERVICE=db
EXPOSE 3306
VOLUME ["/var/lib/mysql"]

############################################################ the Java runtime every Java image shares
FROM base AS jre
# The real debian:bookworm-slim drops man pages, and the JRE's postinst needs this folder.
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/*

############################################################ what the three HTTP services share
FROM jre AS java-runtime
RUN useradd --system --home-dir /var/lib/loadstack --create-home --shell /usr/sbin/nologin loadstack
COPY monit/loadstack-entrypoint monit/loadstack-secrets monit/java-service /usr/local/lib/loadstack/
COPY monit/java.monitrc /etc/loadstack/monit/service.monitrc
RUN chmod 0755 /usr/local/lib/loadstack/* && ln -s java-service /usr/local/lib/loadstack/service-ctl
ENV MICRONAUT_SERVER_PORT=8080 \
    JAVA_OPTS="-Xms32m -Xmx256m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:+ExitOnOutOfMemoryError" \
    MICRONAUT_ENV_DEDUCTION=false
EXPOSE 8080

############################################################ sources: only what Maven reads
FROM ${BASE_IMAGE} AS sources
COPY . /src
# /poms: every pom.xml, for the dependency layer; /java: the Maven modules only (not nginx/, e2e/, ...),
# so that a change to an nginx or compose file does not rerun Maven, and the Locust plugin
# (clients/locust), which load-agent's jar carries as a resource.
RUN set -e; mkdir -p /poms /java; cd /src; \
    for pom in $(find . -name pom.xml -not -path '*/target/*' -not -path './.git/*'); do \
      dir=$(dirname "$pom"); mkdir -p "/poms/$dir"; cp "$pom" "/poms/$dir/"; \
      if [ "$dir" != "." ]; then mkdir -p "/java/$(dirname "$dir")"; cp -a "$dir" "/java/$dir"; fi; \
    done; \
    cp pom.xml /java/; \
    mkdir -p /java/clients && cp -a clients/locust /java/clients/; \
    find /java -type d -name target -prune -exec rm -rf {} +; \
    mkdir -p /extra-ca; \
    if [ -d .build-ca ]; then find .build-ca -maxdepth 1 -name '*.crt' -exec cp {} /extra-ca/ \; ; fi

############################################################ Maven and a JDK, for the build stages
FROM ${BASE_IMAGE} AS maven
ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && apt-get install -y --no-install-recommends maven openjdk-17-jdk-headless \
 && rm -rf /var/lib/apt/lists/*
# Extra CA certificates for the build only (Maven Central behind a TLS-inspecting proxy): *.crt files
# in .build-ca/ of the build context, if any (e2e/run copies the host's; see README, "Operations").
COPY --from=sources /extra-ca/ /usr/local/share/ca-certificates/build-extra/
RUN update-ca-certificates >/dev/null 2>&1
ENV MAVEN_OPTS="-Xmx768m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"

############################################################ jmeter: JMeter 5.6.3 for the load agent
# Its own stage, from one pom (load-agent/jmeter.pom.xml): a change to the code does not fetch JMeter again.
# /opt/jmeter is a JMeter home: lib/ (the jars the agent's JMeter generator puts on its classpath) and bin/.
FROM maven AS jmeter
COPY load-agent/jmeter.pom.xml /jmeter-build/pom.xml
RUN set -e; cd /jmeter-build; mvn -B -ntp package; \
    mv target/jmeter /opt/jmeter; rm -rf /jmeter-build /root/.m2; \
    echo "jmeter: $(ls /opt/jmeter/lib | wc -l) jars, $(du -sh /opt/jmeter | cut -f1)"

############################################################ build: Maven, once for all services
FROM maven AS build
WORKDIR /build
# 1. The dependency layer: the poms with a stub class in each module, built once so that every
#    plugin, annotation processor and dependency lands in ~/.m2. Rebuilt only when a pom changes.
COPY --from=sources /poms/ /build/
RUN set -e; for pom in $(find . -mindepth 2 -name pom.xml); do \
      dir=$(dirname "$pom"); mkdir -p "$dir/src/main/java/loadstackstub"; \
      echo 'package loadstackstub; public class Stub {}' > "$dir/src/main/java/loadstackstub/Stub.java"; \
    done; \
    mvn -B -ntp -Dmaven.test.skip=true package; \
    rm -rf /build
# 2. The real build.
WORKDIR /build
COPY --from=sources /java/ /build/
RUN set -e; mvn -B -ntp -Dmaven.test.skip=true package; \
    mkdir -p /out; \
    for m in api-service consumer-service health-dashboard load-agent provisioner; do \
      if [ -f "$m/target/$m.jar" ]; then cp "$m/target/$m.jar" /out/; fi; \
    done; \
    ls -l /out

############################################################ AppCDS training, with a throwaway MariaDB
# The same JRE as the services plus mariadb-server: each service's class-data archive is recorded by a
# start against a real (empty) database, so it also holds the classes of the database path. Only the
# archive leaves these stages; MariaDB stays out of the service images.
FROM java-runtime AS cds-trainer
RUN apt-get update \
 && apt-get install -y --no-install-recommends mariadb-server \
 && rm -rf /var/lib/apt/lists/* /var/lib/mysql/*

FROM cds-trainer AS api-service-cds
COPY --from=build /out/api-service.jar /opt/loadstack/service.jar
RUN /usr/local/lib/loadstack/java-service cds-archive

FROM cds-trainer AS consumer-service-cds
COPY --from=build /out/consumer-service.jar /opt/loadstack/service.jar
RUN /usr/local/lib/loadstack/java-service cds-archive

FROM cds-trainer AS health-dashboard-cds
COPY --from=build /out/health-dashboard.jar /opt/loadstack/service.jar
RUN /usr/local/lib/loadstack/java-service cds-archive

############################################################ the services
# The jar is copied from the same build output as in the training stage (same size and time, which the
# JVM checks before it maps the archive).
FROM java-runtime AS api-service
COPY --from=build /out/api-service.jar /opt/loadstack/service.jar
COPY --from=api-service-cds /opt/loadstack/service.jsa /opt/loadstack/service.jsa
ENV LOADSTACK_SERVICE=api-service

FROM java-runtime AS consumer-service
COPY --from=build /out/consumer-service.jar /opt/loadstack/service.jar
COPY --from=consumer-service-cds /opt/loadstack/service.jsa /opt/loadstack/service.jsa
ENV LOADSTACK_SERVICE=consumer-service LOADSTACK_JOURNAL_DIR=/var/lib/loadstack/journal
VOLUME ["/var/lib/loadstack/journal"]
# Graphite plaintext (Gatling's Graphite writer), besides HTTP on 8080
EXPOSE 2003

FROM java-runtime AS health-dashboard
COPY --from=build /out/health-dashboard.jar /opt/loadstack/service.jar
COPY --from=health-dashboard-cds /opt/loadstack/service.jsa /opt/loadstack/service.jsa
ENV LOADSTACK_SERVICE=health-dashboard

############################################################ load-agent: runs shares of launched tests
# No HTTP port and no CDS archive (it starts once and runs for long). Its generators are JMeter (the jars of
# the jmeter stage, in /opt/jmeter) and Debian's Locust; Loadstack's Locust plugin is inside the agent's jar.
# The agent and every generator it starts run as the user loadstack-agent, never root: a plan is code.
FROM jre AS load-agent
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3-locust \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /var/lib/loadstack-agent --create-home --shell /usr/sbin/nologin loadstack-agent
COPY --from=jmeter /opt/jmeter /opt/jmeter
COPY monit/loadstack-entrypoint monit/loadstack-secrets monit/load-agent-ctl /usr/local/lib/loadstack/
COPY monit/load-agent.monitrc /etc/loadstack/monit/service.monitrc
RUN chmod 0755 /usr/local/lib/loadstack/* && ln -s load-agent-ctl /usr/local/lib/loadstack/service-ctl
COPY --from=build /out/load-agent.jar /opt/loadstack/load-agent.jar
# Monit's status only inside the container (`monit status`), with a password made at start, so that an agent
# elsewhere needs nothing but the variables below (README, "Agents elsewhere").
ENV LOADSTACK_SERVICE=load-agent \
    LOADSTACK_MONIT_STATUS=local \
    LOADSTACK_JMETER_LIB=/opt/jmeter/lib \
    JAVA_OPTS="-Xms16m -Xmx128m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=96m -XX:+ExitOnOutOfMemoryError"

############################################################ provisioner: agents on demand (opt-in)
# Starts and removes agent containers through the Docker socket the compose profile "provisioner" mounts
# (provisioner/README.md). Its JVM runs as root, unlike the other services' (LOADSTACK_JAVA_USER): the socket is
# root's on the host, and whoever can use it is root there anyway, which is why the service is opt-in.
# No CDS archive: it starts once and runs for long, like the agent.
FROM java-runtime AS provisioner
COPY --from=build /out/provisioner.jar /opt/loadstack/service.jar
ENV LOADSTACK_SERVICE=provisioner LOADSTACK_JAVA_USER=root
