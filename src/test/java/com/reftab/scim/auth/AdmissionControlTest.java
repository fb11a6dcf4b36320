package com.reftab.scim.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import com.reftab.scim.auth.AdmissionControl.Admitted;
import com.reftab.scim.auth.AdmissionControl.Decision;
import com.reftab.scim.auth.AdmissionControl.Refused;
import com.reftab.scim.auth.TenantRateLimit.Budget;
import com.reftab.scim.protocol.ScimException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class AdmissionControlTest {

    private static final String SCIM_TOKEN = "acme-scim";
    private static final String ADMIN_TOKEN = "acme-admin";
    private static final String OPERATOR_TOKEN = "the-operator";

    /** Tokens as the database would hold them: acme's SCIM and admin token. */
    private static final class KnownTokens extends ApiTokens {

        private boolean reachable = true;

        KnownTokens() {
            super(null, null, null);
        }

        @Override
        public Optional<String> tenantFor(String token, TokenKind kind) {
            if (!reachable) {
                throw new DataAccessResourceFailureException("the database is away");
            }
            return Optional.ofNullable(token).map(Map.of(SCIM_TOKEN, TokenKind.SCIM, ADMIN_TOKEN, TokenKind.ADMIN)::get)
                    .filter(kind::equals).map(found -> "acme");
        }
    }

    private final KnownTokens tokens = new KnownTokens();
    private final TenantBulkhead bulkhead = new TenantBulkhead(2);
    private final TenantRateLimit rateLimit = new TenantRateLimit(new Budget(60, 3), new Budget(60, 3));
    private final AdmissionControl control = new AdmissionControl(
            new BearerAuthenticator(tokens, TokenKind.SCIM, "", rateLimit),
            new BearerAuthenticator(tokens, TokenKind.ADMIN, "", rateLimit),
            new OperatorToken(OPERATOR_TOKEN), bulkhead);

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static ScimException reason(Decision decision) {
        assertThat(decision).isInstanceOf(Refused.class);
        return (ScimException) ((Refused) decision).reason();
    }

    @Test
    void aTenantTokenOfTheRightKindIsAdmittedToItsApiWithAPlace() {
        Decision scim = control.decide(ApiArea.SCIM, bearer(SCIM_TOKEN));
        Decision admin = control.decide(ApiArea.ADMIN, bearer(ADMIN_TOKEN));

        assertThat(scim).isInstanceOfSatisfying(Admitted.class,
                admitted -> assertThat(admitted.admission()).isEqualTo(new Admission(ApiArea.SCIM, "acme")));
        assertThat(admin).isInstanceOfSatisfying(Admitted.class,
                admitted -> assertThat(admitted.admission()).isEqualTo(new Admission(ApiArea.ADMIN, "acme")));
        assertThat(bulkhead.inFlight("acme")).isEqualTo(2);
    }

    @Test
    void noTokenOrATokenOfTheOtherKindIsRefusedWith401() {
        assertThat(reason(control.decide(ApiArea.SCIM, null)).status()).isEqualTo(401);
        assertThat(reason(control.decide(ApiArea.SCIM, bearer(ADMIN_TOKEN))).status()).isEqualTo(401);
        assertThat(reason(control.decide(ApiArea.ADMIN, bearer(SCIM_TOKEN))).status()).isEqualTo(401);
        assertThat(bulkhead.inFlight("acme")).isZero();
    }

    @Test
    void aTenantOverItsRateIsRefusedWith429NamingTheTenant() {
        for (int i = 0; i < 3; i++) {
            ((Admitted) control.decide(ApiArea.SCIM, bearer(SCIM_TOKEN))).permit().release();
        }

        Decision fourth = control.decide(ApiArea.SCIM, bearer(SCIM_TOKEN));

        assertThat(reason(fourth).status()).isEqualTo(429);
        assertThat(reason(fourth).detail()).contains("rate limit");
        assertThat(((Refused) fourth).tenantId()).isEqualTo("acme");
    }

    @Test
    void aTenantAtItsInFlightBoundIsRefusedWith429UntilAPlaceIsGivenBack() {
        Admitted first = (Admitted) control.decide(ApiArea.SCIM, bearer(SCIM_TOKEN));
        control.decide(ApiArea.ADMIN, bearer(ADMIN_TOKEN));

        Decision third = control.decide(ApiArea.SCIM, bearer(SCIM_TOKEN));
        first.permit().release();

        assertThat(reason(third).status()).isEqualTo(429);
        assertThat(reason(third).retryAfterSeconds()).isEqualTo(1);
        assertThat(reason(third).detail()).contains("2 requests in progress").contains("reftab.scim.in-flight-per-tenant");
        assertThat(control.decide(ApiArea.SCIM, bearer(SCIM_TOKEN))).isInstanceOf(Admitted.class);
    }

    @Test
    void theOperatorApiAdmitsOnlyTheOperatorToken() {
        assertThat(control.decide(ApiArea.OPERATOR, bearer(OPERATOR_TOKEN))).isInstanceOfSatisfying(Admitted.class,
                admitted -> assertThat(admitted.admission()).isEqualTo(new Admission(ApiArea.OPERATOR, null)));
        assertThat(reason(control.decide(ApiArea.OPERATOR, null)).status()).isEqualTo(401);
        assertThat(reason(control.decide(ApiArea.OPERATOR, bearer(ADMIN_TOKEN))).status()).isEqualTo(401);
        assertThat(reason(control.decide(ApiArea.OPERATOR, bearer(OPERATOR_TOKEN + "x"))).status()).isEqualTo(401);
    }

    @Test
    void theOperatorHasAnInFlightBoundOfItsOwn() {
        control.decide(ApiArea.OPERATOR, bearer(OPERATOR_TOKEN));
        control.decide(ApiArea.OPERATOR, bearer(OPERATOR_TOKEN));

        assertThat(reason(control.decide(ApiArea.OPERATOR, bearer(OPERATOR_TOKEN))).status()).isEqualTo(429);
        assertThat(control.decide(ApiArea.SCIM, bearer(SCIM_TOKEN))).isInstanceOf(Admitted.class);
    }

    @Test
    void aPathThatIsNoEndpointIs401WithoutACredentialAnd404WithAnyValidOne() {
        assertThat(reason(control.decide(ApiArea.UNKNOWN, null)).status()).isEqualTo(401);
        assertThat(reason(control.decide(ApiArea.UNKNOWN, bearer("guess"))).status()).isEqualTo(401);
        assertThat(reason(control.decide(ApiArea.UNKNOWN, bearer(SCIM_TOKEN))).status()).isEqualTo(404);
        assertThat(reason(control.decide(ApiArea.UNKNOWN, bearer(ADMIN_TOKEN))).status()).isEqualTo(404);
        assertThat(reason(control.decide(ApiArea.UNKNOWN, bearer(OPERATOR_TOKEN))).status()).isEqualTo(404);
        assertThat(bulkhead.inFlight("acme")).isZero();
    }

    @Test
    void aTokenThatCannotBeLookedUpIsRefusedWithTheFailure() {
        tokens.reachable = false;

        Decision decision = control.decide(ApiArea.SCIM, bearer(SCIM_TOKEN));

        assertThat(decision).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.reason()).isInstanceOf(DataAccessResourceFailureException.class));
    }

    private AdmissionControl controlWithInstanceBound(int instanceBound) {
        return new AdmissionControl(new BearerAuthenticator(tokens, TokenKind.SCIM, "", rateLimit),
                new BearerAuthenticator(tokens, TokenKind.ADMIN, "", rateLimit),
                new OperatorToken(OPERATOR_TOKEN), bulkhead, new TenantBulkhead(instanceBound));
    }

    @Test
    void aRequestFindingTheInstanceAtItsBoundIsRefusedWith503NamingTheBoundAndKeepsNoTenantPlace() {
        AdmissionControl bounded = controlWithInstanceBound(1);
        Admitted first = (Admitted) bounded.decide(ApiArea.SCIM, bearer(SCIM_TOKEN));

        Decision second = bounded.decide(ApiArea.ADMIN, bearer(ADMIN_TOKEN));

        assertThat(reason(second).status()).isEqualTo(503);
        assertThat(reason(second).retryAfterSeconds()).isEqualTo(1);
        assertThat(reason(second).detail()).contains("1 API requests in progress").contains("reftab.scim.in-flight-per-instance");
        assertThat(bulkhead.inFlight("acme")).as("the refused request gave its tenant place back").isEqualTo(1);
        first.permit().release();
        assertThat(bulkhead.inFlight("acme")).isZero();
        assertThat(bounded.decide(ApiArea.SCIM, bearer(SCIM_TOKEN))).isInstanceOf(Admitted.class);
    }

    @Test
    void theOperatorIsAdmittedWhenTheTenantsFillTheInstance() {
        AdmissionControl bounded = controlWithInstanceBound(1);
        bounded.decide(ApiArea.SCIM, bearer(SCIM_TOKEN));

        assertThat(bounded.decide(ApiArea.OPERATOR, bearer(OPERATOR_TOKEN))).isInstanceOf(Admitted.class);
    }
}
