package dev.helpdesk.budgets;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.helpdesk.testsupport.DoNotIncludeAotGenerated;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.helpdesk.budgets", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeAotGenerated.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule chargingRulesArePlainJava = noClasses().that().resideInAPackage("..charging..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "java.sql..", "javax.sql..", "com.fasterxml..", "jakarta..");

    @ArchTest
    static final ArchRule chargingRulesDependOnNoInfrastructureOfTheService = noClasses().that().resideInAPackage("..charging..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.helpdesk.budgets.config..",
                    "dev.helpdesk.budgets.projection..", "dev.helpdesk.budgets.report..", "dev.helpdesk.budgets.replay..",
                    "dev.helpdesk.budgets.threshold..");

    @ArchTest
    static final ArchRule reportsOnlyRead = noClasses().that().resideInAPackage("..report..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.helpdesk.budgets.replay..", "dev.helpdesk.budgets.threshold..",
                    "org.apache.kafka..");
}
