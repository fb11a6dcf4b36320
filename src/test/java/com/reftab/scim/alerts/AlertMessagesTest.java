package com.reftab.scim.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** What the webhook receives is Slack mrkdwn: a name cannot become a link, a mention or markup. */
class AlertMessagesTest {

    @Test
    void namesAreEscapedForSlackMrkdwnInTheWebhookBody() {
        ObjectNode person = JsonNodeFactory.instance.objectNode().put("displayName", "Ann <!channel> & <https://evil.example|co>")
                .put("userName", "ann@example.com");
        ObjectNode alert = JsonNodeFactory.instance.objectNode().put("reason", "disabled").put("itemCount", 1);
        alert.set("person", person);
        alert.putArray("items").addObject().put("name", "Mac <b> & Co").put("assetTag", "RT-1");

        AlertMessages.Message message = AlertMessages.alerts(List.<JsonNode>of(alert));

        String text = message.webhook().path("text").asText();
        String section = message.webhook().path("blocks").get(1).path("text").path("text").asText();
        for (String mrkdwn : List.of(text, section)) {
            assertThat(mrkdwn).contains("Ann &lt;!channel&gt; &amp; &lt;https://evil.example|co&gt;", "Mac &lt;b&gt; &amp; Co")
                    .doesNotContain("<", ">");
        }
        assertThat(message.text()).as("the e-mail is plain text").contains("Ann <!channel> & <https://evil.example|co>");
    }
}
