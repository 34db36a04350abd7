package dev.helpdesk.notifications.preference;

import dev.helpdesk.edge.caller.Caller;
import dev.helpdesk.edge.problem.FieldError;
import dev.helpdesk.edge.problem.ProblemException;
import dev.helpdesk.notifications.notice.NotificationType;
import dev.helpdesk.notifications.view.UserAddresses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The signed-in user's e-mail opt-outs. Any signed-in user (contact or staff) reads and replaces their own; nobody
 * else's. A staff member's token address becomes the address their mails go to (the events carry no staff addresses).
 */
@RestController
@RequestMapping(path = "/api/me/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Notification settings", description = "Each user's e-mail opt-outs per notification type")
public class NotificationSettingsController {

    private static final int MOST_OPT_OUTS = 50;

    private final OptOuts optOuts;
    private final UserAddresses addresses;

    public NotificationSettingsController(OptOuts optOuts, UserAddresses addresses) {
        this.optOuts = optOuts;
        this.addresses = addresses;
    }

    @GetMapping
    @Operation(summary = "The signed-in user's e-mail opt-outs and every notification type")
    public NotificationSettings readNotificationSettings(Caller caller) {
        rememberStaffAddress(caller);
        return NotificationSettings.of(optOuts.of(caller.userId()));
    }

    @PutMapping
    @Operation(summary = "Replace the signed-in user's e-mail opt-outs (the complete list; empty: every mail)")
    public NotificationSettings replaceNotificationSettings(@RequestBody NotificationSettings.Change change, Caller caller) {
        Set<NotificationType> types = typesOf(change);
        rememberStaffAddress(caller);
        optOuts.replace(caller.userId(), types);
        return NotificationSettings.of(optOuts.of(caller.userId()));
    }

    private static Set<NotificationType> typesOf(NotificationSettings.Change change) {
        if (change == null || change.optOuts() == null) {
            throw ProblemException.invalid("optOuts", "is required (an empty list receives every mail)");
        }
        if (change.optOuts().size() > MOST_OPT_OUTS) {
            throw ProblemException.invalid("optOuts", "at most " + MOST_OPT_OUTS + " entries");
        }
        Set<NotificationType> types = EnumSet.noneOf(NotificationType.class);
        List<FieldError> errors = new ArrayList<>();
        String known = Arrays.stream(NotificationType.values()).map(NotificationType::id).collect(Collectors.joining(", "));
        for (int i = 0; i < change.optOuts().size(); i++) {
            String field = "optOuts[" + i + "]";
            NotificationType.fromId(change.optOuts().get(i)).ifPresentOrElse(types::add,
                    () -> errors.add(new FieldError(field, "unknown notification type; one of " + known)));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return types;
    }

    private void rememberStaffAddress(Caller caller) {
        if (caller.isStaff()) {
            addresses.record(caller.userId(), caller.email(), UserAddresses.FROM_TOKEN);
        }
    }
}
