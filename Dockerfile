# One image per service, from the jar Maven built: docker build --build-arg MODULE=sla-service -t helpdesk/sla-service .
# Build the jars first: ./mvnw -DskipTests package
FROM eclipse-temurin:17-jre
ARG MODULE
RUN useradd --system --uid 10001 helpdesk
WORKDIR /app
COPY ${MODULE}/target/${MODULE}.jar /app/app.jar
USER helpdesk
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Daxoniq.update-checker.disabled=true" \
    AXONIQ_UPDATE_CHECKER_DISABLED=true
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
