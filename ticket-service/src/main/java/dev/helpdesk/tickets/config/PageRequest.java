package dev.helpdesk.tickets.config;

/** Validated paging parameters: page from 0, size 1..200. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 200;

    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            throw new InvalidRequestException("page", "page must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new InvalidRequestException("size", "size must be between 1 and " + MAX_SIZE);
        }
        return new PageRequest(p, s);
    }
}
