package dev.helpdesk.escalations;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.helpdesk.testsupport.DoNotIncludeAotGenerated;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The escalation rules stay plain Java: no Spring, JDBC, Kafka or web in the domain package. */
@AnalyzeClasses(packages = "dev.helpdesk.escalations", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeAotGenerated.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that().resideInAPackage("..escalations.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.apache.kafka..", "java.sql..", "javax.sql..", "jakarta..",
                    "com.fasterxml..", "dev.helpdesk.escalations.escalation..", "dev.helpdesk.escalations.config..");
}
