package io.waihu.platform.rest;

import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;

/** One page of a list, with what a client needs to fetch the rest. */
public record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public static <T> Page<T> of(List<T> items, PageParams params, long totalItems) {
        long pages = totalItems == 0 ? 0 : (totalItems + params.size - 1) / params.size;
        return new Page<>(items, params.page, params.size, totalItems, pages);
    }

    /** Runs the page query and the count together. */
    public static <T> Uni<Page<T>> of(Uni<List<T>> items, Uni<Long> totalItems, PageParams params) {
        return Uni.combine().all().unis(items, totalItems).with((list, total) -> of(list, params, total));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
    }
}
