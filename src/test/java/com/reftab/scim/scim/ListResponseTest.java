package com.reftab.scim.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ListResponseTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode user(String id) {
        return JsonNodeFactory.instance.objectNode().put("id", id);
    }

    @Test
    void aPageIsWrittenAsAnOrdinaryListResponse() throws IOException {
        ObjectNode page = ListResponse.of(7, 3, List.of("a", "b"), ListResponseTest::user);

        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsBytes(page));

        assertThat(written).isEqualTo(MAPPER.readTree("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":7,"startIndex":3,
                 "itemsPerPage":2,"Resources":[{"id":"a"},{"id":"b"}]}"""));
    }

    @Test
    void eachResourceIsMadeOnlyOnceTheOneBeforeItWasWritten() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> writtenWhenMade = new ArrayList<>();
        ObjectNode page = ListResponse.of(3, 1, List.of("a", "b", "c"), id -> {
            writtenWhenMade.add(out.size());
            return user(id);
        });
        assertThat(writtenWhenMade).as("nothing is made before the answer is written").isEmpty();

        // Unbuffered, so the bytes of each resource reach the stream as it is written.
        MAPPER.getFactory().createGenerator(out).writeTree(page);

        assertThat(writtenWhenMade).hasSize(3);
        assertThat(writtenWhenMade.get(1)).isGreaterThan(writtenWhenMade.get(0));
        assertThat(writtenWhenMade.get(2)).isGreaterThan(writtenWhenMade.get(1));
    }

    @Test
    void aCallerCombiningPagesGetsTheResourcesAsTrees() {
        ObjectNode page = ListResponse.of(2, 1, List.of("a", "b"), ListResponseTest::user);

        assertThat(ListResponse.resources(page)).containsExactly(user("a"), user("b"));
    }
}
