package dev.helpdesk.notifications.notice;

import java.util.regex.Pattern;

/** The one check of an e-mail address taken from configuration, tokens or events: one @, no spaces or angle brackets. */
public final class EmailAddresses {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"]{1,64}@[^@\\s<>,;\"]{1,253}");

    private EmailAddresses() {
    }

    public static boolean isValid(String address) {
        return address != null && address.length() <= 320 && ADDRESS.matcher(address).matches();
    }
}
