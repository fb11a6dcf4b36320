package com.reftab.scim.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantBulkheadTest {

    @Test
    void aTenantAtItsBoundIsRefusedWhileAnotherTenantIsAdmitted() {
        TenantBulkhead bulkhead = new TenantBulkhead(2);
        bulkhead.tryEnter("acme");
        bulkhead.tryEnter("acme");

        assertThat(bulkhead.tryEnter("acme")).isEmpty();
        assertThat(bulkhead.tryEnter("globex")).isPresent();
    }

    @Test
    void aReleasedPlaceCanBeTakenAgainAndReleasingTwiceFreesOnlyOne() {
        TenantBulkhead bulkhead = new TenantBulkhead(1);
        TenantBulkhead.Permit permit = bulkhead.tryEnter("acme").orElseThrow();

        permit.release();
        permit.release();

        assertThat(bulkhead.tryEnter("acme")).isPresent();
        assertThat(bulkhead.tryEnter("acme")).isEmpty();
        assertThat(bulkhead.inFlight("acme")).isEqualTo(1);
    }

    @Test
    void zeroTurnsTheBoundOff() {
        TenantBulkhead bulkhead = new TenantBulkhead(0);

        for (int i = 0; i < 100; i++) {
            assertThat(bulkhead.tryEnter("acme")).isPresent();
        }
    }

    @Test
    void aPermitHeldWithAnotherGivesBothPlacesBackOnce() {
        TenantBulkhead tenants = new TenantBulkhead(2);
        TenantBulkhead instance = new TenantBulkhead(2);
        TenantBulkhead.Permit both = tenants.tryEnter("acme").orElseThrow().with(instance.tryEnter("all").orElseThrow());
        tenants.tryEnter("acme");
        instance.tryEnter("all");

        both.release();
        both.release();

        assertThat(tenants.inFlight("acme")).isEqualTo(1);
        assertThat(instance.inFlight("all")).isEqualTo(1);
    }
}
