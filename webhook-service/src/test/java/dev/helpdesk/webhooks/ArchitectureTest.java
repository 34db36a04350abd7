package dev.helpdesk.webhooks;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.helpdesk.testsupport.DoNotIncludeAotGenerated;
import dev.helpdesk.testsupport.TenancyRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The webhook rules stay plain Java; every paged list query takes the caller's TenantScope. */
@AnalyzeClasses(packages = "dev.helpdesk.webhooks", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeAotGenerated.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that().resideInAPackage("..webhooks.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.apache.kafka..", "java.sql..", "javax.sql..", "jakarta..",
                    "com.fasterxml..", "dev.helpdesk.webhooks.endpoint..", "dev.helpdesk.webhooks.delivery..",
                    "dev.helpdesk.webhooks.inbound..", "dev.helpdesk.webhooks.config..");

    @ArchTest
    static final ArchRule listQueriesTakeATenantScope = TenancyRules.listQueriesTakeATenantScope();
}
