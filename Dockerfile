# Production image: the Vaadin production bundle in one jar, run as a non-root user.
# Build:  docker build -t patchbay .
# Run:    docker run -p 8080:8080 -e SPRING_DATASOURCE_URL=... -e PATCHBAY_VAULT_KEYSET=... patchbay

# Node 20 (Vaadin's frontend build) on Debian bookworm, plus Debian's JDK 17: nothing downloads a toolchain.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jdk-headless curl unzip ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# The build starts a throwaway embedded PostgreSQL to generate jOOQ classes; PostgreSQL refuses to run as root.
RUN useradd --create-home builder
USER builder
WORKDIR /home/builder/patchbay
COPY --chown=builder .mvn .mvn
COPY --chown=builder mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline -Pproduction || true
COPY --chown=builder build build
COPY --chown=builder db db
COPY --chown=builder frontend frontend
COPY --chown=builder src src
RUN ./mvnw -B -Pproduction -DskipTests package \
 && cp target/patchbay-*.jar target/patchbay.jar

FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin patchbay
WORKDIR /app
COPY --from=build /home/builder/patchbay/target/patchbay.jar /app/patchbay.jar
USER 10001
ENV SPRING_PROFILES_ACTIVE=production \
    PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/patchbay.jar"]
