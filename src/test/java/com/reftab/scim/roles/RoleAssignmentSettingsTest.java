package com.reftab.scim.roles;

import static com.reftab.scim.ConfigurationBinding.environment;
import static com.reftab.scim.ConfigurationBinding.validationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.reftab.scim.ConfigurationBinding;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RoleAssignmentSettingsTest {

    @EnableConfigurationProperties(RoleAssignmentLimits.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = ConfigurationBinding.of(Bound.class);

    @Test
    void theDefaultsAreThoseOfApplicationYml() {
        context.run(started -> assertThat(started.getBean(RoleAssignmentLimits.class))
                .isEqualTo(new RoleAssignmentLimits(20, 1024)));
    }

    @Test
    void theMostRolesPerPersonTheStoredListHoldsIsAccepted() {
        context.withInitializer(environment(Map.of("REFTAB_SCIM_ROLES_MAX_PER_USER", "1000")))
                .run(started -> assertThat(started.getBean(RoleAssignmentLimits.class).maxPerUser()).isEqualTo(1000));
    }

    @Test
    void moreRolesPerPersonThanTheStoredListHoldsStopTheStartNamingTheKey() {
        context.withPropertyValues("reftab.scim.roles.max-per-user=1001").run(started ->
                assertThat(validationFailure(started.getStartupFailure()))
                        .hasMessageContaining("maxPerUser")
                        .hasMessageContaining("must be less than or equal to 1000"));
    }
}
