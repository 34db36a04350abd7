package dev.helpdesk.sla;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.helpdesk.testsupport.DoNotIncludeAotGenerated;
import dev.helpdesk.testsupport.TenancyRules;

/**
 * Every paged list query takes the caller's TenantScope (issue 16: tenancy fails closed). This service has none yet
 * (its paged lists, the SLA policies and calendars, are reference data shared by every organisation and are
 * read in the controllers): the rule is a tripwire for the first one.
 */
@AnalyzeClasses(packages = "dev.helpdesk.sla", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeAotGenerated.class})
class TenancyArchitectureTest {

    @ArchTest
    static final ArchRule anyListQueryTakesATenantScope = TenancyRules.anyListQueryTakesATenantScope();
}
