package dev.helpdesk.testsupport;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/**
 * Tenancy as an architecture rule, for each service's ArchUnit test: a paged list query (a method outside the
 * controllers that answers service-edge's {@code Page} or takes its {@code PageRequest}) takes a {@code TenantScope},
 * which only a {@code Caller} makes. So no list can be written that forgets the caller's organisation.
 */
public final class TenancyRules {

    private static final String PAGE = "dev.helpdesk.edge.paging.Page";
    private static final String PAGE_REQUEST = "dev.helpdesk.edge.paging.PageRequest";
    private static final String TENANT_SCOPE = "dev.helpdesk.edge.caller.TenantScope";
    private static final String REST_CONTROLLER = "org.springframework.web.bind.annotation.RestController";

    private TenancyRules() {
    }

    /**
     * For a service with paged list queries: they take a {@code TenantScope}, and there is at least one (so a renamed
     * {@code Page} or a moved package cannot make the rule check nothing).
     */
    public static ArchRule listQueriesTakeATenantScope() {
        return listQueriesRule().allowEmptyShould(false);
    }

    /**
     * For a service that has no paged list query yet (its lists are bounded reads by id): a tripwire, so that the first
     * one written takes a {@code TenantScope}. Passes while there is none.
     */
    public static ArchRule anyListQueryTakesATenantScope() {
        return listQueriesRule().allowEmptyShould(true);
    }

    private static ArchRule listQueriesRule() {
        return methods().that(arePagedQueries()).should(takeATenantScope())
                .because("a list query without the caller's tenant would show every organisation's rows (issue 16)");
    }

    private static DescribedPredicate<JavaMethod> arePagedQueries() {
        return DescribedPredicate.describe("are paged queries outside the controllers", method ->
                !method.getOwner().isAnnotatedWith(REST_CONTROLLER)
                        && (method.getRawReturnType().getName().equals(PAGE)
                        || method.getRawParameterTypes().stream().map(JavaClass::getName).anyMatch(PAGE_REQUEST::equals)));
    }

    private static ArchCondition<JavaMethod> takeATenantScope() {
        return new ArchCondition<>("take a TenantScope") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean scoped = method.getRawParameterTypes().stream().map(JavaClass::getName).anyMatch(TENANT_SCOPE::equals);
                events.add(new SimpleConditionEvent(method, scoped,
                        method.getFullName() + (scoped ? " takes" : " does not take") + " a TenantScope"));
            }
        };
    }
}
