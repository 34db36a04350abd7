package dev.helpdesk.notifications.preference;

import dev.helpdesk.notifications.notice.NotificationType;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A user's e-mail settings: the types they opted out of, and every type with what it is and whether they receive it.
 *
 * @param optOuts the notification types the user receives no mail of
 * @param types   every notification type this service sends
 */
@Schema(description = "A user's e-mail opt-outs per notification type (docs/notifications.md)")
public record NotificationSettings(
        @Schema(description = "Types the user receives no mail of", example = "[\"sla-warning\"]") List<String> optOuts,
        @Schema(description = "Every notification type, with whether the user receives it") List<TypeSetting> types) {

    static NotificationSettings of(Set<NotificationType> optedOut) {
        return new NotificationSettings(
                Arrays.stream(NotificationType.values()).filter(optedOut::contains).map(NotificationType::id).toList(),
                Arrays.stream(NotificationType.values())
                        .map(type -> new TypeSetting(type.id(), type.description(), !optedOut.contains(type)))
                        .toList());
    }

    /**
     * @param type        the type's name (as in {@code optOuts})
     * @param description when the mail is sent
     * @param enabled     whether the user receives it
     */
    public record TypeSetting(
            @Schema(example = "public-reply") String type,
            String description,
            boolean enabled) {
    }

    /** The body of {@code PUT /api/me/notifications}: the complete list of opt-outs (an empty list: every mail). */
    @Schema(description = "The user's complete list of opt-outs; an empty list receives every mail")
    public record Change(
            @Schema(description = "Notification types the user wants no mail of", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "[\"sla-warning\", \"status-changed\"]") List<String> optOuts) {
    }
}
