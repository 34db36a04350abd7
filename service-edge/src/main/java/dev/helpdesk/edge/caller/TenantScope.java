package dev.helpdesk.edge.caller;

import java.util.Optional;

/**
 * The organisations a list query may return rows of: one organisation, every organisation (staff only), or none (a
 * confined caller asked for another organisation). Only a {@link Caller} makes one ({@link Caller#scope(String)}),
 * and every paged list query of a service takes one (an ArchUnit rule in each service), so a query cannot be
 * written that forgets the caller's tenant.
 */
public final class TenantScope {

    private static final TenantScope EVERY_ORGANIZATION = new TenantScope(null, false);
    private static final TenantScope NOTHING = new TenantScope(null, true);

    private final String organizationId;
    private final boolean nothing;

    private TenantScope(String organizationId, boolean nothing) {
        this.organizationId = organizationId;
        this.nothing = nothing;
    }

    static TenantScope of(String organizationId) {
        return new TenantScope(organizationId, false);
    }

    static TenantScope everyOrganization() {
        return EVERY_ORGANIZATION;
    }

    static TenantScope nothing() {
        return NOTHING;
    }

    /** The one organisation the query is confined to; empty when it may read every one (or {@link #isNothing()}). */
    public Optional<String> organizationId() {
        return Optional.ofNullable(organizationId);
    }

    /** Whether the query must return no rows at all. */
    public boolean isNothing() {
        return nothing;
    }

    @Override
    public String toString() {
        return nothing ? "TenantScope[nothing]"
                : organizationId == null ? "TenantScope[every organisation]" : "TenantScope[" + organizationId + "]";
    }
}
