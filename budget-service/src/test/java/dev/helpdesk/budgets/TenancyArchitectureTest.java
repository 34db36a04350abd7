package dev.helpdesk.budgets;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.helpdesk.testsupport.DoNotIncludeAotGenerated;
import dev.helpdesk.testsupport.TenancyRules;

/**
 * Every paged list query takes the caller's TenantScope (issue 16: tenancy fails closed). This service has none yet
 * (the timesheet is one organisation's, checked by the controller, and paged in memory): the rule is a
 * tripwire for the first one.
 */
@AnalyzeClasses(packages = "dev.helpdesk.budgets", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeAotGenerated.class})
class TenancyArchitectureTest {

    @ArchTest
    static final ArchRule anyListQueryTakesATenantScope = TenancyRules.anyListQueryTakesATenantScope();
}
