package dev.helpdesk.edge.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The paging parameters of every list: {@code ?page=0&size=50}, page from 0, size 1 to {@value #MAX_SIZE}. A
 * controller takes it as {@code @Valid @ParameterObject PageRequest paging}; out-of-range values are a 400
 * {@code invalid-request} naming the parameter.
 */
public record PageRequest(
        @Min(value = 0, message = "must be 0 or more") Integer page,
        @Min(value = 1, message = "must be between 1 and " + PageRequest.MAX_SIZE)
        @Max(value = PageRequest.MAX_SIZE, message = "must be between 1 and " + PageRequest.MAX_SIZE) Integer size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public PageRequest {
        page = page == null ? 0 : page;
        size = size == null ? DEFAULT_SIZE : size;
    }

    public static PageRequest first() {
        return new PageRequest(0, DEFAULT_SIZE);
    }

    /** How many items the pages before this one hold. */
    public long offset() {
        return (long) page * size;
    }
}
