package dev.helpdesk.budgets.projection;

import dev.helpdesk.events.UnreadableEventException;

/**
 * An event that breaks the published contract's rules the budget relies on; it is set aside as a dead letter with
 * this reason, as an unreadable record is.
 */
public class MalformedEventException extends UnreadableEventException {
    public MalformedEventException(String reason) {
        super(reason);
    }
}
