package dev.helpdesk.tickets.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.helpdesk.testsupport.DoNotIncludeAotGenerated;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The rules (aggregates, policies, commands) stay plain Java plus Axon's annotations: no Spring, SQL, Kafka, HTTP. */
@AnalyzeClasses(packages = "dev.helpdesk.tickets", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeAotGenerated.class})
class DomainIsolationTest {

    @ArchTest
    static final ArchRule rulesDoNotDependOnInfrastructure = noClasses()
            .that().resideInAnyPackage("..tickets.domain..", "..tickets.ticket.command..", "..tickets.organization.command..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..",
                    "org.apache.kafka..", "jakarta.servlet..", "com.fasterxml.jackson..",
                    "..tickets.config..", "..tickets.ticket.web..", "..tickets.ticket.query..", "..tickets.publishing..");
}
