package dev.helpdesk.sla.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code ?page=0&size=50}: size at most 200; answers {@code {items, page, size, totalItems}}. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 200;

    public static PageRequest of(Integer page, Integer size) {
        List<FieldError> errors = new ArrayList<>();
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (s < 1 || s > MAX_SIZE) {
            errors.add(new FieldError("size", "must be between 1 and " + MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new PageRequest(p, s);
    }

    public Map<String, Object> of(List<?> all) {
        int from = (int) Math.min((long) page * size, all.size());
        int to = Math.min(from + size, all.size());
        return Map.of("items", all.subList(from, to), "page", page, "size", size, "totalItems", all.size());
    }
}
