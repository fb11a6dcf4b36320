package com.reftab.scim.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.reftab.scim.equipment.LoanBounds;
import com.reftab.scim.equipment.LoanSettings;
import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ScimException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class LoanDemoPublishingTest {

    private static final String LOAN = "{\"type\":\"checked-out\",\"itemId\":\"item-1\",\"userId\":\"user-1\"}";

    private final ProducerTemplate producer = mock(ProducerTemplate.class);

    private LoanDemoApi api(boolean demo) {
        LoanSettings settings = new LoanSettings("reftab.assets.loans", "group", demo, new BigDecimal("10000000"));
        return new LoanDemoApi(settings, new LoanBounds(settings), producer);
    }

    private static ApiRequest request(String body) {
        return new ApiRequest(new ScimCall("tenant", "http://localhost"), Map.of(), Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutTheDemoSettingThereIsNoLoansEndpointAndNothingIsPublished() {
        assertThatThrownBy(() -> api(false).publish(request(LOAN)))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.detail()).contains("REFTAB_LOANS_DEMO");
                });
        verifyNoInteractions(producer);
    }

    @Test
    void aLoanKafkaDidNotAcknowledgeIsAnswered503() {
        Exchange failed = new DefaultExchange(new DefaultCamelContext());
        failed.setException(new org.apache.kafka.common.errors.TimeoutException("no broker"));
        when(producer.send(anyString(), any(Processor.class))).thenReturn(failed);

        assertThatThrownBy(() -> api(true).publish(request(LOAN)))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(503));
    }
}
