package com.reftab.scim.archfixture.b;

import com.reftab.scim.archfixture.a.Ledger;

/** The other half of the deliberate package cycle: {@code b} needs {@code a} back. */
public record Entry(Ledger ledger) {
}
