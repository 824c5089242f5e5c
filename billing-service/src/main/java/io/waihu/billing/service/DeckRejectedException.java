package io.waihu.billing.service;

import io.waihu.billing.domain.rating.DeckError;
import io.waihu.platform.rest.ProblemException;

import java.util.List;

/** An uploaded deck was refused; nothing of it was stored. Carries every fault found, with line and column. */
public class DeckRejectedException extends ProblemException {

    private final List<DeckError> errors;

    public DeckRejectedException(List<DeckError> errors) {
        super(422, "invalid-deck", "Invalid tariff deck", errors.size() + " problem(s) in the deck; nothing was stored");
        this.errors = List.copyOf(errors);
    }

    public List<DeckError> errors() {
        return errors;
    }
}
