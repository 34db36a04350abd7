package dev.helpdesk.notifications.view;

import dev.helpdesk.notifications.config.NotificationProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Records the staff addresses of {@code helpdesk.notifications.staff-addresses} at start: the events name staff by
 * user id only. An address a staff member's own token gave since is kept (it is newer than the configuration).
 */
@Component
class ConfiguredStaffAddresses implements ApplicationRunner {

    private final UserAddresses addresses;
    private final NotificationProperties properties;

    ConfiguredStaffAddresses(UserAddresses addresses, NotificationProperties properties) {
        this.addresses = addresses;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        properties.staffAddressBook().forEach(addresses::recordConfigured);
    }
}
