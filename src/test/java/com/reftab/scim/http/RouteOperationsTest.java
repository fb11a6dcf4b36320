package com.reftab.scim.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class RouteOperationsTest {

    @Test
    void aPathParameterStandsForOneWholeSegment() {
        Pattern user = RouteOperations.pathPattern("/scim/v2/Users/{id}");

        assertThat(user.matcher("/scim/v2/Users/2819c223").matches()).isTrue();
        assertThat(user.matcher("/scim/v2/Users/2819c223/more").matches()).isFalse();
        assertThat(user.matcher("/scim/v2/Users/").matches()).isFalse();
    }

    @Test
    void theRestOfATemplateIsTakenLiterally() {
        Pattern search = RouteOperations.pathPattern("/scim/v2/Users/.search");

        assertThat(search.matcher("/scim/v2/Users/.search").matches()).isTrue();
        assertThat(search.matcher("/scim/v2/Users/xsearch").matches()).isFalse();
    }
}
