package com.reftab.scim.equipment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * What the loans topic's events mean for the holdings: each loan event, checked against its bounds,
 * is a write of the item's row (routes/equipment-holdings.yaml), applied only when newer than the
 * loan the row reflects. An event that cannot be read or is out of bounds fails, and is parked.
 */
@Component("loanProjection")
public class LoanProjection {

    private final ObjectMapper mapper;
    private final LoanBounds bounds;

    LoanProjection(ObjectMapper mapper, LoanBounds bounds) {
        this.mapper = mapper;
        this.bounds = bounds;
    }

    /** The loans of a poll's events, in their order. */
    public List<LoanEvent> applyAll(List<String> cloudEvents) throws IOException {
        List<LoanEvent> loans = new ArrayList<>();
        for (String cloudEvent : cloudEvents) {
            loans.add(apply(cloudEvent));
        }
        return loans;
    }

    /** The loan of one event. */
    public LoanEvent apply(String cloudEvent) throws IOException {
        return bounds.check(LoanEvent.fromCloudEvent(mapper.readTree(cloudEvent)));
    }
}
