package dev.helpdesk.edge.version;

import dev.helpdesk.edge.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code If-Match} header of a write, read by the one rule of the helpdesk: absent means "whatever the current
 * version"; {@code *} means "the resource must exist"; otherwise a comma-separated list of entity tags, each
 * {@code "3"}, weak {@code W/"3"} (compared by its version, as the tags are versions) or, for clients written before
 * the rule, a bare {@code 3}. Anything else is a 400 {@code invalid-request} naming the header; a list that does not
 * name the current version is a 409 {@code stale-version}.
 */
public final class IfMatch {

    public static final String HEADER = "If-Match";
    private static final Pattern TAG = Pattern.compile("(?:W/)?\"(\\d{1,18})\"|(\\d{1,18})");
    private static final IfMatch ABSENT = new IfMatch(false, false, List.of());

    private final boolean present;
    private final boolean any;
    private final List<Long> versions;

    private IfMatch(boolean present, boolean any, List<Long> versions) {
        this.present = present;
        this.any = any;
        this.versions = versions;
    }

    public static IfMatch parse(String header) {
        if (header == null || header.isBlank()) {
            return ABSENT;
        }
        if (header.strip().equals("*")) {
            return new IfMatch(true, true, List.of());
        }
        List<Long> versions = new ArrayList<>();
        for (String tag : header.split(",")) {
            Matcher matcher = TAG.matcher(tag.strip());
            if (!matcher.matches()) {
                throw ProblemException.invalid(HEADER, "must be * or entity tags given by this service, e.g. \"3\"");
            }
            versions.add(Long.parseLong(matcher.group(1) != null ? matcher.group(1) : matcher.group(2)));
        }
        return new IfMatch(true, false, List.copyOf(versions));
    }

    public boolean isPresent() {
        return present;
    }

    /** Whether a write may go ahead on a resource at {@code version}. */
    public boolean matches(long version) {
        return !present || any || versions.contains(version);
    }

    /** Refuses the write (409) unless it may go ahead on the resource at {@code currentVersion}. */
    public void require(long currentVersion, String what) {
        if (!matches(currentVersion)) {
            throw stale(what, Optional.of(currentVersion));
        }
    }

    /** Like {@link #require(long, String)} for a resource that may not exist yet: then any tag, even {@code *}, is stale. */
    public void require(Optional<Long> currentVersion, String what) {
        if (present && currentVersion.isEmpty()) {
            throw stale(what, currentVersion);
        }
        currentVersion.ifPresent(version -> require(version, what));
    }

    /**
     * The version a write expects, for stores that check it themselves (an event-sourced aggregate): none when the
     * header is absent or {@code *}; the one version named; for a list, the current version when the list names it
     * (the store then checks again that it is still current), otherwise a 409.
     */
    public Optional<Long> expectedVersion(LongSupplier currentVersion, String what) {
        if (!present || any) {
            return Optional.empty();
        }
        if (versions.size() == 1) {
            return Optional.of(versions.get(0));
        }
        long current = currentVersion.getAsLong();
        require(current, what);
        return Optional.of(current);
    }

    private ProblemException stale(String what, Optional<Long> currentVersion) {
        return ProblemException.staleVersion(what + " has changed since you read it (current ETag "
                + currentVersion.map(ETags::of).orElse("none") + "); read it again and retry.");
    }
}
