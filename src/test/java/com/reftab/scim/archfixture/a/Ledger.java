package com.reftab.scim.archfixture.a;

import com.reftab.scim.archfixture.b.Entry;

/** Half of a deliberate package cycle ({@code a} ↔ {@code b}) that ArchitectureTest must report. */
public class Ledger {

    public Entry first() {
        return new Entry(this);
    }
}
