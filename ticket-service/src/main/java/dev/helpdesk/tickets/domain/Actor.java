package dev.helpdesk.tickets.domain;

import dev.helpdesk.events.ActorKind;

import java.util.Objects;

/** Who sends a command: a customer's contact, support staff, or the system itself. */
public record Actor(String userId, ActorKind kind) {

    public static final Actor SYSTEM = new Actor("system", ActorKind.SYSTEM);

    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
    }

    public static Actor contact(String userId) {
        return new Actor(userId, ActorKind.CONTACT);
    }

    public static Actor staff(String userId) {
        return new Actor(userId, ActorKind.STAFF);
    }

    public boolean isContact() {
        return kind == ActorKind.CONTACT;
    }

    public boolean isStaff() {
        return kind == ActorKind.STAFF;
    }
}
