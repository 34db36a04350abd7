package dev.helpdesk.browsertests;

import java.util.Base64;

/** A small valid PNG, as a screenshot a contact would drop into the form. */
final class Screenshots {

    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAHUlEQVR4nGP8z0AaYCJRPcOoBmIA4/8/0jSQHEoAGqEDH/2bTrsAAAAASUVORK5CYII=");

    private Screenshots() {
    }
}
