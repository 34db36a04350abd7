package dev.helpdesk.sla;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.helpdesk.testsupport.DoNotIncludeAotGenerated;

@AnalyzeClasses(packages = "dev.helpdesk.sla", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeAotGenerated.class})
class ArchitectureTest {

    /** The clock rules are plain Java: no Spring, JDBC, Kafka or web. */
    @ArchTest
    static final ArchRule clockDomainIsPlainJava = classes().that().resideInAPackage("dev.helpdesk.sla.clock..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.helpdesk.sla.clock..",
                    "dev.helpdesk.businesstime..", "dev.helpdesk.events..");
}
