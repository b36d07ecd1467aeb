# Production image: the Vaadin production bundle in one jar, run as a non-root user.
# Build:  docker build -t patchbay .
# Run:    docker run -p 8080:8080 -e SPRING_DATASOURCE_URL=... -e PATCHBAY_VAULT_KEYSET=... patchbay

# Temurin 25, as the hub runs everywhere. Node 24 for Vaadin's frontend build comes from the npm registry through
# the build itself (pom.xml, profile node-linux-*): nothing downloads a toolchain from anywhere else.
FROM eclipse-temurin:25-jdk-noble AS build
# The build starts a throwaway embedded PostgreSQL to generate jOOQ classes; PostgreSQL refuses to run as root.
RUN useradd --create-home builder
USER builder
WORKDIR /home/builder/patchbay
COPY --chown=builder .mvn .mvn
COPY --chown=builder build build
COPY --chown=builder mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline -Pproduction || true
COPY --chown=builder db db
COPY --chown=builder frontend frontend
COPY --chown=builder src src
RUN ./mvnw -B -Pproduction -DskipTests package \
 && cp target/patchbay-*.jar target/patchbay.jar

FROM eclipse-temurin:25-jre-noble
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin patchbay
WORKDIR /app
COPY --from=build /home/builder/patchbay/target/patchbay.jar /app/patchbay.jar
USER 10001
ENV SPRING_PROFILES_ACTIVE=production \
    PORT=8080
EXPOSE 8080
# bash, not sh: /dev/tcp is bash's
HEALTHCHECK --interval=30s --timeout=3s CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/patchbay.jar"]
