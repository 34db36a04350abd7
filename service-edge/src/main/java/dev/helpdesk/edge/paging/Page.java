package dev.helpdesk.edge.paging;

import java.util.List;

/** One page of a list, as every list answers: {@code {items, page, size, totalItems}}. */
public record Page<T>(List<T> items, int page, int size, long totalItems) {

    public Page {
        items = List.copyOf(items);
    }

    /** The requested page of a list held whole in memory. */
    public static <T> Page<T> of(List<T> all, PageRequest request) {
        List<T> items = all.stream().skip(request.offset()).limit(request.size()).toList();
        return new Page<>(items, request.page(), request.size(), all.size());
    }

    public static <T> Page<T> empty(PageRequest request) {
        return new Page<>(List.of(), request.page(), request.size(), 0);
    }
}
