package dev.helpdesk.notifications;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.helpdesk.testsupport.DoNotIncludeAotGenerated;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The rules of who is mailed about what stay plain Java: no Spring, JDBC, Kafka, mail or web in the notice package. */
@AnalyzeClasses(packages = "dev.helpdesk.notifications", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeAotGenerated.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule rulesArePlainJava = noClasses().that().resideInAPackage("..notifications.notice..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.apache.kafka..", "java.sql..", "javax.sql..", "jakarta..",
                    "com.fasterxml..", "dev.helpdesk.notifications.outbox..", "dev.helpdesk.notifications.view..",
                    "dev.helpdesk.notifications.config..", "dev.helpdesk.notifications.inbound..");
}
