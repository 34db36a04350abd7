package dev.helpdesk.tickets.config;

import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.caller.Role;
import dev.helpdesk.tickets.domain.Actor;
import dev.helpdesk.tickets.domain.NotPermittedException;

import java.util.Set;

/** Who a caller is to the ticket domain: support staff (agents, managers) or a customer's contact. */
public final class Actors {

    private static final Set<Role> SUPPORT_STAFF = Set.of(Role.AGENT, Role.MANAGER);

    private Actors() {
    }

    /** The actor a command comes from; any other role may not change tickets. */
    public static Actor of(Caller caller) {
        if (caller.hasAny(SUPPORT_STAFF)) {
            return Actor.staff(caller.userId());
        }
        if (caller.has(Role.CONTACT)) {
            return Actor.contact(caller.userId());
        }
        throw new NotPermittedException("role", "Your role may not change tickets.");
    }

    /** Internal comments are for staff only (fail closed: a caller of no staff role sees none). */
    public static boolean seesInternalNotes(Caller caller) {
        return caller.isStaff();
    }
}
