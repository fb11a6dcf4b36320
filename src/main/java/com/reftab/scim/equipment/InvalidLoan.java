package com.reftab.scim.equipment;

/** A loan event that cannot be applied as it is: a field missing, malformed or out of bounds. */
public class InvalidLoan extends IllegalArgumentException {

    public InvalidLoan(String detail) {
        super(detail);
    }
}
