package dev.helpdesk.edge.paging;

import java.util.List;

/**
 * One page of a cursor-paged list: the {@link Page} shape every list answers ({@code items, page, size, totalItems}),
 * extended with {@code nextCursor}, the opaque cursor of the following page ({@code null} on the last page). Clients
 * that page with {@code ?page=} keep working; clients that follow {@code nextCursor} are not disturbed by rows added
 * or moved on pages they already read.
 */
public record CursorPage<T>(List<T> items, int page, int size, long totalItems, String nextCursor) {

    public CursorPage {
        items = List.copyOf(items);
    }

    public static <T> CursorPage<T> empty(PageRequest request) {
        return new CursorPage<>(List.of(), request.page(), request.size(), 0, null);
    }
}
