package dev.helpdesk.escalations;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.helpdesk.testsupport.DoNotIncludeAotGenerated;
import dev.helpdesk.testsupport.TenancyRules;

/** Every paged list query takes the caller's TenantScope (issue 16: tenancy fails closed). */
@AnalyzeClasses(packages = "dev.helpdesk.escalations", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeAotGenerated.class})
class TenancyArchitectureTest {

    @ArchTest
    static final ArchRule listQueriesTakeATenantScope = TenancyRules.listQueriesTakeATenantScope();
}
